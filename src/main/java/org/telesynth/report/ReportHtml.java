package org.telesynth.report;

import org.telesynth.bench.QuerySpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS, charts as PNG data URIs, no script) with the summary, the
 * score of every query beside the published peers', an error heat map by query and metric, and per query the
 * real-vs-synthetic plot and its metrics.
 */
public final class ReportHtml {
    private static final String CSS = """
            body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1200px}
            h1{font-size:24px}h2{font-size:19px;margin-top:32px}h3{font-size:16px;margin:24px 0 6px}
            .cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:10px 16px}
            .card b{display:block;font-size:22px}table{border-collapse:collapse;font-size:13px;margin:8px 0}
            td,th{border:1px solid #ddd;padding:3px 7px;text-align:left}th{background:#f4f4f4}
            .pass{color:#1a7f37;font-weight:bold}.fail{color:#b42318;font-weight:bold}
            .heat td{width:38px;height:20px;text-align:center;font-size:11px;color:#111}
            .small{color:#666;font-size:12px}img{max-width:100%}
            .banner{border-radius:6px;padding:10px 14px;margin:8px 0;font-size:14px}.banner b{margin-right:8px}
            .internal{background:#fdecea;border:1px solid #b42318}.seeded{background:#fff4e5;border:1px solid #b54708}
            .share{background:#e8f5e9;border:1px solid #1a7f37}.facts th{width:130px}
            .heat td{min-width:62px;height:30px;font-size:11px;line-height:12px}.heat .m{font-size:9px;color:#333}
            details pre{background:#f7f7f7;padding:8px;font-size:12px;overflow-x:auto}.q{font-style:italic;margin:4px 0}
            .verdict li{margin:3px 0}.verdict li.fail,.verdict li.pass{font-weight:normal}
            """;

    private ReportHtml() {
    }

    public static String of(Comparison c, List<QuerySpec> suite, Path realDir, Path synthDir, String title) {
        return of(c, suite, realDir, synthDir, title, ReportContext.NONE, null);
    }

    /**
     * The page: banners and privacy facts first, then the verdict, fidelity at a glance, the scores (beside the
     * published peers' only on the embedded simulated fleet), the heat map and every query.
     */
    public static String of(Comparison c, List<QuerySpec> suite, Path realDir, Path synthDir, String title, ReportContext x, QualityScore quality) {
        Map<String, PeerScores.Method> peers = x.simulated() ? PeerScores.published() : Map.of();
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title + " (internal: contains real data)"))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        b.append("<h1>").append(esc(title)).append("</h1>");
        b.append(PrivacySection.html(x, false));
        verdict(b, c, suite, x);
        summary(b, c, !peers.isEmpty());
        if (quality != null) {
            b.append(quality.html());
        }
        b.append("<h2>Score per query</h2><img alt=\"score per query\" src=\"").append(ReportCharts.scores(c.queries(), peers)).append("\">");
        peerTable(b, c, peers);
        heatMap(b, c);
        b.append("<h2>Queries</h2>");
        for (QueryScore q : c.queries()) {
            QuerySpec spec = suite.stream().filter(s -> s.name().equals(q.name())).findFirst().orElseThrow();
            query(b, q, spec, realDir, synthDir);
        }
        b.append("<p class=\"small\">Scores follow the published peer scorer (docs/report-format.md). ")
                .append(peers.isEmpty() ? "No published figures are shown: they were measured on another study's fleet, not on these data."
                        : "The peer columns are published figures from another study (calibration/peer_scores, measured on that study's real"
                        + " fleet), shown because these data are the simulator's fleet calibrated to it.")
                .append(" The normalised error divides each error by the error between two halves of these real data (their own split).</p></body></html>\n");
        return b.toString();
    }

    private static void verdict(StringBuilder b, Comparison c, List<QuerySpec> suite, ReportContext x) {
        b.append("<h2 id=\"verdict\">Verdict</h2><p><b>").append(esc(UtilityVerdict.headline(c))).append("</b></p><ul class=\"verdict\">");
        List<String> sentences = UtilityVerdict.sentences(c, suite, x);
        sentences.stream().filter(s -> s.startsWith("✗")).forEach(s -> b.append("<li class=\"fail\">").append(esc(s)).append("</li>"));
        c.skipped().forEach((q, why) -> b.append("<li>– ").append(esc(q)).append(" skipped: ").append(esc(why)).append("</li>"));
        b.append("</ul><details><summary>").append(sentences.stream().filter(s -> s.startsWith("✓")).count())
                .append(" queries pass</summary><ul class=\"verdict\">");
        sentences.stream().filter(s -> s.startsWith("✓")).forEach(s -> b.append("<li class=\"pass\">").append(esc(s)).append("</li>"));
        b.append("</ul></details>");
    }

    private static void summary(StringBuilder b, Comparison c, boolean peers) {
        long peerScored = c.queries().stream().filter(QueryScore::peerScored).count();
        long peerPassed = c.queries().stream().filter(q -> q.peerScored() && q.passed()).count();
        b.append("<div class=\"cards\">");
        card(b, "queries passed", c.passed() + " / " + c.queries().size());
        if (peers) {
            card(b, "of the peers' " + peerScored, peerPassed + " / " + peerScored);
        }
        card(b, "mean score", ReportMarkdown.fmt(c.meanScore()));
        card(b, "median normalised error", c.medianNormalizedError() == null ? "n/a" : ReportMarkdown.fmt(c.medianNormalizedError()));
        card(b, "columns within 10 / 25 / 50 %", ReportMarkdown.pct(c.within(0.1)) + " / " + ReportMarkdown.pct(c.within(0.25))
                + " / " + ReportMarkdown.pct(c.within(0.5)));
        b.append("</div>");
        if (!c.onlyInReal().isEmpty()) {
            b.append("<p class=\"fail\">Missing synthetic answers (scored as worst): ").append(esc(String.join(", ", c.onlyInReal()))).append("</p>");
        }
    }

    private static void card(StringBuilder b, String label, String value) {
        b.append("<div class=\"card\"><b>").append(esc(value)).append("</b>").append(esc(label)).append("</div>");
    }

    private static void peerTable(StringBuilder b, Comparison c, Map<String, PeerScores.Method> peers) {
        if (!peers.isEmpty()) {
            b.append("<p class=\"small\">The columns after \"this run\" are published figures from another study, on its real fleet.</p>");
        }
        b.append("<table><tr><th>query</th><th>kind</th><th>this run</th>");
        peers.values().forEach(p -> b.append("<th>").append(esc(p.label())).append(" (published)</th>"));
        b.append("</tr>");
        for (QueryScore q : c.queries()) {
            b.append("<tr><td><a href=\"#").append(esc(q.name())).append("\">").append(esc(q.name())).append("</a></td><td>")
                    .append(q.kind()).append("</td>").append(scoreCell(q.score(), q.passed()));
            for (PeerScores.Method p : peers.values()) {
                PeerScores.Entry e = p.byQuery().get(q.name());
                b.append(e == null || Double.isNaN(e.score()) ? "<td>-</td>" : scoreCell(e.score(), e.passed()));
            }
            b.append("</tr>");
        }
        b.append("</table>");
    }

    /** One row per query, one cell per peer metric, coloured by how far the metric is from its pass threshold. */
    private static void heatMap(StringBuilder b, Comparison c) {
        b.append("<h2>Error heat map</h2><p class=\"small\">Each cell is one metric, named in the cell; green passes (✓),")
                .append(" red fails (✗); the number is the error relative to the pass threshold (1 = at the threshold).</p>");
        b.append("<table class=\"heat\">");
        for (QueryScore q : c.queries()) {
            b.append("<tr><th>").append(esc(q.name())).append("</th>");
            for (MetricScore m : q.metrics()) {
                double ratio = m.higherIsBetter() ? (1 - m.value()) / Math.max(1e-9, 1 - m.threshold()) : m.value() / m.threshold();
                double clipped = Double.isFinite(ratio) ? Math.min(2, Math.max(0, ratio)) : 2;
                int hue = (int) Math.round(120 * (1 - clipped / 2));
                b.append(String.format(Locale.ROOT, "<td title=\"%s: %s\" style=\"background:hsl(%d,70%%,%d%%)\"><span class=\"m\">%s</span><br>%s %s</td>",
                        esc(m.column()), esc(m.type()), hue, 60 + (int) (15 * (1 - clipped / 2)), esc(ReportCharts.keepEnds(m.column(), 14)),
                        m.passed() ? "✓" : "✗", Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.1f", ratio) : "∞"));
            }
            b.append("</tr>");
        }
        b.append("</table>");
    }

    private static void query(StringBuilder b, QueryScore q, QuerySpec spec, Path realDir, Path synthDir) {
        b.append("<h3 id=\"").append(esc(q.name())).append("\">").append(esc(q.name())).append(" <span class=\"")
                .append(q.passed() ? "pass\">passed" : "fail\">not passed").append("</span></h3>");
        String question = spec.question();
        if (!question.isEmpty()) {
            b.append("<p class=\"q\">").append(esc(question)).append("</p>");
        }
        b.append("<details><summary>SQL</summary><pre>").append(esc(spec.sql().strip())).append("</pre></details>");
        b.append(String.format(Locale.ROOT, "<p class=\"small\">%s · score %.2f · status %s · groups: %d real, %d synthetic, %d matched</p>",
                q.kind(), q.score(), q.status(), q.realGroups(), q.synthGroups(), q.matchedGroups()));
        Path r = realDir.resolve(q.name() + ".csv");
        Path s = synthDir.resolve(q.name() + ".csv");
        if (Files.exists(r)) {
            AnswerTable real = AnswerTable.read(r);
            AnswerTable synth = Files.exists(s) ? AnswerTable.read(s) : AnswerTable.parse(String.join(",", real.columns()) + "\n", s.toString());
            String chart = ReportCharts.realVsSynth(spec, real, synth);
            if (chart != null) {
                b.append("<img alt=\"").append(esc(q.name())).append(" real vs synthetic\" src=\"").append(chart).append("\">");
            }
        }
        b.append("<table><tr><th>metric</th><th>type</th><th>value</th><th>threshold</th><th>passed</th><th>normalised error</th><th>detail</th></tr>");
        for (MetricScore m : q.metrics()) {
            b.append("<tr><td>").append(esc(m.column())).append("</td><td>").append(m.type()).append("</td><td>")
                    .append(ReportMarkdown.fmt(m.value())).append("</td><td>").append(m.higherIsBetter() ? "≥ " : "≤ ")
                    .append(m.threshold()).append("</td><td class=\"").append(m.passed() ? "pass\">✓ yes" : "fail\">✗ no")
                    .append("</td><td>").append(m.normalizedError() == null ? "-" : ReportMarkdown.fmt(m.normalizedError()))
                    .append("</td><td class=\"small\">").append(esc(m.detail())).append("</td></tr>");
        }
        b.append("</table>");
    }

    private static String scoreCell(double score, boolean passed) {
        return String.format(Locale.ROOT, "<td class=\"%s\">%s %.2f</td>", passed ? "pass" : "fail", passed ? "✓" : "✗", score);
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
