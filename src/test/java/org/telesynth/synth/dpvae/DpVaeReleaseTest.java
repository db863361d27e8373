package org.telesynth.synth.dpvae;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.telesynth.FileHashes;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.TableViews;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;
import org.telesynth.synth.ReleaseChecks;
import org.telesynth.synth.Releases;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The DP-VAE release end to end on a 20 k-device simulated fleet (one short epoch): budget, validity, one charge, seeds. */
class DpVaeReleaseTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path agg;

    @BeforeAll
    static void aggregate() {
        agg = SimulatedFleet.aggregated(20_000, 3);
    }

    private static Map<String, Object> release(Path data, Path out, long seed) {
        return Releases.release("dpvae", agg, data, out, 4, seed, Map.of("epochs", 1, "batch_size", 1024)).manifest();
    }

    @Test
    void release_passesLoad_keepsInvariants_chargesOnce_andIsReproducible(@TempDir Path tmp) throws Exception {
        Path data = Releases.dataset(tmp.resolve("dataset"), agg, 100, 1e-4);
        Map<String, Object> manifest = release(data, tmp.resolve("a"), 7);
        release(data, tmp.resolve("b"), 7);
        assertEquals(2, Ledger.of(data).read().entries().size(), "one charge per run");
        assertEquals(4.0, (double) ((Map<?, ?>) manifest.get("privacy")).get("epsilon"), 1e-6);
        FleetLoader.load(tmp.resolve("a"), tmp.resolve("validated"), false, Progress.NONE); // throws on any contract violation or orphan
        for (TableSchema t : Schema.tables()) {
            assertEquals(FileHashes.sha256(tmp.resolve("a").resolve(t.fileName())), FileHashes.sha256(tmp.resolve("b").resolve(t.fileName())), t.name());
        }
        try (Connection c = Duck.open()) {
            TableViews.create(c, tmp.resolve("a"), true);
            ReleaseChecks.assertBlockersInsideOsIntervals(c);
        }
    }

    /** The same seed trains the same weights, bit for bit; another seed does not. */
    @Test
    void training_sameSeedSameModel() {
        Layout layout = new Layout.Builder().category("c", 4).presence("p").build();
        double[] rows = new double[500 * 5];
        for (int i = 0; i < 500; i++) {
            rows[i * 5 + i % 4] = 1;
            rows[i * 5 + 4] = i % 3 == 0 ? 1 : 0;
        }
        var x = Nd4j.create(rows, new long[]{500, 5}, 'c').castTo(DataType.FLOAT);
        DpSgd sgd = new DpSgd(0.1, 1.2, 1, 30, 0.01, 50);
        Vae[] models = new Vae[3];
        long[] seeds = {1, 1, 2};
        for (int m = 0; m < 3; m++) {
            NoiseStream aux = new NoiseStream(RandomSource.seeded(seeds[m] + 100));
            models[m] = Vae.init(layout, 8, 2, DataType.FLOAT, aux);
            sgd.train(models[m], 500, x::getRows, new NoiseStream(RandomSource.seeded(seeds[m])), aux, true, null);
        }
        for (int p = 0; p < models[0].params.length; p++) {
            assertEquals(models[0].params[p], models[1].params[p], "parameter " + p);
        }
        assertNotEquals(models[0].params[0], models[2].params[0]);
    }
}
