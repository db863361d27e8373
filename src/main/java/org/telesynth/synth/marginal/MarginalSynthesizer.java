package org.telesynth.synth.marginal;

import org.telesynth.synth.relational.Coarsening;
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
 * The marginal method: a device model ({@link DeviceNetwork}) over device attributes and every child table's
 * summaries (its rows bucket, each numeric column's level, each categorical column's top category), sampled into
 * synthetic devices; the device tables written from it; each child table's rows on the devices whose rows bucket
 * says present, as many as the bucket says, and each column drawn from a noisy marginal given the device's
 * summary of that column (and a configured row parent), so cross-table relations hold wherever the model found
 * them, not only where config wires them. Everything measured is in the {@link RelationalPlan}, charged
 * before this runs.
 */
public final class MarginalSynthesizer {
    private final RelationalPlan plan;
    private final RandomSource random;
    private final Measurer measure;
    private final Progress progress;
    private final RelationalTables tables;
    /** A coarse cell of a summary holds at least about this many noise scales of devices (Coarsening). */
    private static final double MIN_GROUP_SIGMAS = 10;
    private final ReleaseConfig config;

    private MarginalSynthesizer(Connection c, RelationalPlan plan, ReleaseConfig config, RandomSource random, Measurer measure,
                                Progress progress) {
        this.plan = plan;
        this.config = config;
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
        double[][] fineOneWay = new double[na][];
        double[][] oneWay = new double[na][];
        Coarsening[] coarse = new Coarsening[na];
        int[][] real = new int[na][];
        int[] presenceOf = new int[na];
        for (int a = 0; a < na; a++) {
            DeviceAttribute attr = attrs.get(a);
            int[] fine = tables.fineCodes(attr);
            // sensitivity (plan): the device has one value of the attribute (its summary included), one cell, L2 = 1
            fineOneWay[a] = measure.release(plan.get("device " + attr.name() + " one-way"), counts(fine, attr.fineCells(config)));
            // the modelled cells from the released one-way alone (post-processing)
            coarse[a] = attr.coarsened(config) ? Coarsening.byMass(fineOneWay[a], cells[a], MIN_GROUP_SIGMAS * plan.pairSigma()) : Coarsening.identity(cells[a]);
            oneWay[a] = coarse[a].coarse(fineOneWay[a]);
            real[a] = new int[fine.length];
            for (int d = 0; d < fine.length; d++) {
                real[a][d] = coarse[a].of(fine[d]);
            }
            presenceOf[a] = attr.kind() == DeviceAttribute.Kind.LEVEL || attr.kind() == DeviceAttribute.Kind.TOP ? plan.rowsOf(attr.table()) : -1;
        }
        boolean[] presentOnly = new boolean[na];
        for (int a = 0; a < na; a++) {
            presentOnly[a] = presenceOf[a] >= 0;
        }
        DeviceNetwork network = DeviceNetwork.build(cells, oneWay, real, presentOnly, config.marginal().maxCells(), plan.pairSigma(),
                // sensitivity (plan): a candidate's score moves by at most 2 (DeviceNetwork)
                (c, second, scores) -> measure.select(plan.get("device network " + (second ? "second parent " : "parent ") + c), scores),
                // sensitivity (plan): the device sits in one cell of the table, L2 = 1
                (c, truth) -> measure.release(plan.get("device network table " + c), truth));
        int linked = 0;
        for (DeviceNetwork.Node node : network.nodes()) {
            linked += node.parents().length;
        }
        // public: the network's shape is a mechanism output (the selections)
        progress.step(String.format("  %,d synthetic devices; device network over %d attributes with %d parent links", n, na, linked));

        // drawing devices and rows from the released models is post-processing: a fast stream keyed once from the release's source
        RandomSource sampling = RandomSource.seeded(random.nextLong());
        int[][] synth = network.sample(n, presenceOf, sampling);
        tables.clipsFromRows(fineOneWay);
        return tables.write(n, synth, coarse, tables.rowsFromBuckets(synth, coarse, fineOneWay), sampling, out);
    }

    private static long[] counts(int[] codes, int cells) {
        long[] out = new long[cells];
        for (int v : codes) {
            out[v]++;
        }
        return out;
    }

}
