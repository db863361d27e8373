package org.telesynth.synth.marginal;

import org.telesynth.synth.relational.Coarsening;
import org.telesynth.synth.relational.DeviceAttribute;
import org.telesynth.synth.relational.RelationalPlan;
import org.telesynth.synth.relational.RelationalTables;

import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.engine.DuckEngine;
import org.telesynth.engine.Engines;
import org.telesynth.engine.SqlEngine;
import org.telesynth.synth.BoundedViews;
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
    public static final class Method implements Synthesizer<MarginalPlan> {
        @Override
        public String name() {
            return "marginal";
        }

        @Override
        public boolean measuresOnEngines() {
            return true;
        }

        @Override
        public MarginalPlan plan(ReleaseConfig config, ReleaseRequest request) {
            request.allowOnly(Set.of());
            return new MarginalPlan(new RelationalPlan(request.epsilon(), request.delta(), config), request.engine(), request.sparkMaster());
        }

        @Override
        public Map<String, Long> synthesize(Path agg, MarginalPlan plan, RandomSource random, StagedOutput out, Progress progress) {
            return MarginalSynthesizer.synthesize(agg, plan, plan.config(), random, out, progress, e -> new Measurer(e, random, plan.config()));
        }
    }

    /**
     * As above with the measurer given (the neighbour test passes an exact, recording one). The measurements run on
     * the plan's engine over AGG's bounded views there; the tables are written through a DuckDB connection here,
     * which on DuckDB is the measurements' own.
     */
    static Map<String, Long> synthesize(Path agg, MarginalPlan plan, ReleaseConfig config, RandomSource random,
                                        StagedOutput out, Progress progress, Function<SqlEngine, Measurer> measurer) {
        if (plan.engine().equals(Engines.DUCKDB)) {
            try (Connection c = RelationalTables.open(agg, config, out)) {
                return new MarginalSynthesizer(c, plan.model(), config, random, measurer.apply(DuckEngine.over(c)), progress).run(out);
            } catch (SQLException e) {
                throw new IllegalStateException(Duck.message(e), e);
            }
        }
        try (SqlEngine engine = Engines.open(plan.engine(), plan.sparkMaster(), null, out.scratch("engine"));
             Connection c = Duck.open(0, "2GB", out.scratch("spill"))) {
            BoundedViews.create(engine, agg, config);
            return new MarginalSynthesizer(c, plan.model(), config, random, measurer.apply(engine), progress).run(out);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    /**
     * Where the network's counts come from: on DuckDB, the devices' codes fetched into arrays here (AGG is on this
     * machine anyway, and counting arrays is the faster); on another engine, a codes table there, of which only
     * the counts come back ({@link DeviceCodes}).
     */
    private DeviceNetwork.Contingency contingency(List<String> codeSql, int[] cells) {
        if (measure.engine() instanceof DuckEngine duck) {
            int[][] codes = new int[codeSql.size()][];
            for (int a = 0; a < codes.length; a++) {
                codes[a] = Duck.queryIntList(duck.connection(), "SELECT list(CAST(" + codeSql.get(a) + " AS INTEGER) ORDER BY guid) FROM device_profile");
            }
            return new CodeArrays(codes, cells);
        }
        return DeviceCodes.create(measure.engine(), codeSql, cells);
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
        List<String> codeSql = new java.util.ArrayList<>();
        int[] presenceOf = new int[na];
        for (int a = 0; a < na; a++) {
            DeviceAttribute attr = attrs.get(a);
            Measurer.Cells attrCells = attr.spec() == null ? null : measure.cells(attr.spec(), null);
            // private: the devices per key of the attribute, summed into its fine cells for the one-way below
            Map<String, Long> keys = attr.keyCounts(measure, config);
            Map<String, Integer> fineOfKey = new java.util.HashMap<>();
            long[] fine = new long[attr.fineCells(config)];
            for (var e : keys.entrySet()) {
                int f = attr.fineCellOf(e.getKey(), attrCells);
                fineOfKey.put(e.getKey(), f);
                fine[f] += e.getValue();
            }
            // sensitivity (plan): the device has one value of the attribute (its summary included), one cell, L2 = 1
            fineOneWay[a] = measure.release(plan.get("device " + attr.name() + " one-way"), fine);
            // the modelled cells from the released one-way alone (post-processing)
            coarse[a] = attr.coarsened(config) ? Coarsening.byMass(fineOneWay[a], cells[a], MIN_GROUP_SIGMAS * plan.pairSigma()) : Coarsening.identity(cells[a]);
            oneWay[a] = coarse[a].coarse(fineOneWay[a]);
            Map<String, Integer> codeOfKey = new java.util.HashMap<>();
            Coarsening group = coarse[a];
            fineOfKey.forEach((key, f) -> codeOfKey.put(key, group.of(f)));
            codeSql.add(attr.codeSql(measure, config, codeOfKey));
            presenceOf[a] = attr.kind() == DeviceAttribute.Kind.LEVEL || attr.kind() == DeviceAttribute.Kind.TOP ? plan.rowsOf(attr.table()) : -1;
        }
        boolean[] presentOnly = new boolean[na];
        for (int a = 0; a < na; a++) {
            presentOnly[a] = presenceOf[a] >= 0;
        }
        DeviceNetwork.Contingency real = contingency(codeSql, cells);
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

}
