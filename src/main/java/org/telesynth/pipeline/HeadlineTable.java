package org.telesynth.pipeline;

import org.telesynth.report.Comparison;
import org.telesynth.report.QueryScore;

import java.util.Locale;
import java.util.Map;

/** The table {@code run} prints at the end: what was released, at what cost, and how useful it is. */
public final class HeadlineTable {
    private HeadlineTable() {
    }

    /** The same facts as one JSON document ({@code run --json}), with the paths of the reports. */
    public static Map<String, Object> json(Pipeline.Headline h, java.nio.file.Path out) {
        Comparison c = h.comparison();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("method", h.method());
        m.put("epsilon", h.epsilon());
        m.put("delta", h.delta());
        m.put("run_id", h.runId());
        m.put("seeded", h.seeded());
        m.put("simulated_data", h.simulated());
        m.put("study_ledger", h.studyLedger());
        m.put("ledger_left", Map.of("epsilon", left(h.ledger().capEpsilon() - h.ledger().spentEpsilon()),
                "delta", left(h.ledger().capDelta() - h.ledger().spentDelta())));
        m.put("queries", c.queries().size());
        m.put("passed", c.passed());
        m.put("verdict", c.passed() + " of " + c.queries().size() + " queries meet their thresholds");
        m.put("peer_queries", c.queries().stream().filter(QueryScore::peerScored).count());
        m.put("peer_passed", c.queries().stream().filter(q -> q.peerScored() && q.passed()).count());
        m.put("mean_score", c.meanScore());
        m.put("median_normalized_error", c.medianNormalizedError());
        m.put("within_10", c.within(0.1));
        m.put("within_25", c.within(0.25));
        m.put("within_50", c.within(0.5));
        m.put("cross_table_fidelity", h.fidelity() == null ? null : h.fidelity().json());
        m.put("stage_seconds", h.stageSeconds());
        m.put("report", out.resolve("reports").resolve(h.method()).resolve("report.html").toAbsolutePath().normalize().toString());
        m.put("audit", h.audit() == null ? null : Map.of("verdict", h.audit().verdict().name(), "tier", h.audit().tier().toString()));
        return m;
    }

    public static String of(Pipeline.Headline h) {
        Comparison c = h.comparison();
        long peerScored = c.queries().stream().filter(QueryScore::peerScored).count();
        long peerPassed = c.queries().stream().filter(q -> q.peerScored() && q.passed()).count();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n%-34s %s%n", "method", h.method()));
        b.append(String.format(Locale.ROOT, "%-34s epsilon %.4g, delta %.3g (total, device-level)%n", "privacy spent", h.epsilon(), h.delta()));
        b.append(String.format(Locale.ROOT, "%-34s %s%n", "run id", h.runId()));
        var l = h.ledger();
        if (h.studyLedger()) {
            b.append(String.format(Locale.ROOT, "%-34s spent epsilon %.4g, delta %.3g in %d release%s (a study ledger: simulated public data,"
                    + " recorded, never refused)%n", "ledger", l.spentEpsilon(), l.spentDelta(), l.entries().size(), l.entries().size() == 1 ? "" : "s"));
        } else {
            b.append(String.format(Locale.ROOT, "%-34s epsilon %.4g, delta %.3g of the cap (epsilon %s, delta %s)%n", "ledger left",
                    left(l.capEpsilon() - l.spentEpsilon()), left(l.capDelta() - l.spentDelta()), l.capEpsilon(), l.capDelta()));
        }
        if (h.seeded()) {
            b.append(String.format(Locale.ROOT, "%-34s %s%n", "release", "SEEDED — not for release (its noise can be re-derived)"));
        }
        // the published figures were measured on another study's real fleet: shown only beside the simulator's, calibrated to it
        b.append(String.format(Locale.ROOT, "%-34s %d of %d%s%n", "queries passed (peer score)", c.passed(), c.queries().size(),
                h.simulated() ? String.format(Locale.ROOT, " (%d of the peers' %d; published: 6 of 21 at epsilon 76)", peerPassed, peerScored) : ""));
        b.append(String.format(Locale.ROOT, "%-34s %d of %d queries meet their thresholds; the report says why each other fails%n",
                "verdict", c.passed(), c.queries().size()));
        b.append(String.format(Locale.ROOT, "%-34s %s%n", "median normalised error", c.medianNormalizedError() == null ? "-"
                : String.format(Locale.ROOT, "%.2f%s", c.medianNormalizedError(), h.simulated() ? " (published per-table: 2.93)" : " (x the data's own half-split error)")));
        b.append(String.format(Locale.ROOT, "%-34s %.0f %% / %.0f %% / %.0f %%%n", "column means within 10/25/50 %",
                100 * c.within(0.1), 100 * c.within(0.25), 100 * c.within(0.5)));
        if (h.fidelity() != null) {
            b.append(String.format(Locale.ROOT, "%-34s %.3f mean TVD over %d pairs%s%n", "cross-table fidelity", h.fidelity().release().mean(),
                    h.fidelity().release().pairs().size(), h.fidelity().floor() == null ? ""
                            : String.format(Locale.ROOT, " (noise floor %.3f: %.1f x)", h.fidelity().floor().mean(), h.fidelity().ratio())));
        }
        StringBuilder stages = new StringBuilder();
        for (Map.Entry<String, Double> e : h.stageSeconds().entrySet()) {
            stages.append(String.format(Locale.ROOT, "%s %.1f s, ", e.getKey(), e.getValue()));
        }
        b.append(String.format(Locale.ROOT, "%-34s %s%n", "wall time", stages.substring(0, Math.max(0, stages.length() - 2))));
        return b.toString();
    }

    /** What is left of a cap, with the float dust of summed charges shown as the 0 it is. */
    private static double left(double v) {
        return v < 1e-9 ? 0 : v;
    }
}
