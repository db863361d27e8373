package org.telesynth.report;

import java.util.Locale;
import java.util.Map;

/** report.md: the summary and one line per query, beside the published peers' scores. */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    public static String of(Comparison c, String title) {
        Map<String, PeerScores.Method> peers = PeerScores.published();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        long peerScored = c.queries().stream().filter(QueryScore::peerScored).count();
        long peerPassed = c.queries().stream().filter(q -> q.peerScored() && q.passed()).count();
        b.append(String.format(Locale.ROOT, "- **Passed (peer score): %d of %d** queries (%d of %d of the queries the peers scored)%n",
                c.passed(), c.queries().size(), peerPassed, peerScored));
        b.append(String.format(Locale.ROOT, "- Mean score: %s%n", fmt(c.meanScore())));
        b.append(String.format(Locale.ROOT, "- Median normalised error: %s%n",
                c.medianNormalizedError() == null ? "n/a (no --noise-floor)" : fmt(c.medianNormalizedError())));
        b.append(String.format(Locale.ROOT, "- Metric columns with mean within 10 / 25 / 50 %% of real: %s / %s / %s%n",
                pct(c.within(0.10)), pct(c.within(0.25)), pct(c.within(0.50))));
        if (!c.onlyInReal().isEmpty()) {
            b.append("- Missing from the synthetic answers (scored as worst): ").append(String.join(", ", c.onlyInReal())).append('\n');
        }
        if (!c.onlyInSynth().isEmpty()) {
            b.append("- Only in the synthetic answers (not scored): ").append(String.join(", ", c.onlyInSynth())).append('\n');
        }
        c.skipped().forEach((name, reason) -> b.append("- Skipped (not scored): ").append(name).append(": ").append(reason).append('\n'));
        b.append("\n| query | kind | score | passed | coverage | median cell error |");
        peers.values().forEach(p -> b.append(' ').append(p.label()).append(" |"));
        b.append("\n|---|---|---|---|---|---|");
        peers.values().forEach(p -> b.append("---|"));
        b.append('\n');
        for (QueryScore q : c.queries()) {
            double cell = Stats.median(q.columns().stream().mapToDouble(ColumnError::medianRelError).toArray());
            b.append(String.format(Locale.ROOT, "| %s%s | %s | %.2f | %s | %s | %s |", q.name(), q.peerScored() ? "" : " (+)",
                    q.kind(), q.score(), q.passed() ? "yes" : "**no**", q.kind().equals("rows") ? "-" : pct(q.coverage()), fmt(cell)));
            for (PeerScores.Method p : peers.values()) {
                PeerScores.Entry e = p.byQuery().get(q.name());
                b.append(e == null || Double.isNaN(e.score()) ? " - |"
                        : String.format(Locale.ROOT, " %.2f%s |", e.score(), e.passed() ? " ✓" : ""));
            }
            b.append('\n');
        }
        b.append("\n(+) not scored by the peers (infeasible on the real sample's one-device power table).\n");
        return b.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * v);
    }
}
