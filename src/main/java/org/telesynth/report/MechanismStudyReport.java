package org.telesynth.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.telesynth.io.Manifests;
import org.telesynth.privacy.study.MechanismStudy;
import org.telesynth.privacy.study.ProductCounts;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outputs of the mechanism study: runs.csv (one row per arm, epsilon and run: the direct mechanisms' and the
 * synthetic logs' metrics, the log-only ones blank for a direct arm), summary.json (quantiles per arm and epsilon),
 * linf.png and iou.png (every arm's median with the 5–95 % band against epsilon, log x axis) and index.html
 * showing both. Private: the figures are computed on the real event log.
 */
public final class MechanismStudyReport {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private MechanismStudyReport() {
    }

    public static void write(Path dir, ProductCounts truth, List<MechanismStudy.Run> runs, List<Double> epsilons, double delta,
                             Map<String, Object> provenance) {
        try {
            StringBuilder csv = new StringBuilder("mechanism,kind,epsilon,run,linf,iou,rate_coverage,hour_tv,events_per_user_ks\n");
            for (MechanismStudy.Run r : runs) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%.6f,%s,%s,%s%n", r.arm(), r.synthetic() ? "synthetic" : "direct",
                        r.epsilon(), r.run(), r.linf(), r.iou(), cell(r.rateCoverage()), cell(r.hourTv()), cell(r.eventsPerUserKs())));
            }
            Files.writeString(dir.resolve("runs.csv"), csv);
            Map<String, Object> summary = new LinkedHashMap<>(provenance);
            summary.put("private", "a research report on the real event log: its figures are exact, not for release");
            summary.put("delta", delta);
            summary.put("products", truth.products());
            summary.put("users_total", truth.total());
            summary.put("users_with_error", truth.errors());
            List<Object> rows = new ArrayList<>();
            for (String arm : arms(runs)) {
                for (double e : epsilonsOf(runs, arm)) {
                    List<MechanismStudy.Run> cell = runs.stream().filter(r -> r.arm().equals(arm) && r.epsilon() == e).toList();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("mechanism", arm);
                    row.put("kind", cell.get(0).synthetic() ? "synthetic" : "direct");
                    row.put("epsilon", e);
                    row.put("runs", cell.size());
                    row.put("linf", named(MechanismStudy.quantiles(cell.stream().mapToDouble(MechanismStudy.Run::linf).toArray())));
                    row.put("iou", named(MechanismStudy.quantiles(cell.stream().mapToDouble(MechanismStudy.Run::iou).toArray())));
                    if (cell.get(0).synthetic()) {
                        row.put("rate_coverage", named(MechanismStudy.quantiles(cell.stream().mapToDouble(MechanismStudy.Run::rateCoverage).toArray())));
                        row.put("hour_tv", named(MechanismStudy.quantiles(cell.stream().mapToDouble(MechanismStudy.Run::hourTv).toArray())));
                        row.put("events_per_user_ks", named(MechanismStudy.quantiles(cell.stream().mapToDouble(MechanismStudy.Run::eventsPerUserKs).toArray())));
                    }
                    rows.add(row);
                }
            }
            summary.put("results", rows);
            Manifests.write(dir.resolve("summary.json"), summary);
            byte[] linf = chart(runs, true);
            byte[] iou = chart(runs, false);
            Files.write(dir.resolve("linf.png"), linf);
            Files.write(dir.resolve("iou.png"), iou);
            Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Gaussian vs Laplace</title></head><body style=\"font-family:sans-serif;max-width:900px\">"
                    + "<h1>Gaussian vs Laplace on the event log</h1><p><strong>Private</strong>: computed on the real event log."
                    + " Per product: users, and users with an error; error rates and their z-scores released at each epsilon (delta "
                    + delta + ") by each mechanism, or read from each synthetic log (" + String.join(", ", arms(runs)) + ")."
                    + " Median and 5–95 % band.</p><img alt=\"L-infinity error of the z-scores\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(linf) + "\"><img alt=\"IOU of the top sets\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(iou) + "\"></body></html>\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the study outputs in " + dir, e);
        }
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** The arms in the order of their first run. */
    private static List<String> arms(List<MechanismStudy.Run> runs) {
        return runs.stream().map(MechanismStudy.Run::arm).distinct().toList();
    }

    private static List<Double> epsilonsOf(List<MechanismStudy.Run> runs, String arm) {
        return runs.stream().filter(r -> r.arm().equals(arm)).map(MechanismStudy.Run::epsilon).distinct().sorted().toList();
    }

    private static Map<String, Double> named(double[] q) {
        Map<String, Double> m = new LinkedHashMap<>();
        String[] names = {"min", "p05", "p50", "p95", "max"};
        for (int i = 0; i < q.length; i++) {
            m.put(names[i], q[i]);
        }
        return m;
    }

    private static byte[] chart(List<MechanismStudy.Run> runs, boolean linf) throws IOException {
        XYChart chart = new XYChartBuilder().width(820).height(460)
                .title(linf ? "L-infinity error of the error-rate z-scores" : "IOU of the above-average product sets")
                .xAxisTitle("epsilon").yAxisTitle(linf ? "max |z_noisy - z_true|" : "IOU").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(linf ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
        Color[] colors = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52), new Color(0x8172B3),
                new Color(0x937860), new Color(0xDA8BC3), new Color(0x8C8C8C)};
        List<String> arms = arms(runs);
        for (int a = 0; a < arms.size(); a++) {
            String arm = arms.get(a);
            List<Double> epsilons = epsilonsOf(runs, arm);
            List<Double> mid = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (double e : epsilons) {
                double[] v = runs.stream().filter(r -> r.arm().equals(arm) && r.epsilon() == e)
                        .mapToDouble(r -> linf ? r.linf() : r.iou()).toArray();
                double[] q = MechanismStudy.quantiles(v);
                mid.add(q[2]);
                err.add((q[3] - q[1]) / 2);
            }
            XYSeries s = chart.addSeries(arm, epsilons, mid, err);
            s.setLineColor(colors[a % colors.length]);
            s.setMarkerColor(colors[a % colors.length]);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
