package org.telesynth.report;

import java.util.Locale;
import java.util.Map;

/** report.md: the summary and one line per query, beside the published peers' scores. */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    public static String of(Comparison c, String title) {
        return of(c, title, ReportContext.NONE, null, java.util.List.of());
    }

    /** The report: banners and privacy facts, the verdict, fidelity at a glance, then one line per query. */
    public static String of(Comparison c, String title, ReportContext x, QualityScore quality, java.util.List<org.telesynth.bench.QuerySpec> suite) {
        Map<String, PeerScores.Method> peers = x.simulated() ? PeerScores.published() : Map.of();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append(" (internal: contains real data)\n\n");
        b.append(PrivacySection.markdown(x, false));
        b.append("## Verdict\n\n**").append(UtilityVerdict.headline(c)).append("**\n\n");
        for (String sentence : UtilityVerdict.sentences(c, suite, x)) {
            if (sentence.startsWith("✗")) {
                b.append("- ").append(sentence).append('\n');
            }
        }
        if (quality != null) {
            b.append(quality.markdown());
        }
        b.append("\n## Scores\n\n");
        long peerScored = c.queries().stream().filter(QueryScore::peerScored).count();
        long peerPassed = c.queries().stream().filter(q -> q.peerScored() && q.passed()).count();
        b.append(String.format(Locale.ROOT, "- **Passed (peer score): %d of %d** queries%s%n", c.passed(), c.queries().size(),
                peers.isEmpty() ? "" : String.format(Locale.ROOT, " (%d of %d of the queries the peers scored)", peerPassed, peerScored)));
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
                    q.kind(), q.score(), q.passed() ? "✓ yes" : "✗ **no**", q.kind().equals("rows") ? "-" : pct(q.coverage()), fmt(cell)));
            for (PeerScores.Method p : peers.values()) {
                PeerScores.Entry e = p.byQuery().get(q.name());
                b.append(e == null || Double.isNaN(e.score()) ? " - |"
                        : String.format(Locale.ROOT, " %.2f%s |", e.score(), e.passed() ? " ✓" : ""));
            }
            b.append('\n');
        }
        b.append("\n(+) not scored by the peers (infeasible on the real sample's one-device power table).\n");
        b.append(peers.isEmpty() ? "\nNo published figures are shown: they were measured on another study's fleet, not on these data.\n"
                : "\nThe peer columns are published figures from another study, measured on its real fleet (shown because these data"
                + " are the simulator's fleet, calibrated to it).\n");
        b.append("The normalised error divides each error by the error between two halves of these real data (their own split).\n");
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
