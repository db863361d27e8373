package org.telesynth.synth.dpvae;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.privacy.Accountant;
import org.telesynth.ledger.Ledger;
import org.telesynth.sim.FleetSimulator;
import org.telesynth.sim.SimulationOptions;
import org.telesynth.synth.Releases;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event-log mode on 3,000 simulated users: budget, user counts, the events-per-user bound, public domains, reproducibility. */
class EventLogDpVaeTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path eventLog;

    @BeforeAll
    static void eventLog(@TempDir Path tmp) {
        eventLog = tmp.resolve("eventlog");
        FleetSimulator.simulate(eventLog, new SimulationOptions(3_000, 30, 1, SimulationOptions.Profile.eventlog,
                SimulationOptions.DEFAULT_START), Progress.NONE);
    }

    private static EventLogDpVae.Plan plan() {
        return new EventLogDpVae.Plan(4, 1e-5, CONFIG, CONFIG.dpvae().with(2, 256));
    }

    @Test
    void plan_composesToTheRequestedBudget() {
        assertEquals(4, Accountant.standard().compose(plan().events(), 1e-5).epsilon(), 1e-6);
    }

    @Test
    void release_staysInThePublicDomains_boundedCount_andIsReproducible(@TempDir Path tmp) throws Exception {
        // an event log is charged to its own folder's ledger (--in is --data)
        Path data = eventLog;
        Ledger.of(data).init(100, 1e-4);
        int before = Ledger.of(data).read().entries().size();
        for (String out : new String[]{"a", "b"}) {
            Releases.release("dpvae-eventlog", eventLog, data, tmp.resolve(out), 4, 5L, Map.of("epochs", 2, "batch_size", 256));
        }
        assertEquals(before + 2, Ledger.of(data).read().entries().size(), "one charge per run");
        Path a = tmp.resolve("a").resolve("eventlog.parquet");
        assertEquals(FileHashes.sha256(a), FileHashes.sha256(tmp.resolve("b").resolve("eventlog.parquet")));
        try (Connection c = Duck.open()) {
            String from = " FROM read_parquet(" + Duck.literal(a.toString()) + ")";
            // the log is assembled from the noisy user cells: about 3,000 users (Laplace scale 1 / (0.5 x 2.8) per cell,
            // 14 cells: off by more than 100 with negligible probability), none with more than events_per_user events
            long users = Duck.queryLong(c, "SELECT count(DISTINCT \"User ID\")" + from);
            assertTrue(Math.abs(users - 3_000) < 100, "users " + users);
            assertTrue(Duck.queryLong(c, "SELECT max(n) FROM (SELECT count(*) AS n" + from + " GROUP BY \"User ID\")")
                    <= CONFIG.eventlog().eventsPerUser());
            assertEquals(0, Duck.queryLong(c, "SELECT count(*)" + from + " WHERE \"Product Type\" NOT IN ('A','B','C','D','E','F','Others')"
                    + " OR \"Event Type\" NOT IN ('open','close','save','reset','error')"
                    + " OR \"Time of Event\" NOT BETWEEN TIMESTAMP '2024-05-01' AND TIMESTAMP '2024-08-01'"));
            assertTrue(Duck.queryLong(c, "SELECT count(DISTINCT \"Product Type\")" + from) > 1, "not collapsed to one product");
        }
    }
}
