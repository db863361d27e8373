package org.telesynth.report;

import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.fidelity.FidelityReport;

import java.util.Locale;

/** The cross-table fidelity section of report.md and report.html (the data is {@link FidelityReport}). */
final class FidelitySection {
    private FidelitySection() {
    }

    static String markdown(FidelityReport f) {
        StringBuilder b = new StringBuilder("\n## Cross-table fidelity\n\n");
        b.append("P(child-table feature | device attribute), real against synthetic, by the total variation distance weighted by")
                .append(" the attribute's real shares (docs/compare.md). Lower is better; the noise floor is the same measure")
                .append(" between the real tables and an independent fleet of the same size and story.\n\n");
        b.append(String.format(Locale.ROOT, "- Pairs: %d; mean TVD %s%s%n", f.release().pairs().size(), ReportMarkdown.fmt(f.release().mean()),
                f.floor() == null ? " (no noise floor)" : String.format(Locale.ROOT, " (noise floor %s, %s x the floor)",
                        ReportMarkdown.fmt(f.floor().mean()), ReportMarkdown.fmt(f.ratio() == null ? Double.NaN : f.ratio()))));
        StringBuilder kinds = new StringBuilder();
        f.release().meanByKind().forEach((k, v) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(k).append(' ').append(ReportMarkdown.fmt(v))
                .append(f.floor() == null ? "" : " (floor " + ReportMarkdown.fmt(f.floor().meanByKind().getOrDefault(k, Double.NaN)) + ")"));
        b.append("- By kind of feature: ").append(kinds).append('\n');
        b.append(String.format(Locale.ROOT, "- Cardinality shape (rows per device), mean TVD over tables: %s%s%n",
                ReportMarkdown.fmt(f.release().meanCardinality()),
                f.floor() == null ? "" : " (floor " + ReportMarkdown.fmt(f.floor().meanCardinality()) + ")"));
        b.append(String.format(Locale.ROOT, "- Column-pair trends within tables, mean |correlation difference| over %d pairs: %s%s%n",
                f.release().trends().size(), ReportMarkdown.fmt(f.release().meanTrend()),
                f.floor() == null ? "" : " (floor " + ReportMarkdown.fmt(f.floor().meanTrend()) + ")"));
        b.append("\n| worst pairs: device attribute | child-table feature | TVD |\n|---|---|---|\n");
        for (CrossTableFidelity.Pair p : f.release().worst()) {
            b.append("| ").append(p.attribute()).append(" | ").append(p.feature()).append(" | ").append(ReportMarkdown.fmt(p.tvd())).append(" |\n");
        }
        return b.toString();
    }

    static String html(FidelityReport f) {
        StringBuilder b = new StringBuilder("<h2>Cross-table fidelity</h2>");
        b.append("<p class=\"small\">P(child-table feature | device attribute), real against synthetic, total variation distance")
                .append(" weighted by the attribute's real shares; lower is better. Noise floor: the same measure between the real")
                .append(" tables and an independent fleet of the same size and story.</p><div class=\"cards\">");
        card(b, "mean TVD over " + f.release().pairs().size() + " pairs", ReportMarkdown.fmt(f.release().mean()));
        card(b, "noise floor", f.floor() == null ? "n/a" : ReportMarkdown.fmt(f.floor().mean()));
        card(b, "times the floor", f.ratio() == null ? "n/a" : ReportMarkdown.fmt(f.ratio()));
        card(b, "rows-per-device shape TVD", ReportMarkdown.fmt(f.release().meanCardinality()));
        card(b, "column-pair trend difference", ReportMarkdown.fmt(f.release().meanTrend()));
        b.append("</div><table><tr><th>device attribute</th><th>child-table feature</th><th>TVD</th></tr>");
        for (CrossTableFidelity.Pair p : f.release().worst()) {
            b.append("<tr><td>").append(ReportHtml.esc(p.attribute())).append("</td><td>").append(ReportHtml.esc(p.feature()))
                    .append("</td><td>").append(ReportMarkdown.fmt(p.tvd())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static void card(StringBuilder b, String label, String value) {
        b.append("<div class=\"card\"><b>").append(ReportHtml.esc(value)).append("</b>").append(ReportHtml.esc(label)).append("</div>");
    }
}
