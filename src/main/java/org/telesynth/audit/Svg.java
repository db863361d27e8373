package org.telesynth.audit;

import java.util.List;
import java.util.Locale;

import static org.telesynth.report.ReportHtml.esc;

/** The audit page's plots as inline SVG: no script, no external file, readable offline. */
final class Svg {
    private Svg() {
    }

    /** Horizontal bars of the worst columns' statistics, labelled on the page. */
    static String bars(List<ColumnShape> shapes) {
        int h = 22 * shapes.size() + 10;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"760\" height=\"%d\" role=\"img\" aria-label=\"worst columns\">", h));
        for (int i = 0; i < shapes.size(); i++) {
            ColumnShape s = shapes.get(i);
            double w = 300 * Math.min(1, s.value());
            String label = s.label();
            // keep the distinguishing end of a long label
            label = label.length() > 52 ? "..." + label.substring(label.length() - 49) : label;
            b.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text><rect x=\"380\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#c55\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s %.3f</text>", 22 * i + 18, esc(label), 22 * i + 5, w, 385 + w, 22 * i + 18, s.metric(), s.value()));
        }
        return b.append("</svg>").toString();
    }

    /**
     * One worst column's real (red) and synthetic (blue) shares per bin or category, side by side; the first, middle
     * and last bin edges labelled for numbers and dates, every category (its end kept) for categories.
     */
    static String distribution(ColumnDistribution d) {
        int n = d.bins().size();
        double top = 1e-9;
        for (int i = 0; i < n; i++) {
            top = Math.max(top, Math.max(d.real()[i], d.synth()[i]));
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"640\" height=\"270\" role=\"img\" aria-label=\"distribution %s\">"
                + "<text x=\"40\" y=\"14\" font-size=\"12\">%s (%s %.3f): real red, synthetic blue</text>", esc(d.label()), esc(d.label()), d.metric(), d.value()));
        double slot = 580.0 / Math.max(1, n);
        for (int i = 0; i < n; i++) {
            double x = 40 + i * slot;
            double w = slot / 2 - 1;
            double hr = 200 * d.real()[i] / top;
            double hs = 200 * d.synth()[i] / top;
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c55\"/>", x, 220 - hr, w, hr));
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#55c\"/>", x + w, 220 - hs, w, hs));
            boolean label = d.metric().equals("tvd") || i == 0 || i == n / 2 || i == n - 1;
            if (label) {
                String t = d.bins().get(i);
                t = d.metric().equals("tvd") && t.length() > 9 ? "..." + t.substring(t.length() - 8) : t;
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>", x, 236 + (d.metric().equals("tvd") ? 12 * (i % 2) : 0), esc(t)));
            }
        }
        return b.append("</svg>").toString();
    }

    /** The ROC curve against the diagonal of a coin. */
    static String roc(double[][] points) {
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            path.append(String.format(Locale.ROOT, "%s%.1f,%.1f", path.length() == 0 ? "M" : " L", 40 + 300 * p[0], 320 - 300 * p[1]));
        }
        return "<svg width=\"360\" height=\"350\" role=\"img\" aria-label=\"ROC curve\"><rect x=\"40\" y=\"20\" width=\"300\" height=\"300\" fill=\"none\" stroke=\"#999\"/>"
                + "<path d=\"M40,320 L340,20\" stroke=\"#bbb\" stroke-dasharray=\"4\"/><path d=\"" + path + "\" fill=\"none\" stroke=\"#c55\" stroke-width=\"2\"/>"
                + "<text x=\"150\" y=\"345\" font-size=\"12\">false positive rate</text><text x=\"0\" y=\"15\" font-size=\"12\">true positive rate</text></svg>";
    }

    /** Two histograms of distances on one scale. */
    static String histograms(double[] a, double[] b) {
        int bins = 30;
        double max = 1e-9;
        for (double v : a) {
            max = Math.max(max, v);
        }
        for (double v : b) {
            max = Math.max(max, v);
        }
        int[] ha = counts(a, bins, max);
        int[] hb = counts(b, bins, max);
        int top = 1;
        for (int i = 0; i < bins; i++) {
            top = Math.max(top, Math.max(ha[i], hb[i]));
        }
        StringBuilder s = new StringBuilder("<svg width=\"640\" height=\"240\" role=\"img\" aria-label=\"DCR histograms\">");
        for (int i = 0; i < bins; i++) {
            double x = 40 + i * 580.0 / bins;
            double w = 580.0 / bins / 2 - 1;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c55\"/>", x, 210 - 200.0 * ha[i] / top, w, 200.0 * ha[i] / top));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#55c\"/>", x + w, 210 - 200.0 * hb[i] / top, w, 200.0 * hb[i] / top));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"40\" y=\"232\" font-size=\"12\">0</text><text x=\"560\" y=\"232\" font-size=\"12\">%.2f</text>", max));
        return s.append("</svg>").toString();
    }

    private static int[] counts(double[] v, int bins, double max) {
        int[] c = new int[bins];
        for (double x : v) {
            c[Math.min(bins - 1, (int) (x / max * bins))]++;
        }
        return c;
    }

    /** One table's correlation-difference matrix, its name above it and each cell's value in its tooltip. */
    static String heatMap(CorrelationDiff.Matrix m) {
        int n = m.columns().size();
        int cell = 14;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"correlation differences %s\"><text x=\"0\" y=\"14\" font-size=\"12\">%s (worst %.2f)</text>",
                Math.max(260, n * cell + 10), n * cell + 30, esc(m.table()), esc(m.table()), m.worst()));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = Math.min(1, m.diff()[i][j]);
                int shade = (int) Math.round(255 * (1 - v));
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"rgb(255,%d,%d)\" stroke=\"#eee\">"
                        + "<title>%s x %s: %.3f</title></rect>", j * cell, 22 + i * cell, cell, cell, shade, shade,
                        esc(m.columns().get(i)), esc(m.columns().get(j)), m.diff()[i][j]));
            }
        }
        return s.append("</svg>").toString();
    }
}
