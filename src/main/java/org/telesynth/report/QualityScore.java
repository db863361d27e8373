package org.telesynth.report;

import org.telesynth.audit.ColumnShape;
import org.telesynth.audit.ShapesAndTrends;
import org.telesynth.fidelity.FidelityReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fidelity at a glance, in the shape users know from SDMetrics' QualityReport: scores in [0, 1], higher is better.
 * <ul>
 *   <li>column shapes: per column 1 - KS (numbers, dates) or 1 - TVD (categories), SDMetrics' KSComplement and
 *       TVComplement;</li>
 *   <li>column-pair trends: per numeric pair within a table 1 - |corr_real - corr_synth| / 2, SDMetrics'
 *       CorrelationSimilarity;</li>
 *   <li>cross-table: 1 - the mean TVD of P(child feature | device attribute) (docs/compare.md), the relational part
 *       that SDMetrics' multi-table report approximates by parent-child cardinality and that we measure directly.</li>
 * </ul>
 * The overall score is the plain mean of the parts that were measured, each part shown beside it, as SDMetrics
 * and Gretel's report do; synthcity's many metrics we leave to users (export writes SDV metadata for them).
 *
 * @param shapeByTable  mean column-shape score per table
 * @param pairByTable   mean pair-trend score per table (tables with two numeric columns or more)
 * @param shapes        the overall column-shape score
 * @param pairs         the overall pair-trend score
 * @param crossTable    1 - mean cross-table TVD, or null when it was not measured
 * @param worstShapes   the worst columns, worst first
 * @param worstPairs    the worst pairs, worst first
 */
public record QualityScore(Map<String, Double> shapeByTable, Map<String, Double> pairByTable, double shapes, double pairs,
                           Double crossTable, List<String> worstShapes, List<String> worstPairs) {
    static final int WORST = 5;

    public static QualityScore of(ShapesAndTrends m, FidelityReport fidelity) {
        Map<String, List<Double>> shapeLists = new TreeMap<>();
        for (ColumnShape s : m.shapes()) {
            shapeLists.computeIfAbsent(s.table(), t -> new ArrayList<>()).add(1 - s.value());
        }
        Map<String, List<Double>> pairLists = new TreeMap<>();
        for (ShapesAndTrends.PairTrend p : m.pairs()) {
            pairLists.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(1 - p.difference() / 2);
        }
        List<String> worstShapes = m.shapes().stream().sorted(Comparator.comparingDouble(ColumnShape::value).reversed()).limit(WORST)
                .map(s -> String.format(Locale.ROOT, "%s.%s %.2f (%s %.3f)", s.table(), s.column(), 1 - s.value(), s.metric(), s.value())).toList();
        List<String> worstPairs = m.pairs().stream().sorted(Comparator.comparingDouble(ShapesAndTrends.PairTrend::difference).reversed())
                .limit(WORST).map(p -> String.format(Locale.ROOT, "%s: %s × %s %.2f (|Δ corr| %.3f)", p.table(), p.a(), p.b(),
                        1 - p.difference() / 2, p.difference())).toList();
        return new QualityScore(means(shapeLists), means(pairLists), mean(m.shapes().stream().mapToDouble(s -> 1 - s.value()).toArray()),
                mean(m.pairs().stream().mapToDouble(p -> 1 - p.difference() / 2).toArray()),
                fidelity == null ? null : 1 - fidelity.release().mean(), worstShapes, worstPairs);
    }

    /** The mean of the measured parts. */
    public double overall() {
        double sum = shapes + pairs;
        int n = 2;
        if (crossTable != null) {
            sum += crossTable;
            n++;
        }
        return sum / n;
    }

    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("overall", overall());
        j.put("column_shapes", shapes);
        j.put("column_pair_trends", pairs);
        j.put("cross_table", crossTable);
        j.put("column_shapes_by_table", shapeByTable);
        j.put("column_pair_trends_by_table", pairByTable);
        j.put("worst_column_shapes", worstShapes);
        j.put("worst_column_pairs", worstPairs);
        return j;
    }

    String html() {
        StringBuilder b = new StringBuilder("<h2 id=\"quality\">Fidelity at a glance</h2><div class=\"cards\">");
        card(b, "overall quality", overall());
        card(b, "column shapes", shapes);
        card(b, "column-pair trends", pairs);
        if (crossTable != null) {
            card(b, "cross-table (1 - mean TVD)", crossTable);
        }
        b.append("</div><p class=\"small\">Scores in [0, 1], higher is better; the overall score is the mean of the parts shown."
                + " Column shapes: 1 - KS (numbers) or 1 - TVD (categories); pair trends: 1 - |Δ correlation| / 2 (SDMetrics'"
                + " definitions).</p><table><tr><th>table</th><th>column shapes</th><th>column-pair trends</th></tr>");
        for (Map.Entry<String, Double> e : shapeByTable.entrySet()) {
            Double p = pairByTable.get(e.getKey());
            b.append("<tr><td>").append(ReportHtml.esc(e.getKey())).append("</td><td>").append(fmt(e.getValue())).append("</td><td>")
                    .append(p == null ? "-" : fmt(p)).append("</td></tr>");
        }
        b.append("</table><p><b>Worst columns:</b> ").append(ReportHtml.esc(String.join("; ", worstShapes))).append("</p><p><b>Worst pairs:</b> ")
                .append(ReportHtml.esc(String.join("; ", worstPairs))).append("</p>");
        return b.toString();
    }

    String markdown() {
        StringBuilder b = new StringBuilder("\n## Fidelity at a glance\n\n");
        b.append(String.format(Locale.ROOT, "- **Overall quality %.2f** = mean of column shapes %.2f, column-pair trends %.2f%s%n", overall(), shapes,
                pairs, crossTable == null ? "" : String.format(Locale.ROOT, ", cross-table %.2f", crossTable)));
        b.append("- Worst columns: ").append(String.join("; ", worstShapes)).append('\n');
        b.append("- Worst pairs: ").append(String.join("; ", worstPairs)).append("\n\n| table | column shapes | column-pair trends |\n|---|---|---|\n");
        shapeByTable.forEach((t, v) -> b.append("| ").append(t).append(" | ").append(fmt(v)).append(" | ")
                .append(pairByTable.containsKey(t) ? fmt(pairByTable.get(t)) : "-").append(" |\n"));
        return b.toString();
    }

    private static void card(StringBuilder b, String label, double v) {
        b.append("<div class=\"card\"><b>").append(fmt(v)).append("</b>").append(ReportHtml.esc(label)).append("</div>");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static Map<String, Double> means(Map<String, List<Double>> lists) {
        Map<String, Double> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, mean(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }
}
