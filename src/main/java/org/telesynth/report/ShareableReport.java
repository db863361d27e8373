package org.telesynth.report;

import org.telesynth.bench.QuerySpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code compare --shareable}: a report that may leave the data owner's hands. It holds the release's privacy facts
 * (its public manifest and the ledger's public settings) and, per query, the question, its SQL and the synthetic
 * answer, which is a function of the release alone. Every number computed from the real data is left out: real
 * answers, scores, pass or fail, errors, the verdict, the fidelity scores and the audit's verdict, since none of
 * them was paid for by a mechanism.
 */
final class ShareableReport {
    /** Synthetic rows shown per query; the whole answer is in the synthetic tables anyway. */
    static final int ROWS = 25;

    private ShareableReport() {
    }

    static String html(List<QuerySpec> suite, Path synthDir, String title, ReportContext x) {
        StringBuilder b = new StringBuilder(1 << 14);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(ReportHtml.esc(title + " (shareable)"))
                .append("</title><style>body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 7px}th{background:#f4f4f4}")
                .append(".banner{border-radius:6px;padding:10px 14px;margin:8px 0}.share{background:#e8f5e9;border:1px solid #1a7f37}")
                .append(".seeded{background:#fff4e5;border:1px solid #b54708}pre{background:#f7f7f7;padding:8px;font-size:12px}</style></head><body>");
        b.append("<h1>").append(ReportHtml.esc(title)).append(" (shareable)</h1>").append(PrivacySection.html(x, true));
        b.append("<h2>Synthetic answers</h2>");
        for (QuerySpec q : suite) {
            Path s = synthDir.resolve(q.name() + ".csv");
            b.append("<h3>").append(ReportHtml.esc(q.name())).append("</h3><p><i>").append(ReportHtml.esc(q.question())).append("</i></p>")
                    .append("<details><summary>SQL</summary><pre>").append(ReportHtml.esc(q.sql().strip())).append("</pre></details>");
            if (!Files.exists(s)) {
                b.append("<p>no synthetic answer</p>");
                continue;
            }
            AnswerTable t = AnswerTable.read(s);
            b.append("<table><tr>");
            t.columns().forEach(col -> b.append("<th>").append(ReportHtml.esc(col)).append("</th>"));
            b.append("</tr>");
            for (int i = 0; i < Math.min(ROWS, t.size()); i++) {
                b.append("<tr>");
                for (String col : t.columns()) {
                    b.append("<td>").append(ReportHtml.esc(t.text(i, col))).append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table>").append(t.size() == 0 ? "<p>no rows</p>" : "").append(t.size() > ROWS ? "<p>… " + (t.size() - ROWS) + " more rows</p>" : "");
        }
        return b.append("</body></html>\n").toString();
    }

    static String markdown(List<QuerySpec> suite, String title, ReportContext x) {
        StringBuilder b = new StringBuilder("# " + title + " (shareable)\n\n");
        b.append(PrivacySection.markdown(x, true)).append("## Queries\n\n");
        for (QuerySpec q : suite) {
            b.append("- **").append(q.name()).append("**: ").append(q.question()).append('\n');
        }
        return b.append("\nThe synthetic answers are in report.html and, whole, in the synthetic tables.\n").toString();
    }
}
