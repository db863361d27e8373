package org.telesynth.sweep;

import org.telesynth.report.Comparison;
import org.telesynth.report.QueryScore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import static org.telesynth.report.ReportHtml.esc;

/**
 * sweep.md and sweep.html from the results table: per method the privacy-utility curves (peer queries passed and
 * median normalised error against epsilon, mean over seeds with their range) beside the real-halves ceiling and
 * the published peers, the cost curves (release time, peak RSS), a per-query heat map of pass rates, and the
 * recommendation (each method's smallest epsilon reaching the bar, the best method at each epsilon). Private: the
 * scores compare with real answers.
 */
public final class SweepReport {
    static final String PRIVATE = "internal: contains real data (scores against the real answers); not for sharing";

    private SweepReport() {
    }

    /**
     * The recommendation: per method the smallest epsilon whose mean peer passes reach the bar (null: never), and per
     * epsilon the best method.
     */
    public record Summary(int bar, Map<String, Double> smallestEpsilon, Map<Double, String> bestMethod) {
    }

    /** The cells of one method at one epsilon, over the seeds. */
    record Group(String method, double epsilon, List<Map<String, Object>> rows) {
        double mean(String column) {
            return rows.stream().mapToDouble(r -> value(r, column)).filter(Double::isFinite).average().orElse(Double.NaN);
        }

        double sd(String column) {
            double m = mean(column);
            return Math.sqrt(rows.stream().mapToDouble(r -> value(r, column)).filter(Double::isFinite).map(v -> (v - m) * (v - m)).average().orElse(Double.NaN));
        }

        double min(String column) {
            return rows.stream().mapToDouble(r -> value(r, column)).filter(Double::isFinite).min().orElse(Double.NaN);
        }

        double max(String column) {
            return rows.stream().mapToDouble(r -> value(r, column)).filter(Double::isFinite).max().orElse(Double.NaN);
        }

        double passRate(String query) {
            return rows.stream().filter(r -> List.of(String.valueOf(r.get("passed_queries")).split(";")).contains(query)).count() / (double) rows.size();
        }
    }

    static double value(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Rows grouped by method (in the plan's order) and epsilon (ascending). */
    static Map<String, List<Group>> groups(List<Map<String, Object>> rows, List<String> methods) {
        Map<String, List<Group>> out = new LinkedHashMap<>();
        for (String m : methods) {
            TreeMap<Double, List<Map<String, Object>>> byEps = new TreeMap<>();
            rows.stream().filter(r -> m.equals(r.get("method"))).forEach(r -> byEps.computeIfAbsent(value(r, "epsilon"), k -> new ArrayList<>()).add(r));
            if (!byEps.isEmpty()) {
                out.put(m, byEps.entrySet().stream().map(e -> new Group(m, e.getKey(), e.getValue())).toList());
            }
        }
        return out;
    }

    static Summary summary(Map<String, List<Group>> groups, int bar) {
        Map<String, Double> smallest = new LinkedHashMap<>();
        TreeMap<Double, String> best = new TreeMap<>();
        TreeMap<Double, double[]> bestScore = new TreeMap<>();
        groups.forEach((m, gs) -> {
            smallest.put(m, gs.stream().filter(g -> g.mean("peer_passed") >= bar).map(Group::epsilon).min(Double::compare).orElse(null));
            for (Group g : gs) {
                double[] score = {g.mean("peer_passed"), -g.mean("median_normalized_error")};
                double[] old = bestScore.get(g.epsilon());
                if (old == null || score[0] > old[0] || (score[0] == old[0] && score[1] > old[1])) {
                    bestScore.put(g.epsilon(), score);
                    best.put(g.epsilon(), m);
                }
            }
        });
        return new Summary(bar, smallest, best);
    }

    static Summary write(SweepLayout layout, List<Map<String, Object>> rows, SweepPlan plan, int bar, Comparison ceiling, boolean simulated,
                         Map<String, String> failures) {
        Map<String, List<Group>> groups = groups(rows, plan.methods());
        Summary summary = summary(groups, bar);
        long ceilingPeer = ceiling.queries().stream().filter(q -> q.peerScored() && q.passed()).count();
        List<String> queries = ceiling.queries().stream().map(QueryScore::name).toList();
        write(layout.out().resolve("sweep.md"), markdown(groups, summary, plan, ceilingPeer, simulated, failures, rows.size()));
        write(layout.out().resolve("sweep.html"), html(groups, summary, plan, ceilingPeer, simulated, failures, queries, rows.size()));
        return summary;
    }

    static String markdown(Map<String, List<Group>> groups, Summary summary, SweepPlan plan, long ceilingPeer, boolean simulated,
                           Map<String, String> failures, int cells) {
        StringBuilder b = new StringBuilder();
        b.append("# telesynth sweep\n\n> ").append(PRIVATE).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d of %d cells (methods %s; epsilons %s; seeds %s; delta %.3g). Mean ± standard deviation over"
                        + " the seeds. The real halves (half of the devices against the other half) pass %d of the peers' 21.%n%n", cells,
                plan.cells().size(), String.join(", ", plan.methods()), join(plan.epsilons()), plan.seeds(), plan.delta(), ceilingPeer));
        b.append(recommendationMarkdown(summary));
        for (Map.Entry<String, List<Group>> e : groups.entrySet()) {
            b.append("\n`synthesize-").append(e.getKey()).append("`:\n\n");
            b.append("| total epsilon | passed of 24 | passed of the peers' 21 | mean score | median normalised error | within 10 / 25 / 50 % |"
                    + " relations held of 8 | cross-table fidelity (floor) | battery on no-battery chassis, % | release s | peak RSS GB |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Group g : e.getValue()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s / %s / %s | %s | %s (%s) | %s | %.0f | %.2f |%n",
                        SweepCell.epsilonText(g.epsilon()), ms(g, "passed", 1, 1), ms(g, "peer_passed", 1, 1), ms(g, "mean_score", 2, 1),
                        ms(g, "median_normalized_error", 2, 1), ms(g, "within_10", 0, 100), ms(g, "within_25", 0, 100), ms(g, "within_50", 0, 100),
                        ms(g, "relations_held", 1, 1), ms(g, "fidelity_mean_tvd", 3, 1),
                        Double.isNaN(g.mean("fidelity_floor_mean_tvd")) ? "-" : String.format(Locale.ROOT, "%.3f", g.mean("fidelity_floor_mean_tvd")),
                        ms(g, "structural_zero_percent", 3, 1), g.mean("synthesize_seconds"), g.mean("peak_rss_bytes") / 1e9));
            }
        }
        if (!failures.isEmpty()) {
            b.append("\nFailed cells (their logs are in cells/<id>/log.txt):\n\n");
            failures.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        if (simulated) {
            b.append("\nPublished on the real fleet (QUERIES.md, another study's figures): per-table DP-SGD / Laplace and MST pass 6 of 21 at"
                    + " epsilon 4 per table (76 in total); median normalised error 2.93 (per-table), 10.8 (MST).\n");
        }
        return b.toString();
    }

    private static String recommendationMarkdown(Summary s) {
        StringBuilder b = new StringBuilder("| method | smallest epsilon reaching " + s.bar() + " of the peers' 21 |\n|---|---|\n");
        s.smallestEpsilon().forEach((m, e) -> b.append("| ").append(m).append(" | ").append(e == null ? "not reached" : SweepCell.epsilonText(e)).append(" |\n"));
        b.append("\n| total epsilon | best method (peer passes, then error) |\n|---|---|\n");
        s.bestMethod().forEach((e, m) -> b.append("| ").append(SweepCell.epsilonText(e)).append(" | ").append(m).append(" |\n"));
        return b.toString();
    }

    /** "mean ± sd" of a column, scaled, with {@code digits} decimals; "-" when no cell has it. */
    private static String ms(Group g, String column, int digits, double scale) {
        double m = g.mean(column);
        if (Double.isNaN(m)) {
            return "-";
        }
        String f = "%." + digits + "f";
        return String.format(Locale.ROOT, f + " ± " + f, m * scale, g.sd(column) * scale);
    }

    private static String join(List<Double> eps) {
        return String.join(", ", eps.stream().map(SweepCell::epsilonText).toList());
    }

    static String html(Map<String, List<Group>> groups, Summary summary, SweepPlan plan, long ceilingPeer, boolean simulated,
                       Map<String, String> failures, List<String> queries, int cells) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>telesynth sweep</title><style>"
                + "body{font-family:sans-serif;margin:24px;max-width:1240px;color:#222}.private{background:#fde2e1;border:1px solid #c44e52;"
                + "padding:8px 12px;font-weight:bold}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 7px;"
                + "font-size:13px;text-align:right}th{background:#f3f3f3}td.q,th.q{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:12px}"
                + "</style></head><body>");
        b.append("<p class=\"private\">").append(esc(PRIVATE)).append("</p><h1>telesynth sweep</h1>");
        b.append(String.format(Locale.ROOT, "<p>%d of %d cells: methods %s; total epsilons %s; seeds %s; delta %.3g. Lines are the mean over"
                        + " seeds, bands their range.</p>", cells, plan.cells().size(), esc(String.join(", ", plan.methods())), esc(join(plan.epsilons())),
                esc(plan.seeds().toString()), plan.delta()));
        b.append("<h2>Recommendation</h2>").append(recommendationHtml(summary));
        List<SweepCharts.Reference> passRefs = new ArrayList<>();
        passRefs.add(new SweepCharts.Reference("real halves " + ceilingPeer, ceilingPeer));
        passRefs.add(new SweepCharts.Reference("bar " + summary.bar(), summary.bar()));
        List<SweepCharts.Reference> errorRefs = new ArrayList<>();
        if (simulated) {
            passRefs.add(new SweepCharts.Reference("published 6 (eps 76)", 6));
            errorRefs.add(new SweepCharts.Reference("published per-table 2.93", 2.93));
        }
        b.append("<h2>Privacy and utility</h2><div class=\"charts\">");
        b.append(SweepCharts.lines("Peer queries passed (of 21)", "queries passed", series(groups, r -> value(r, "peer_passed")), passRefs));
        b.append(SweepCharts.lines("Median normalised error", "error / real-halves error", series(groups, r -> value(r, "median_normalized_error")), errorRefs));
        b.append("</div><h2>Cost</h2><div class=\"charts\">");
        b.append(SweepCharts.lines("Release time", "seconds", series(groups, r -> value(r, "synthesize_seconds")), List.of()));
        b.append(SweepCharts.lines("Peak RSS of the cell", "GB", series(groups, r -> value(r, "peak_rss_bytes") / 1e9), List.of()));
        b.append("</div>");
        if (simulated) {
            b.append("<p>The published lines are another study's figures on the real fleet (QUERIES.md), not this data's.</p>");
        }
        // many (method, epsilon) columns: the grid scrolls on its own, the page keeps its width
        b.append("<h2>Pass rate per query</h2><p>Share of the seeds whose release passes the query; ✓ all seeds, ✗ none.</p>")
                .append("<div style=\"overflow-x:auto\">").append(heatMap(groups, queries)).append("</div>");
        b.append("<h2>Every method and epsilon</h2><table><tr><th>method</th><th>epsilon</th><th>cells</th><th>peer passed</th><th>passed of 24</th>"
                + "<th>median error</th><th>relations</th><th>fidelity TVD</th><th>release s</th><th>peak RSS GB</th></tr>");
        groups.forEach((m, gs) -> gs.forEach(g -> b.append(String.format(Locale.ROOT,
                "<tr><td class=\"q\">%s</td><td>%s</td><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.2f</td><td>%.1f</td><td>%.3f</td><td>%.0f</td><td>%.2f</td></tr>",
                esc(m), SweepCell.epsilonText(g.epsilon()), g.rows().size(), g.mean("peer_passed"), g.mean("passed"), g.mean("median_normalized_error"),
                g.mean("relations_held"), g.mean("fidelity_mean_tvd"), g.mean("synthesize_seconds"), g.mean("peak_rss_bytes") / 1e9))));
        b.append("</table>");
        if (!failures.isEmpty()) {
            b.append("<h2>Failed cells</h2><ul>");
            failures.forEach((k, v) -> b.append("<li>").append(esc(k)).append(": ").append(esc(v)).append("</li>"));
            b.append("</ul>");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String recommendationHtml(Summary s) {
        StringBuilder b = new StringBuilder("<table><tr><th>method</th><th>smallest epsilon reaching " + s.bar() + " of the peers' 21</th></tr>");
        s.smallestEpsilon().forEach((m, e) -> b.append("<tr><td class=\"q\">").append(esc(m)).append("</td><td>")
                .append(e == null ? "not reached" : SweepCell.epsilonText(e)).append("</td></tr>"));
        b.append("</table><table><tr><th>total epsilon</th><th>best method</th></tr>");
        s.bestMethod().forEach((e, m) -> b.append("<tr><td>").append(SweepCell.epsilonText(e)).append("</td><td class=\"q\">").append(esc(m)).append("</td></tr>"));
        return b.append("</table>").toString();
    }

    private static Map<String, List<SweepCharts.Point>> series(Map<String, List<Group>> groups, ToDoubleFunction<Map<String, Object>> f) {
        Map<String, List<SweepCharts.Point>> out = new LinkedHashMap<>();
        groups.forEach((m, gs) -> {
            List<SweepCharts.Point> ps = new ArrayList<>();
            for (Group g : gs) {
                double[] v = g.rows().stream().mapToDouble(f).filter(Double::isFinite).toArray();
                if (v.length > 0) {
                    ps.add(new SweepCharts.Point(g.epsilon(), java.util.Arrays.stream(v).average().orElseThrow(),
                            java.util.Arrays.stream(v).min().orElseThrow(), java.util.Arrays.stream(v).max().orElseThrow()));
                }
            }
            out.put(m, ps);
        });
        return out;
    }

    private static String heatMap(Map<String, List<Group>> groups, List<String> queries) {
        StringBuilder b = new StringBuilder("<table><tr><th class=\"q\">query</th>");
        groups.forEach((m, gs) -> gs.forEach(g -> b.append("<th>").append(esc(m)).append("<br>ε ").append(SweepCell.epsilonText(g.epsilon())).append("</th>")));
        b.append("</tr>");
        for (String q : new TreeSet<>(queries)) {
            b.append("<tr><td class=\"q\">").append(esc(q)).append("</td>");
            groups.forEach((m, gs) -> gs.forEach(g -> {
                double rate = g.passRate(q);
                int shade = (int) Math.round(255 - 140 * rate);
                String mark = rate == 1 ? "✓ " : rate == 0 ? "✗ " : "";
                b.append(String.format(Locale.ROOT, "<td style=\"background:rgb(%d,%d,%d)\">%s%.0f%%</td>", shade, 255, shade, mark, 100 * rate));
            }));
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private static void write(Path file, String text) {
        org.telesynth.io.Manifests.writeTextAtomically(file, text);
    }
}
