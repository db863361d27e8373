package org.telesynth.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.telesynth.bench.QuerySpec;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plots of report.html, drawn with XChart and embedded as PNG data URIs so that the page works offline:
 * real vs synthetic per query (grouped bars for up to {@link #MAX_BARS} groups, a log-log scatter beyond) and the
 * score of every query beside the best published peer.
 */
final class ReportCharts {
    static final int MAX_BARS = 24;
    private static final Color REAL = new Color(0x4C72B0);
    private static final Color SYNTH = new Color(0xDD8452);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    /** Real vs synthetic for one query, or null when the kind has nothing to plot (top1). */
    static String realVsSynth(QuerySpec spec, AnswerTable real, AnswerTable synth) {
        return switch (spec.kind()) {
            case "agg", "hist", "dist" -> groups(spec, real, synth, spec.kind().equals("hist") ? spec.distribution() : spec.metrics().get(0));
            case "rank" -> groups(spec, real, synth, spec.metrics().get(0));
            case "rows" -> spec.categorical().isEmpty() ? null : shares(spec.categorical().get(0), real, synth);
            default -> null;
        };
    }

    /** Our score per query beside the best published peer's. */
    static String scores(List<QueryScore> queries, Map<String, PeerScores.Method> peers) {
        List<String> names = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        for (QueryScore q : queries) {
            names.add(shortName(q.name()));
            ours.add(q.score());
            double b = 0;
            for (var e : peers.entrySet()) {
                PeerScores.Entry p = e.getValue().byQuery().get(q.name());
                if (p != null && !e.getKey().equals("d1_vs_d2")) {
                    b = Math.max(b, p.score());
                }
            }
            best.add(b);
        }
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(620).title("Peer score per query")
                .yAxisTitle("score (pass at 0.5)").build();
        style(chart);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.addSeries("this run", names, ours).setFillColor(SYNTH);
        if (!peers.isEmpty()) {
            chart.addSeries("best published peer (another study)", names, best).setFillColor(new Color(0x8C8C8C));
        }
        return png(chart);
    }

    private static String groups(QuerySpec spec, AnswerTable real, AnswerTable synth, String column) {
        List<String> identity = new ArrayList<>(spec.keys());
        if (spec.item() != null) {
            identity.add(spec.item());
        }
        Map<String, Integer> r = QueryScorer.index(real, identity);
        Map<String, Integer> s = QueryScorer.index(synth, identity);
        if (r.isEmpty()) {
            return null;
        }
        if (r.size() <= MAX_BARS) {
            List<String> labels = new ArrayList<>();
            List<Double> rv = new ArrayList<>();
            List<Double> sv = new ArrayList<>();
            for (var e : r.entrySet()) {
                Integer si = s.get(e.getKey());
                // a group the synthetic answer lacks is named so: its empty bar is missing, not a zero
                labels.add(label(real, e.getValue(), identity) + (si == null ? " (missing)" : ""));
                rv.add(orZero(real.number(e.getValue(), column)));
                sv.add(si == null ? 0 : orZero(synth.number(si, column)));
            }
            CategoryChart chart = new CategoryChartBuilder().width(760).height(360).title(column).build();
            style(chart);
            chart.getStyler().setXAxisLabelRotation(45);
            chart.addSeries("real", labels, rv).setFillColor(REAL);
            chart.addSeries("synthetic", labels, sv).setFillColor(SYNTH);
            return png(chart);
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (var e : r.entrySet()) {
            Integer si = s.get(e.getKey());
            double rv = real.number(e.getValue(), column);
            double sv = si == null ? Double.NaN : synth.number(si, column);
            if (rv > 0 && sv > 0) {
                x.add(rv);
                y.add(sv);
            }
        }
        if (x.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(760).height(360).title(column + " (matched groups, log-log)")
                .xAxisTitle("real").yAxisTitle("synthetic").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        double lo = Math.min(x.stream().min(Comparator.naturalOrder()).get(), y.stream().min(Comparator.naturalOrder()).get());
        double hi = Math.max(x.stream().max(Comparator.naturalOrder()).get(), y.stream().max(Comparator.naturalOrder()).get());
        chart.addSeries("groups", x, y).setMarkerColor(SYNTH);
        XYSeries diagonal = chart.addSeries("y = x", List.of(lo, hi), List.of(lo, hi));
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        return png(chart);
    }

    private static String shares(String column, AnswerTable real, AnswerTable synth) {
        Map<String, Double> r = counts(real, column);
        Map<String, Double> s = counts(synth, column);
        List<String> labels = r.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(MAX_BARS).map(Map.Entry::getKey).toList();
        if (labels.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(760).height(360).title(column + " share of rows").build();
        style(chart);
        chart.addSeries("real", labels, labels.stream().map(l -> r.getOrDefault(l, 0.0)).toList()).setFillColor(REAL);
        chart.addSeries("synthetic", labels, labels.stream().map(l -> s.getOrDefault(l, 0.0)).toList()).setFillColor(SYNTH);
        return png(chart);
    }

    private static Map<String, Double> counts(AnswerTable t, String column) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            out.merge(t.text(i, column).isEmpty() ? "(none)" : t.text(i, column), 1.0 / t.size(), Double::sum);
        }
        return out;
    }

    private static String label(AnswerTable t, int row, List<String> identity) {
        List<String> parts = new ArrayList<>();
        for (String k : identity) {
            parts.add(t.text(row, k).isEmpty() ? "(none)" : t.text(row, k));
        }
        return keepEnds(String.join(" / ", parts), 28);
    }

    private static String shortName(String name) {
        return keepEnds(name, 30);
    }

    /**
     * {@code text} cut to {@code max} characters in the middle, keeping both ends: long labels differ at their end
     * (top_10_applications_by_app_type_ranked_by_focal_time and ..._by_system_count), which a cut end would hide.
     */
    static String keepEnds(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int head = (max - 1) / 3;
        int tail = max - 1 - head;
        return text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }

    private static double orZero(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static void style(Chart<?, ?> chart) {
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setChartTitleVisible(true);
    }

    private static String png(Chart<?, ?> chart) {
        try {
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw chart", e);
        }
    }
}
