package org.telesynth.synth.eventlog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.io.Duck;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user-level bounds: neighbouring logs differ by all events of one user, and each marginal moves by at most
 * the sensitivity its mechanism is calibrated to, whatever that user's events; the bound on kept events holds on
 * a real Parquet log; a deliberately unbounded statistic fails the same check.
 */
class UserMarginalsTest {
    /** Three ordinary users and one extreme one (600 events, every one an error, all on product D at 3 a.m.). */
    private static final String LOG = """
            SELECT * FROM (VALUES ('A', 'open', TIMESTAMP '2024-05-02 09:00:00', 'u1'), ('A', 'error', TIMESTAMP '2024-05-02 10:00:00', 'u1'),
              ('B', 'save', TIMESTAMP '2024-05-03 20:00:00', 'u1'), ('B', 'close', TIMESTAMP '2024-05-04 21:00:00', 'u2'),
              ('C', 'open', TIMESTAMP '2024-06-01 08:30:00', 'u3'), ('A', 'open', TIMESTAMP '2024-06-01 08:40:00', 'u3'))
              t("Product Type", "Event Type", "Time of Event", "User ID")
            """;
    private static final String HEAVY = "SELECT 'D' AS \"Product Type\", 'error' AS \"Event Type\","
            + " TIMESTAMP '2024-05-10 03:00:00' + to_seconds(i) AS \"Time of Event\", 'u0' AS \"User ID\" FROM range(600) r(i)";

    @Test
    void read_keepsAtMostMEventsPerUser_theStudysPrimaryProductAndErrorOverAllEvents(@TempDir Path tmp) throws Exception {
        UserLog log = read(tmp, LOG + " UNION ALL " + HEAVY, 8);
        assertEquals(4, log.users());
        // users in User ID order: u0 (heavy), u1, u2, u3
        assertArrayEquals(new int[]{8, 3, 1, 2}, new int[]{log.kept(0), log.kept(1), log.kept(2), log.kept(3)});
        assertArrayEquals(new int[]{3, 0, 1, 0}, log.primary(), "u1: A twice; u3: A and C tie, A by name");
        assertArrayEquals(new boolean[]{true, true, false, false}, log.hadError());
        assertEquals(3, EventLogDomain.hourOf(log.second()[log.firstKept()[0]]));
    }

    @Test
    void neighbours_differingByTheHeavyUser_moveEachMarginalWithinItsSensitivity(@TempDir Path tmp) throws Exception {
        UserLog with = read(tmp.resolve("a"), LOG + " UNION ALL " + HEAVY, 128);
        UserLog without = read(tmp.resolve("b"), LOG, 128);
        int[] edges = UserMarginals.bucketEdges(128);
        assertEquals(1, l1(UserMarginals.users(with), UserMarginals.users(without)), 0, "one user, one cell: L1 1");
        assertEquals(1, l2(UserMarginals.usersByEvents(with, edges), UserMarginals.usersByEvents(without, edges)), 1e-12);
        for (Function<UserLog, long[]> weighted : java.util.List.<Function<UserLog, long[]>>of(UserMarginals::productMix,
                UserMarginals::eventTypes, UserMarginals::hours)) {
            double moved = l2(weighted.apply(with), weighted.apply(without));
            // all of the heavy user's 128 kept events in one cell, floor(1024 / 128) = 8 each: exactly W
            assertEquals(UserMarginals.WEIGHT, moved, 1e-9);
        }
    }

    @Test
    void anUnweightedEventCount_theBrokenStatistic_exceedsTheBoundTheCheckEnforces(@TempDir Path tmp) throws Exception {
        UserLog with = read(tmp.resolve("a"), LOG + " UNION ALL " + HEAVY, 1024);
        UserLog without = read(tmp.resolve("b"), LOG, 1024);
        // counting kept events without the per-user weight: the heavy user moves one cell by 600, past W / 1 and far
        // past the unit sensitivity a per-event count would be calibrated to
        double moved = l2(eventsByProduct(with), eventsByProduct(without));
        assertEquals(600, moved, 0);
        assertTrue(moved > 1, "the neighbour check catches an unbounded statistic");
        assertTrue(l2(UserMarginals.hours(with), UserMarginals.hours(without)) <= UserMarginals.WEIGHT);
    }

    @Test
    void bucketEdges_areHalfOctavesUpToM() {
        assertArrayEquals(new int[]{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128}, UserMarginals.bucketEdges(128));
        assertArrayEquals(new int[]{1, 2, 3, 4}, UserMarginals.bucketEdges(4));
        assertEquals(13, UserMarginals.bucketOf(UserMarginals.bucketEdges(128), 128));
        assertEquals(4, UserMarginals.bucketOf(UserMarginals.bucketEdges(128), 7));
    }

    private static long[] eventsByProduct(UserLog log) {
        long[] out = new long[EventLogDomain.PRODUCTS.size()];
        for (int p : log.product()) {
            out[p]++;
        }
        return out;
    }

    static UserLog read(Path dir, String sql, int m) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        Path file = dir.resolve("eventlog.parquet");
        try (Connection c = Duck.open()) {
            Duck.copyToParquet(c, sql, file);
            return UserLog.read(c, file, m);
        }
    }

    private static double l1(long[] a, long[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }

    private static double l2(long[] a, long[] b) {
        assertEquals(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
