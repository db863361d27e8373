package org.telesynth.audit;

import org.junit.jupiter.api.Test;
import org.telesynth.io.Duck;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit's metrics on hand-made data, against values worked out by hand. */
class AuditMetricsTest {
    private static final TableSchema MEMORY = Schema.table("system_memory_utilization");

    private static Connection twoSides(String realRows, String synthRows) {
        Connection c = Duck.open();
        for (String[] side : new String[][]{{"real", realRows}, {"synth", synthRows}}) {
            Duck.exec(c, "CREATE SCHEMA " + side[0]);
            Duck.exec(c, "CREATE TABLE " + side[0] + ".system_memory_utilization (guid VARCHAR, avg_percentage_used DOUBLE, dt DATE)");
            Duck.exec(c, "INSERT INTO " + side[0] + ".system_memory_utilization " + side[1]);
        }
        return c;
    }

    @Test
    void ks_ofShiftedUniforms_isTheShareThatDoesNotOverlap() throws Exception {
        // real 1..10, synthetic 6..15: the CDFs differ most at 5, where real is at 0.5 and synthetic at 0
        try (Connection c = twoSides("SELECT 'g', range, DATE '2023-01-01' FROM range(1, 11)",
                "SELECT 'g', range, DATE '2023-01-01' FROM range(6, 16)")) {
            ColumnShape s = ColumnShapes.ks(c, MEMORY, MEMORY.column("avg_percentage_used").orElseThrow(), 1000);
            assertEquals(0.5, s.value(), 1e-12);
            assertEquals(10, s.rows());
            assertEquals(false, s.gated(), "10 values per side are too few for the gate");
            // identical samples: 0
            assertEquals(0.0, ColumnShapes.ks(c, MEMORY, MEMORY.column("dt").orElseThrow(), 1000).value(), 1e-12);
        }
    }

    @Test
    void tvd_ofCategoryShares_countsNullAsACategory() throws Exception {
        // real guid shares: a 1/2, b 1/2; synthetic: a 1/4, NULL 3/4 -> 0.5 (|1/2-1/4| + |1/2-0| + |0-3/4|) = 0.75
        try (Connection c = twoSides("VALUES ('a', 1, DATE '2023-01-01'), ('b', 1, DATE '2023-01-01')",
                "VALUES ('a', 1, DATE '2023-01-01'), (NULL, 1, DATE '2023-01-01'), (NULL, 1, DATE '2023-01-01'), (NULL, 1, DATE '2023-01-01')")) {
            assertEquals(0.75, ColumnShapes.tvd(c, MEMORY, MEMORY.column("guid").orElseThrow()).value(), 1e-12);
        }
    }

    @Test
    void ksError_isTheNinetyFivePercentCriticalValue() {
        // 1.36 sqrt(2 / n) for two samples of n: n = 200,000 -> 0.0043
        assertEquals(1.36 * Math.sqrt(2.0 / 200_000), ColumnShapes.ksError(200_000, 200_000), 1e-12);
    }

    @Test
    void auc_countsWinsAndHalfTies() {
        // members 0, 0, 1 against holdout 1, 2, 2: 3 + 3 + (0.5 + 2) = 8.5 of 9
        assertEquals(8.5 / 9, Membership.auc(new double[]{0, 0, 1}, new double[]{1, 2, 2}), 1e-12);
        assertEquals(0.5, Membership.auc(new double[]{1, 2}, new double[]{1, 2}), 1e-12);
        assertEquals(0.0, Membership.auc(new double[]{5, 6}, new double[]{1, 2}), 1e-12);
    }

    @Test
    void tprAtFpr_flagsOnlyBelowTheHoldoutQuantile() {
        double[] holdout = new double[100];
        for (int i = 0; i < 100; i++) {
            holdout[i] = i + 1; // 1..100: at 1 % FPR the threshold is below 2, flagging one holdout device (distance 1)
        }
        assertEquals(0.5, Membership.tprAtFpr(new double[]{0.5, 1.5, 3, 4}, holdout, 0.01), 1e-12);
    }

    @Test
    void dcrShare_isHalfForTies_andOneWhenEveryRecordSitsOnAMember() {
        assertEquals(0.5, Membership.closerToMembers(new double[]{1, 2}, new double[]{1, 2}), 1e-12);
        assertEquals(1.0, Membership.closerToMembers(new double[]{0, 0}, new double[]{1, 3}), 1e-12);
        assertEquals(0.75, Membership.closerToMembers(new double[]{0, 2}, new double[]{1, 2}), 1e-12);
    }

    @Test
    void correlationDifference_isTheGap_withUndefinedOnOneSideAsOne() throws Exception {
        assertEquals(1.0, CorrelationDiff.difference("0.5", "-0.5"), 1e-12);
        assertEquals(0.0, CorrelationDiff.difference(null, "NaN"), 1e-12);
        assertEquals(1.0, CorrelationDiff.difference("0.3", null), 1e-12);
        // real: y = x (correlation 1); synthetic: y = -x (-1): the one pair differs by 2
        try (Connection c = twoSides("SELECT 'g', range, DATE '2023-01-01' FROM range(1, 11)",
                "SELECT 'g', range, DATE '2023-01-01' FROM range(1, 11)")) {
            for (String side : new String[]{"real", "synth"}) {
                Duck.exec(c, "CREATE TABLE " + side + ".pairs AS SELECT range AS x, " + (side.equals("real") ? "" : "-") + "range AS y FROM range(1, 11)");
            }
            assertEquals(2.0, CorrelationDiff.difference(QuickChecks.rows(c, "SELECT corr(x, y) FROM real.pairs").get(0)[0],
                    QuickChecks.rows(c, "SELECT corr(x, y) FROM synth.pairs").get(0)[0]), 1e-9);
        }
    }
}
