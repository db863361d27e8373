package org.telesynth.audit;

import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * One column's real and synthetic distributions side by side, for the report's plots of the worst columns: shares
 * in 20 equal-width bins over both sides' range (numbers and dates, on the same reservoir samples as the KS
 * statistic), or the shares of the 12 most common categories (NULL as {@code ~}).
 *
 * @param bins  each bin's label: its lower edge, or the category
 * @param real  the real share per bin
 * @param synth the synthetic share per bin
 */
record ColumnDistribution(String label, String metric, double value, List<String> bins, double[] real, double[] synth) {
    static final int BINS = 20;
    static final int CATEGORIES = 12;

    static ColumnDistribution of(Connection c, ColumnShape s, int sampleRows) {
        TableSchema t = Schema.table(s.table());
        Column col = t.column(s.column()).orElseThrow();
        List<String[]> rows;
        boolean date = !col.isNumeric() && s.metric().equals("ks");
        if (s.metric().equals("ks")) {
            String v = col.isNumeric() ? "CAST(" + col.sqlName() + " AS DOUBLE)" : "CAST(epoch(" + col.sqlName() + ") AS DOUBLE)";
            String side = "(SELECT " + v + " AS v FROM (SELECT " + col.sqlName() + " FROM %s.\"" + t.name() + "\" WHERE " + col.sqlName()
                    + " IS NOT NULL) USING SAMPLE reservoir(" + sampleRows + " ROWS) REPEATABLE (7))";
            rows = QuickChecks.rows(c, "WITH a AS " + side.formatted("real") + ", b AS " + side.formatted("synth")
                    + ", r AS (SELECT min(v) AS lo, max(v) AS hi FROM (SELECT v FROM a UNION ALL SELECT v FROM b))"
                    + ", k AS (SELECT 0 AS side, v FROM a UNION ALL SELECT 1, v FROM b)"
                    + " SELECT CAST(least(" + (BINS - 1) + ", floor((v - lo) / CASE WHEN hi > lo THEN hi - lo ELSE 1 END * " + BINS + ")) AS INTEGER) AS bin,"
                    + " side, count(*) / sum(count(*)) OVER (PARTITION BY side), any_value(lo), any_value(hi) FROM k, r GROUP BY 1, 2 ORDER BY 1, 2");
        } else {
            String side = "SELECT %d AS side, coalesce(CAST(" + col.sqlName() + " AS VARCHAR), '~') AS v FROM %s.\"" + t.name() + "\"";
            rows = QuickChecks.rows(c, "WITH k AS (" + side.formatted(0, "real") + " UNION ALL " + side.formatted(1, "synth") + ")"
                    + ", p AS (SELECT v, side, count(*) / sum(count(*)) OVER (PARTITION BY side) AS p FROM k GROUP BY 1, 2)"
                    + ", top AS (SELECT v FROM p GROUP BY v ORDER BY sum(p) DESC, v LIMIT " + CATEGORIES + ")"
                    + " SELECT v, side, p FROM p WHERE v IN (SELECT v FROM top) ORDER BY v, side");
        }
        if (s.metric().equals("ks")) {
            List<String> labels = new ArrayList<>();
            double[] real = new double[BINS];
            double[] synth = new double[BINS];
            double lo = rows.isEmpty() ? 0 : Double.parseDouble(rows.get(0)[3]);
            double hi = rows.isEmpty() ? 0 : Double.parseDouble(rows.get(0)[4]);
            for (int b = 0; b < BINS; b++) {
                double edge = lo + b * (hi - lo) / BINS;
                labels.add(date ? Instant.ofEpochSecond((long) edge).atZone(ZoneOffset.UTC).toLocalDate().toString()
                        : String.format(Locale.ROOT, "%.4g", edge));
            }
            for (String[] r : rows) {
                (r[1].equals("0") ? real : synth)[Integer.parseInt(r[0])] += Double.parseDouble(r[2]);
            }
            return new ColumnDistribution(s.label(), s.metric(), s.value(), labels, real, synth);
        }
        Map<String, double[]> bins = new LinkedHashMap<>();
        for (String[] r : rows) {
            bins.computeIfAbsent(r[0], k -> new double[2])[Integer.parseInt(r[1])] += Double.parseDouble(r[2]);
        }
        double[] real = bins.values().stream().mapToDouble(x -> x[0]).toArray();
        double[] synth = bins.values().stream().mapToDouble(x -> x[1]).toArray();
        return new ColumnDistribution(s.label(), s.metric(), s.value(), List.copyOf(bins.keySet()), real, synth);
    }
}
