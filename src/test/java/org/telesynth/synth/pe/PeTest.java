package org.telesynth.synth.pe;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.FleetLoader;
import org.telesynth.privacy.Accountant;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;
import org.telesynth.synth.Releases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Private Evolution: data-free APIs, exact nearest neighbours within blocks, the plan's budget, the release end to end. */
class PeTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path agg;

    @BeforeAll
    static void aggregate() {
        agg = SimulatedFleet.aggregated(20_000, 3);
    }

    /** The random API takes only public cell counts and randomness (no data exists in this test): uniform per cell. */
    @Test
    void randomApi_isUniformOverThePublicCells_withoutAnyData() {
        int n = 60_000;
        int[] cells = {3, 7};
        int[][] r = PeApis.random(n, cells, RandomSource.seeded(1));
        for (int a = 0; a < cells.length; a++) {
            long[] counts = new long[cells[a]];
            for (int v : r[a]) {
                counts[v]++;
            }
            double p = 1.0 / cells[a];
            for (long c : counts) {
                // binomial count: 5 standard deviations
                assertEquals(n * p, c, 5 * Math.sqrt(n * p * (1 - p)));
            }
        }
    }

    @Test
    void variationApi_redrawsAtTheGivenRate() {
        int n = 50_000;
        int[] cells = {1000};
        int[][] start = PeApis.random(n, cells, RandomSource.seeded(2));
        int[][] varied = PeApis.vary(start, cells, 0.25, RandomSource.seeded(3));
        int changed = 0;
        for (int i = 0; i < n; i++) {
            changed += start[0][i] != varied[0][i] ? 1 : 0;
        }
        double p = 0.25 * (1 - 1.0 / 1000); // a redraw can land on the same cell
        assertEquals(n * p, changed, 5 * Math.sqrt(n * p * (1 - p)));
    }

    /**
     * Within a block the search is exact: it agrees with a brute-force scan restricted to the same block (over a
     * population in which every record appears twice, so candidates are the distinct records).
     */
    @Test
    void nearestNeighbours_matchBruteForceWithinTheBlock() {
        int[] cells = {3, 4, 5, 6};
        int[][] synth = PeApis.random(400, cells, RandomSource.seeded(4));
        int[][] real = PeApis.random(300, cells, RandomSource.seeded(5));
        double[] w = {1, 2, 0.5, 1.5};
        int[][] doubled = PeApis.select(synth, java.util.stream.IntStream.range(0, 800).map(i -> i % 400).toArray()); // each twice
        DistinctRecords candidates = new DistinctRecords(doubled);
        int[] nearest = new NearestNeighbours(candidates, VoteDistance.categorical(w, cells), new int[]{0}).nearest(real);
        for (int r = 0; r < 300; r++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int s = 0; s < 400; s++) {
                if (synth[0][s] != real[0][r]) {
                    continue;
                }
                double d = 0;
                for (int a = 0; a < 4; a++) {
                    d += real[a][r] != synth[a][s] ? w[a] : 0;
                }
                if (d < best) {
                    best = d;
                    arg = s;
                }
            }
            assertEquals(arg, candidates.first(nearest[r]), "real record " + r);
        }
    }

    @Test
    void rake_matchesTheTargetMarginals() {
        int[] cells = {2, 3};
        int[][] pop = PeApis.random(5_000, cells, RandomSource.seeded(6));
        double[] target = {700, 300, 100, 300, 600};
        double[] ones = new double[5_000];
        java.util.Arrays.fill(ones, 1);
        double[] w = PeSynthesizer.rake(pop, AttributeGroups.singletons(cells), target, ones);
        double total = java.util.Arrays.stream(w).sum();
        double[] got = new double[5];
        for (int i = 0; i < 5_000; i++) {
            got[pop[0][i]] += w[i] / total;
            got[2 + pop[1][i]] += w[i] / total;
        }
        assertArrayEquals(new double[]{0.7, 0.3, 0.1, 0.3, 0.6}, got, 1e-6);
    }

    /** Noise-only cells: 2 sigma in a small marginal, about 3.3 sigma (z of 1 - 1/2048) in one of 2,048 cells. */
    @Test
    void withoutNoiseCells_thresholdGrowsWithTheMarginalsCells() {
        AttributeGroups groups = AttributeGroups.singletons(new int[]{4, 2048});
        var m = org.telesynth.synth.Measurement.gaussian("test", 0.5, 1); // sigma 1
        double[] released = new double[4 + 2048];
        released[0] = 2.01; // kept: small marginal, over 2 sigma
        released[1] = 1.99; // zeroed
        released[4] = 3.2; // zeroed: under z(1 - 1/2048) = 3.30
        released[5] = 3.4; // kept
        double[] out = PeSynthesizer.withoutNoiseCells(released, groups, m);
        assertEquals(2.01, out[0]);
        assertEquals(0, out[1]);
        assertEquals(0, out[4]);
        assertEquals(3.4, out[5]);
    }

    @Test
    void plan_composesToTheRequestedBudget_vanillaAndConditional() {
        for (double share : new double[]{0, 0.3}) {
            var s = CONFIG.pe();
            var settings = new org.telesynth.config.PeSettings(s.deviceShare(), share, s.iterations(), s.population(), s.variationRate(),
                    s.variationDecay(), s.blocking(), s.distance(), s.marginals());
            PePlan plan = new PePlan(4, 1e-5, CONFIG, settings);
            assertEquals(4, Accountant.standard().compose(plan.events(), 1e-5).epsilon(), 1e-6, "conditional share " + share);
            assertEquals(s.iterations(), plan.votes().size());
            if (share > 0) {
                // a device sits in one cell of each workload marginal
                assertEquals(Math.sqrt(plan.groups().size()), plan.marginals().sensitivity(), 1e-12);
            } else {
                assertEquals(null, plan.marginals(), "vanilla PE measures no marginals");
            }
        }
    }

    /** A config error in pe.marginals is bad input: exit 2, one line naming it, nothing written, nothing charged. */
    @Test
    void cli_unknownAttributeInMarginals_exitTwo_chargesNothing(@TempDir Path tmp) throws Exception {
        Path data = Releases.dataset(tmp.resolve("dataset"), agg, 100, 1e-4);
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, Files.readString(Path.of("config/default.yaml"))
                .replace("- [ram, system_memory_utilization]", "- [ram, no_such_attribute]"));
        var r = org.telesynth.cli.CliRunner.run("synthesize-pe", "--in", agg.toString(), "--data", data.toString(), "--epsilon", "4",
                "--delta", "1e-5", "--out", tmp.resolve("out").toString(), "--config", config.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no_such_attribute"), r.err());
        assertTrue(Files.notExists(tmp.resolve("out")));
        assertEquals(0, Ledger.of(data).read().entries().size());
    }

    @Test
    void release_passesLoad_chargesOnce_andIsReproducible(@TempDir Path tmp) throws Exception {
        Path data = Releases.dataset(tmp.resolve("dataset"), agg, 100, 1e-4);
        for (String out : new String[]{"a", "b"}) {
            Releases.release("pe", agg, data, tmp.resolve(out), 4, 9L, Map.of("iterations", 3, "population", 2_000));
        }
        assertEquals(2, Ledger.of(data).read().entries().size(), "one charge per run");
        FleetLoader.load(tmp.resolve("a"), tmp.resolve("validated"), false, Progress.NONE); // throws on any contract violation
        for (TableSchema t : Schema.tables()) {
            assertEquals(FileHashes.sha256(tmp.resolve("a").resolve(t.fileName())), FileHashes.sha256(tmp.resolve("b").resolve(t.fileName())), t.name());
        }
        assertTrue(Files.size(tmp.resolve("a").resolve("manifest.json")) > 0);
    }
}
