package org.telesynth.sweep;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recommendation and the groups behind the page, on hand-made rows with known answers. */
class SweepReportTest {
    private static Map<String, Object> row(String method, double eps, long seed, int peerPassed, double error, String passed) {
        Map<String, Object> r = new LinkedHashMap<>();
        SweepResults.COLUMNS.keySet().forEach(k -> r.put(k, null));
        r.put("method", method);
        r.put("epsilon", eps);
        r.put("seed", seed);
        r.put("peer_passed", peerPassed);
        r.put("median_normalized_error", error);
        r.put("passed_queries", passed);
        return r;
    }

    @Test
    void recommendation_smallestEpsilonOnTheSeedMean_andBestMethodWithErrorAsTieBreak() {
        List<Map<String, Object>> rows = new ArrayList<>();
        // a: mean 13.5 at 1 (below 14), 14 at 4; b: 15 at 1; at 4 both mean 14, b has the lower error
        rows.add(row("a", 1, 1, 13, 3.0, "q1"));
        rows.add(row("a", 1, 2, 14, 3.0, "q1;q2"));
        rows.add(row("a", 4, 1, 14, 2.0, "q1"));
        rows.add(row("a", 4, 2, 14, 2.0, "q2"));
        rows.add(row("b", 1, 1, 15, 4.0, ""));
        rows.add(row("b", 4, 1, 14, 1.5, "q1"));
        rows.add(row("c", 1, 1, 2, 9.0, ""));
        Map<String, List<SweepReport.Group>> g = SweepReport.groups(rows, List.of("a", "b", "c"));
        SweepReport.Summary s = SweepReport.summary(g, 14);
        assertEquals(4.0, s.smallestEpsilon().get("a"));
        assertEquals(1.0, s.smallestEpsilon().get("b"));
        assertEquals(null, s.smallestEpsilon().get("c"), "c never reaches the bar");
        assertEquals("b", s.bestMethod().get(1.0));
        assertEquals("b", s.bestMethod().get(4.0), "equal passes: the lower error wins");
        SweepReport.Group a1 = g.get("a").get(0);
        assertEquals(13.5, a1.mean("peer_passed"), 1e-12);
        assertEquals(0.5, a1.sd("peer_passed"), 1e-12);
        assertEquals(1.0, a1.passRate("q1"), 1e-12);
        assertEquals(0.5, a1.passRate("q2"), 1e-12);
        assertEquals(0.0, a1.passRate("q"), 1e-12, "q is not q1: names are matched whole");
    }

    @Test
    void cellIds_andEpsilonText() {
        assertEquals("marginal-e0.5-s2", new SweepCell("marginal", 0.5, 2).id());
        assertEquals("pe-e16-s1", new SweepCell("pe", 16, 1).id());
        assertEquals(5.0, SweepCharts.niceCeiling(4.2));
        assertEquals(25.0, SweepCharts.niceCeiling(21));
    }
}
