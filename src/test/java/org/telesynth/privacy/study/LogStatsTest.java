package org.telesynth.privacy.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.io.Duck;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The synthetic arms' metrics on hand-made logs whose rates, hours and event counts are known. */
class LogStatsTest {
    @Test
    void read_handMadeLog_givesItsKnownRatesHoursAndEventsPerUser(@TempDir Path tmp) throws Exception {
        // A: 4 events, 1 error (rate 0.25), all at 09:xx; B: 2 events, no error, at 09:xx and 21:xx
        // users: u1 has 3 events (A, A, B), u2 has 3 (A, A, B): two users with 3 events
        Path file = tmp.resolve("eventlog.parquet");
        try (Connection c = Duck.open()) {
            Duck.copyToParquet(c, """
                    SELECT * FROM (VALUES ('A', 'error', TIMESTAMP '2024-05-01 09:10:00', 'u1'), ('A', 'open', TIMESTAMP '2024-05-01 09:20:00', 'u1'),
                      ('B', 'open', TIMESTAMP '2024-05-01 09:30:00', 'u1'), ('A', 'save', TIMESTAMP '2024-05-02 09:00:00', 'u2'),
                      ('A', 'close', TIMESTAMP '2024-05-02 09:05:00', 'u2'), ('B', 'save', TIMESTAMP '2024-05-02 21:00:00', 'u2'))
                      t("Product Type", "Event Type", "Time of Event", "User ID")""", file);
        }
        LogStats s = LogStats.read(file, List.of("A", "B", "C"));
        assertArrayEquals(new double[]{0.25, 0, 0}, s.errorRate(), 1e-12);
        assertEquals(1.0, s.hourShares()[0][9], 1e-12);
        assertEquals(0.5, s.hourShares()[1][9], 1e-12);
        assertEquals(0.5, s.hourShares()[1][21], 1e-12);
        assertArrayEquals(new long[]{0, 0, 0, 2}, s.usersByEvents());
        // both users' primary product is A; u1 has an error
        assertArrayEquals(new long[]{2, 0, 0}, s.counts().total());
        assertArrayEquals(new long[]{1, 0, 0}, s.counts().errors());
    }

    @Test
    void metrics_ofKnownInputs() {
        // real range [0.01, 0.09]; synthetic [0.02, 0.05] covers 0.03 of 0.08
        assertEquals(0.375, LogStats.rateCoverage(new double[]{0.01, 0.05, 0.09}, new double[]{0.02, 0.05, 0.03}), 1e-12);
        assertEquals(1, LogStats.rateCoverage(new double[]{0.01, 0.09}, new double[]{0.0, 0.2}), 1e-12);
        assertEquals(0, LogStats.rateCoverage(new double[]{0.01, 0.09}, new double[]{0.1, 0.2}), 1e-12);
        // product 1: shares (1, 0) against (0.5, 0.5): TV 0.5; product 2 identical: 0; mean 0.25
        assertEquals(0.25, LogStats.hourTv(new double[][]{{1, 0}, {0.3, 0.7}}, new double[][]{{0.5, 0.5}, {0.3, 0.7}}), 1e-12);
        // everyone with 1 event against everyone with 2: the CDFs differ by 1 at n = 1
        assertEquals(1, LogStats.ks(new long[]{0, 10}, new long[]{0, 0, 5}), 1e-12);
        // half at 1 and half at 2 against all at 1: 0.5
        assertEquals(0.5, LogStats.ks(new long[]{0, 5, 5}, new long[]{0, 7}), 1e-12);
    }
}
