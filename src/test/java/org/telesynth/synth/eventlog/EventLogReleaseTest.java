package org.telesynth.synth.eventlog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.Accountant;
import org.telesynth.privacy.study.LogStats;
import org.telesynth.privacy.study.ProductCounts;
import org.telesynth.synth.Releases;
import org.telesynth.synth.dpvae.EventLogDpVae;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both event-log methods on a planted log: 20,000 users whose events have a 2 % error rate on every product but D,
 * which has 10 % (five times). At epsilon 4 the synthetic log must keep D's rate highest and at least three times
 * the others' mean, and keep the study's user counts close (the Laplace cells' noise has scale 1 / 2).
 */
class EventLogReleaseTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path log;

    @BeforeAll
    static void plantedLog(@TempDir Path tmp) throws Exception {
        log = tmp.resolve("planted");
        Files.createDirectories(log);
        try (Connection c = Duck.open()) {
            // user i: primary product i mod 7, 4 + i mod 20 events, 80 % on the primary; errors at 10 % on D, 2 % elsewhere
            Duck.copyToParquet(c, """
                    WITH ev AS (SELECT i, j, CAST(CASE WHEN hash(i, j, 1) % 10 < 8 THEN i % 7 ELSE hash(i, j, 2) % 7 END AS INTEGER) AS p
                                FROM range(20000) u(i), range(0, 4 + i % 20) e(j))
                    SELECT list_extract(['A','B','C','D','E','F','Others'], p + 1) AS "Product Type",
                           CASE WHEN hash(i, j, 3) % 1000 < (CASE WHEN p = 3 THEN 100 ELSE 20 END) THEN 'error'
                                ELSE list_extract(['open','close','save','reset'], CAST(hash(i, j, 4) % 4 AS INTEGER) + 1) END AS "Event Type",
                           TIMESTAMP '2024-05-01' + to_seconds(CAST(hash(i, j, 5) % (92 * 86400) AS BIGINT)) AS "Time of Event",
                           'U' || lpad(i::VARCHAR, 6, '0') AS "User ID"
                    FROM ev""", log.resolve("eventlog.parquet"));
        }
        Ledger.of(log).init(1000, 1e-2);
    }

    @Test
    void plans_composeToTheRequestedBudget() {
        for (double epsilon : new double[]{1, 4, 16}) {
            UserModelPlan marginal = UserModelPlan.of(epsilon, 1e-5, CONFIG.eventlog(), true, java.util.List.of());
            double spent = Accountant.standard().compose(marginal.events(), 1e-5).epsilon();
            assertTrue(spent <= epsilon && spent > epsilon - 1e-9, "marginal at " + epsilon + ": " + spent);
            assertEquals(CONFIG.eventlog().usersShare() * epsilon, marginal.usersEpsilon(), 1e-12);
            double vae = Accountant.standard().compose(new EventLogDpVae.Plan(epsilon, 1e-5, CONFIG, CONFIG.dpvae()).events(), 1e-5).epsilon();
            assertTrue(vae <= epsilon && vae > epsilon - 1e-9, "dpvae at " + epsilon + ": " + vae);
        }
    }

    @Test
    void marginalEventLog_keepsThePlantedInteraction_andIsReproducible(@TempDir Path tmp) {
        for (String out : new String[]{"a", "b"}) {
            Releases.release("marginal-eventlog", log, log, tmp.resolve(out), 4, 5L, Map.of());
        }
        assertEquals(FileHashes.sha256(tmp.resolve("a/eventlog.parquet")), FileHashes.sha256(tmp.resolve("b/eventlog.parquet")));
        assertPlanted(tmp.resolve("a"));
    }

    @Test
    void dpvaeEventLog_keepsThePlantedInteraction(@TempDir Path tmp) {
        Releases.release("dpvae-eventlog", log, log, tmp.resolve("v"), 4, 5L, Map.of("epochs", 2, "batch_size", 512));
        assertPlanted(tmp.resolve("v"));
    }

    private static void assertPlanted(Path release) {
        ProductCounts truth = ProductCounts.read(log);
        LogStats s = LogStats.read(release, truth.products());
        int d = truth.products().indexOf("D");
        double others = 0;
        for (int p = 0; p < s.errorRate().length; p++) {
            others += p == d ? 0 : s.errorRate()[p] / (s.errorRate().length - 1);
            assertTrue(p == d || s.errorRate()[p] < s.errorRate()[d], "D highest: " + java.util.Arrays.toString(s.errorRate()));
        }
        assertTrue(s.errorRate()[d] >= 3 * others, "D " + s.errorRate()[d] + " vs the others' mean " + others);
        for (int p = 0; p < truth.total().length; p++) {
            // Laplace scale 1 / (0.5 x 4) per cell, two cells per product: a deviation over 20 has probability < 1e-8
            assertEquals(truth.total()[p], s.counts().total()[p], 20, truth.products().get(p));
            assertEquals(truth.errors()[p], s.counts().errors()[p], 20, truth.products().get(p));
        }
        // every synthetic user keeps at most events_per_user events
        long[] byEvents = s.usersByEvents();
        assertTrue(byEvents.length - 1 <= CONFIG.eventlog().eventsPerUser(), "longest user " + (byEvents.length - 1));
    }
}
