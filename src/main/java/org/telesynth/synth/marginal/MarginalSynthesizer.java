package org.telesynth.synth.marginal;

import org.telesynth.synth.relational.DeviceAttribute;
import org.telesynth.synth.relational.RelationalPlan;
import org.telesynth.synth.relational.RelationalTables;

import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.Synthesizer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The marginal method: a device model ({@link DeviceTree}) over device attributes and every child table's
 * presence, sampled into synthetic devices; the device tables written from it; each child table's rows on the
 * devices the model says are present, rows per device from a noisy histogram, and each column drawn from a noisy
 * marginal crossed with its configured parent (a column of the row or a device attribute), so joins and
 * within-row relations the workload uses survive. Everything measured is in the {@link RelationalPlan}, charged
 * before this runs.
 */
public final class MarginalSynthesizer {
    private final RelationalPlan plan;
    private final RandomSource random;
    private final Measurer measure;
    private final Progress progress;
    private final RelationalTables tables;

    private MarginalSynthesizer(Connection c, RelationalPlan plan, ReleaseConfig config, RandomSource random, Measurer measure,
                                Progress progress) {
        this.plan = plan;
        this.random = random;
        this.measure = measure;
        this.progress = progress;
        this.tables = new RelationalTables(c, plan, config, measure, progress);
    }

    /** The method behind {@code synthesize-marginal}. */
    public static final class Method implements Synthesizer<RelationalPlan> {
        @Override
        public String name() {
            return "marginal";
        }

        @Override
        public RelationalPlan plan(ReleaseConfig config, ReleaseRequest request) {
            request.allowOnly(Set.of());
            return new RelationalPlan(request.epsilon(), request.delta(), config);
        }

        @Override
        public Map<String, Long> synthesize(Path agg, RelationalPlan plan, RandomSource random, StagedOutput out, Progress progress) {
            return MarginalSynthesizer.synthesize(agg, plan, plan.config(), random, out, progress, c -> new Measurer(c, random, plan.config()));
        }
    }

    /** As above with the measurer given (the neighbour test passes an exact, recording one). */
    static Map<String, Long> synthesize(Path agg, RelationalPlan plan, ReleaseConfig config, RandomSource random,
                                        StagedOutput out, Progress progress, Function<Connection, Measurer> measurer) {
        try (Connection c = RelationalTables.open(agg, config, out)) {
            return new MarginalSynthesizer(c, plan, config, random, measurer.apply(c), progress).run(out);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    private Map<String, Long> run(StagedOutput out) {
        List<DeviceAttribute> attrs = plan.attributes();
        int na = attrs.size();
        int[] cells = tables.cells();
        double noisyDevices = tables.noisyDeviceCount();
        int n = RelationalTables.syntheticDevices(noisyDevices);
        int[][] real = tables.realCodes();
        double[][] oneWay = new double[na][];
        for (int a = 0; a < na; a++) {
            // sensitivity (plan): the device has one value of the attribute, one cell, L2 = 1
            oneWay[a] = measure.release(plan.get("device " + attrs.get(a).name() + " one-way"), counts(real[a], cells[a]));
        }
        DeviceTree tree = DeviceTree.build(cells, oneWay, noisyDevices, plan.relevance(),
                (x, y) -> pairCounts(real[x], real[y], cells[y], cells[x] * cells[y]),
                // sensitivity (plan): a candidate's score moves by at most the largest pair relevance
                (round, scores) -> measure.select(plan.get("device tree selection " + (round + 1)), scores),
                // sensitivity (plan): the device sits in one cell of the pair, L2 = 1
                (round, e) -> measure.release(plan.get("device tree pair " + (round + 1)), pairCounts(real[e[0]], real[e[1]], cells[e[1]], cells[e[0]] * cells[e[1]])),
                plan.pairSigma());
        StringBuilder edges = new StringBuilder();
        for (DeviceTree.Edge e : tree.edges()) {
            edges.append(edges.length() == 0 ? "" : ", ").append(attrs.get(e.parent()).name()).append(" -> ").append(attrs.get(e.child()).name());
        }
        progress.step(String.format("  %,d synthetic devices; device tree from %s: %s", n, attrs.get(tree.root()).name(), edges));

        // drawing rows from the released models is post-processing: a fast stream keyed once from the release's source
        // drawing devices from the released model is post-processing: a fast stream keyed once from the release's source
        RandomSource sampling = RandomSource.seeded(random.nextLong());
        return tables.write(n, tree.sample(n, sampling), tables.measuredRows(), sampling, out);
    }

    private static long[] counts(int[] codes, int cells) {
        long[] out = new long[cells];
        for (int v : codes) {
            out[v]++;
        }
        return out;
    }

    private static long[] pairCounts(int[] a, int[] b, int cellsB, int cells) {
        long[] out = new long[cells];
        for (int i = 0; i < a.length; i++) {
            out[a[i] * cellsB + b[i]]++;
        }
        return out;
    }
}
