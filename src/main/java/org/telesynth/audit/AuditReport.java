package org.telesynth.audit;

import org.telesynth.io.Manifests;
import org.telesynth.io.StagedOutput;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.telesynth.report.ReportHtml.esc;

/**
 * Writes {@code audit.json} (stable keys, docs/audit-format.md), {@code audit.md} and {@code audit.html} (inline
 * SVG plots, no script) atomically into the output directory. Every page says first that it is private: the audit
 * reads real data, and its numbers are exact real statistics.
 */
public final class AuditReport {
    static final String PRIVATE = "INTERNAL: contains real data. The audit reads the real tables; do not share this report.";

    private AuditReport() {
    }

    public static void write(Path out, AuditResult r, Map<String, Object> inputs) {
        try (StagedOutput staged = new StagedOutput(out)) {
            Manifests.write(staged.file("audit.json"), json(r, inputs));
            Files.writeString(staged.file("audit.md"), markdown(r), StandardCharsets.UTF_8);
            Files.writeString(staged.file("audit.html"), html(r), StandardCharsets.UTF_8);
            staged.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit into " + out, e);
        }
    }

    static Map<String, Object> json(AuditResult r, Map<String, Object> inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("private", PRIVATE);
        m.put("tier", r.tier());
        m.put("verdict", r.verdict().name());
        m.put("inputs", inputs);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Check c : r.checks()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("tier", c.tier());
            e.put("name", c.name());
            e.put("value", c.value());
            e.put("limit", c.limit());
            e.put("verdict", c.verdict().name());
            e.put("detail", c.detail());
            checks.add(e);
        }
        m.put("checks", checks);
        List<Map<String, Object>> shapes = new ArrayList<>();
        for (ColumnShape s : r.shapes()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("table", s.table());
            e.put("column", s.column());
            e.put("metric", s.metric());
            e.put("value", s.value());
            e.put("rows", s.rows());
            e.put("gated", s.gated());
            shapes.add(e);
        }
        m.put("column_shapes", shapes);
        m.put("cross_table_fidelity", r.fidelity());
        m.put("samples", r.samples());
        return m;
    }

    static String markdown(AuditResult r) {
        StringBuilder b = new StringBuilder("# telesynth audit: ").append(r.verdict()).append("\n\n> ").append(PRIVATE).append("\n\n");
        b.append("Tier: ").append(r.tier()).append(".\n\n| verdict | tier | check | value | limit | detail |\n|---|---|---|---|---|---|\n");
        for (Check c : r.checks()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", c.verdict(), c.tier(), c.name(), number(c.value()),
                    number(c.limit()), c.detail().replace("|", "\\|")));
        }
        if (!r.shapes().isEmpty()) {
            b.append("\n## Worst columns\n\n| column | metric | value | rows per side |\n|---|---|---|---|\n");
            for (ColumnShape s : r.shapes().subList(0, Math.min(10, r.shapes().size()))) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %d |%n", s.label(), s.metric(), s.value(), s.rows()));
            }
        }
        return b.toString();
    }

    static String html(AuditResult r) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>telesynth audit</title><style>"
                + "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}"
                + ".PASS{background:#dfd}.WARN{background:#ffd}.FAIL{background:#fdd}.INFO{background:#eef}.private{background:#fdd;padding:.5em;font-weight:bold}"
                + "</style></head><body>");
        b.append("<p class=\"private\">").append(esc(PRIVATE)).append("</p>");
        b.append("<h1>Audit: <span class=\"").append(r.verdict()).append("\">").append(r.verdict()).append("</span></h1><p>Tier: ")
                .append(esc(r.tier())).append("</p><table><tr><th>verdict</th><th>tier</th><th>check</th><th>value</th><th>limit</th><th>detail</th></tr>");
        for (Check c : r.checks()) {
            b.append("<tr><td class=\"").append(c.verdict()).append("\">").append(c.verdict() == Verdict.PASS ? "&#10003; " : c.verdict() == Verdict.FAIL ? "&#10007; " : "")
                    .append(c.verdict()).append("</td><td>").append(esc(c.tier())).append("</td><td>").append(esc(c.name())).append("</td><td>")
                    .append(number(c.value())).append("</td><td>").append(number(c.limit())).append("</td><td>").append(esc(c.detail())).append("</td></tr>");
        }
        b.append("</table>");
        if (!r.shapes().isEmpty()) {
            b.append("<h2>Worst columns</h2>").append(Svg.bars(r.shapes().subList(0, Math.min(15, r.shapes().size()))));
        }
        if (!r.correlations().isEmpty()) {
            b.append("<h2>Correlation differences</h2><p>|real &minus; synthetic| Pearson correlation of each pair of a table's numeric"
                    + " columns: white 0, dark red 1 or more.</p>");
            for (CorrelationDiff.Matrix m : r.correlations()) {
                b.append(Svg.heatMap(m));
            }
        }
        if (r.roc() != null) {
            b.append("<h2>Membership attack: ROC</h2>").append(Svg.roc(r.roc()));
        }
        if (r.dcr() != null) {
            b.append("<h2>Distance to closest record</h2><p>Synthetic records' distance to the closest member (red) and to the closest holdout"
                    + " device (blue). Overlapping histograms: nothing memorised shows. DCR alone does not show privacy.</p>")
                    .append(Svg.histograms(r.dcr()[0], r.dcr()[1]));
        }
        return b.append("</body></html>\n").toString();
    }

    private static String number(Double v) {
        return v == null ? "" : Math.rint(v) == v && Math.abs(v) < 1e12 ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.4f", v);
    }
}
