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
    static final String CANARY_REFERENCE = "Steinke, Nasr and Jagielski 2023, Privacy Auditing with One (1) Training Run";
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
        List<Map<String, Object>> tstr = new ArrayList<>();
        for (Tstr.Row t : r.tstr()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("task", t.task());
            e.put("model", t.model());
            e.put("synthetic_train_devices", t.synthRows());
            e.put("real_train_devices", t.realRows());
            e.put("holdout_test_devices", t.testRows());
            e.put("train_synthetic", t.synthetic());
            e.put("train_real", t.real());
            e.put("ratio", t.ratio());
            e.put("auc_lift_ratio", Double.isNaN(t.aucLift()) ? null : t.aucLift());
            tstr.add(e);
        }
        m.put("tstr", tstr);
        if (r.canary() != null) {
            CanaryAudit.Result k = r.canary();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("method", k.method());
            e.put("canaries", k.canaries());
            e.put("included", k.included());
            e.put("guesses", k.guesses());
            e.put("correct", k.correct());
            e.put("tokens_seen", k.tokens());
            e.put("confidence", k.confidence());
            e.put("claimed_epsilon", k.claimedEpsilon());
            e.put("delta", k.delta());
            e.put("epsilon_lower_bound", k.bound());
            e.put("method_reference", CANARY_REFERENCE);
            m.put("canary_audit", e);
        }
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
        if (!r.tstr().isEmpty()) {
            b.append("\n## Train on synthetic, test on real\n\nScores on the holdout of models trained on synthetic devices (TSTR) and on as many"
                    + " real members (TRTR); the ratio is TSTR over TRTR.\n\n| task | model | TSTR acc / F1 / AUC | TRTR acc / F1 / AUC | ratio acc / F1 / AUC |\n|---|---|---|---|---|\n");
            for (Tstr.Row t : r.tstr()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", t.task(), t.model(), triple(t.synthetic()), triple(t.real()), triple(t.ratio())));
            }
        }
        if (r.canary() != null) {
            b.append("\n## One-run canary audit\n\n").append(canaryText(r.canary())).append("\n");
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
        if (!r.distributions().isEmpty()) {
            b.append("<h2>Worst columns' distributions</h2>");
            for (ColumnDistribution d : r.distributions()) {
                b.append(Svg.distribution(d));
            }
        }
        if (!r.correlations().isEmpty()) {
            b.append("<h2>Correlation differences</h2><p>|real &minus; synthetic| Pearson correlation of each pair of a table's numeric"
                    + " columns: white 0, dark red 1 or more.</p>");
            for (CorrelationDiff.Matrix m : r.correlations()) {
                b.append(Svg.heatMap(m));
            }
        }
        if (!r.tstr().isEmpty()) {
            b.append("<h2>Train on synthetic, test on real</h2><p>Scores on the holdout of models trained on synthetic devices (TSTR) and on as many"
                    + " real members (TRTR); the ratio is TSTR over TRTR.</p><table><tr><th>task</th><th>model</th><th>TSTR acc / F1 / AUC</th>"
                    + "<th>TRTR acc / F1 / AUC</th><th>ratio acc / F1 / AUC</th></tr>");
            for (Tstr.Row t : r.tstr()) {
                b.append("<tr><td title=\"").append(esc(t.question())).append("\">").append(esc(t.task())).append("</td><td>").append(esc(t.model()))
                        .append("</td><td>").append(triple(t.synthetic())).append("</td><td>").append(triple(t.real())).append("</td><td>")
                        .append(triple(t.ratio())).append("</td></tr>");
            }
            b.append("</table>");
        }
        if (r.canary() != null) {
            b.append("<h2>One-run canary audit</h2><p>").append(esc(canaryText(r.canary()))).append("</p>");
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

    static String canaryText(CanaryAudit.Result k) {
        return String.format(Locale.ROOT, "%d canary devices (a row in every table, their own tokens in every open-domain column) were each"
                        + " added to the members with probability 1/2 (%d were), and load, aggregate and %s at epsilon %s, delta %s ran on the"
                        + " result. An attacker who sees the release and the printed lines saw the tokens of %d canaries and guessed %d of %d"
                        + " right. By %s, the pipeline's epsilon is at least %.3f with %.0f %% confidence. A bound above the claim proves the"
                        + " claim false; one below it is evidence, not proof, that it holds (%d canaries can show at most about %.1f).",
                k.canaries(), k.included(), k.method(), k.claimedEpsilon(), k.delta(), k.tokens(), k.correct(), k.guesses(), CANARY_REFERENCE,
                k.bound(), 100 * k.confidence(), k.canaries(), OneRunBound.epsilon(k.canaries(), k.canaries(), k.canaries(), k.delta(), k.confidence()));
    }

    private static String triple(ClassifierScores s) {
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", s.accuracy(), s.f1(), s.auc());
    }

    private static String number(Double v) {
        return v == null ? "" : Math.rint(v) == v && Math.abs(v) < 1e12 ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.4f", v);
    }
}
