package org.telesynth.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.telesynth.report.ReportHtml.esc;

/**
 * The sweep page's plots as inline SVG (no script, so the page works offline and renders the same everywhere):
 * a value against epsilon on a log axis, one line per method through the mean over seeds with the seeds' min-max
 * range as a band, and dashed horizontal reference lines.
 */
final class SweepCharts {
    static final String[] COLORS = {"#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860"};
    private static final int W = 560;
    private static final int H = 300;
    private static final int L = 56;
    private static final int R = 150;
    private static final int T = 36;
    private static final int B = 44;

    private SweepCharts() {
    }

    /** One point of a line: the mean over seeds, and the seeds' range. */
    record Point(double epsilon, double mean, double low, double high) {
    }

    /** A dashed reference line at {@code y}. */
    record Reference(String label, double y) {
    }

    static String lines(String title, String yLabel, Map<String, List<Point>> series, List<Reference> refs) {
        double xMin = Double.MAX_VALUE, xMax = -Double.MAX_VALUE, yMax = 0;
        for (List<Point> ps : series.values()) {
            for (Point p : ps) {
                xMin = Math.min(xMin, p.epsilon());
                xMax = Math.max(xMax, p.epsilon());
                yMax = Math.max(yMax, p.high());
            }
        }
        for (Reference r : refs) {
            yMax = Math.max(yMax, r.y());
        }
        if (xMin == Double.MAX_VALUE) {
            return "<p>No finished cells to plot.</p>";
        }
        yMax = niceCeiling(yMax);
        double lx0 = Math.log(xMin), lx1 = Math.log(xMax) == Math.log(xMin) ? Math.log(xMin) + 1 : Math.log(xMax);
        double fyMax = yMax;
        java.util.function.DoubleUnaryOperator x = e -> L + (Math.log(e) - lx0) / (lx1 - lx0) * (W - L - R);
        java.util.function.DoubleUnaryOperator y = v -> T + (1 - v / fyMax) * (H - T - B);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " aria-label=\"%s\">", W, H, W, H, esc(title)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"13\" font-size=\"13\" font-weight=\"bold\">%s</text>", L, esc(title)));
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double yy = y.applyAsDouble(v);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", L, W - R, yy, yy));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", L - 4, yy + 3, number(v)));
        }
        java.util.TreeSet<Double> ticks = new java.util.TreeSet<>();
        series.values().forEach(ps -> ps.forEach(p -> ticks.add(p.epsilon())));
        for (double e : ticks) {
            double xx = x.applyAsDouble(e);
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>", xx, H - B + 14,
                    SweepCell.epsilonText(e)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">total epsilon (log scale)</text>",
                (L + W - R) / 2, H - 8));
        b.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                (T + H - B) / 2, (T + H - B) / 2, esc(yLabel)));
        for (Reference r : refs) {
            double yy = y.applyAsDouble(r.y());
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#777\" stroke-dasharray=\"5 4\"/>", L, W - R, yy, yy));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"#555\">%s</text>", W - R + 4, yy + 3, esc(r.label())));
        }
        int k = 0;
        int legendX = L;
        for (Map.Entry<String, List<Point>> s : series.entrySet()) {
            String color = COLORS[k % COLORS.length];
            List<Point> ps = s.getValue();
            StringBuilder band = new StringBuilder();
            StringBuilder line = new StringBuilder();
            for (Point p : ps) {
                band.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(p.epsilon()), y.applyAsDouble(p.high())));
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(p.epsilon()), y.applyAsDouble(p.mean())));
            }
            for (int i = ps.size() - 1; i >= 0; i--) {
                band.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(ps.get(i).epsilon()), y.applyAsDouble(ps.get(i).low())));
            }
            b.append(String.format("<polygon points=\"%s\" fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\"/>", band.toString().strip(), color));
            b.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", line.toString().strip(), color));
            for (Point p : ps) {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s at epsilon %s: %s (seeds %s to %s)</title></circle>",
                        x.applyAsDouble(p.epsilon()), y.applyAsDouble(p.mean()), color, esc(s.getKey()), SweepCell.epsilonText(p.epsilon()),
                        number(p.mean()), number(p.low()), number(p.high())));
            }
            // the legend runs under the title, clear of the reference lines' labels on the right
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
                    legendX, 21, color, legendX + 16, 26, esc(s.getKey())));
            // about 6.5 px a character at 11 px, and a gap: names of any length stay apart
            legendX += Math.max(80, 16 + (int) Math.ceil(6.5 * s.getKey().length()) + 14);
            k++;
        }
        return b.append("</svg>").toString();
    }

    /** The next round number at or above {@code v} (1, 2, 2.5, 5 times a power of ten). */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String number(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
