package org.telesynth.audit;

import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Column-pair trends as a picture: per table, the absolute difference between the real and the synthetic Pearson
 * correlation of every pair of its numeric columns (0 when both are undefined; 1 when only one side has one). One
 * aggregate query per table and side.
 */
final class CorrelationDiff {
    /** Tables with more numeric columns than this are drawn by their first ones (web categories have 28). */
    static final int MAX_COLUMNS = 30;

    /** One table's matrix: {@code diff[i][j]} for columns i and j. */
    record Matrix(String table, List<String> columns, double[][] diff) {
        double worst() {
            double w = 0;
            for (double[] row : diff) {
                for (double v : row) {
                    w = Math.max(w, v);
                }
            }
            return w;
        }
    }

    private CorrelationDiff() {
    }

    static List<Matrix> measure(Connection c) {
        List<Matrix> out = new ArrayList<>();
        for (TableSchema t : Schema.tables()) {
            List<Column> cols = t.columns().stream().filter(Column::isNumeric).limit(MAX_COLUMNS).toList();
            if (cols.size() < 2) {
                continue;
            }
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                for (int j = i + 1; j < cols.size(); j++) {
                    pairs.add("corr(CAST(" + cols.get(i).sqlName() + " AS DOUBLE), CAST(" + cols.get(j).sqlName() + " AS DOUBLE))");
                }
            }
            String select = "SELECT " + String.join(", ", pairs) + " FROM %s.\"" + t.name() + "\"";
            String[] real = QuickChecks.rows(c, select.formatted("real")).get(0);
            String[] synth = QuickChecks.rows(c, select.formatted("synth")).get(0);
            double[][] diff = new double[cols.size()][cols.size()];
            int k = 0;
            for (int i = 0; i < cols.size(); i++) {
                for (int j = i + 1; j < cols.size(); j++, k++) {
                    double d = difference(real[k], synth[k]);
                    diff[i][j] = d;
                    diff[j][i] = d;
                }
            }
            out.add(new Matrix(t.name(), cols.stream().map(Column::name).toList(), diff));
        }
        return out;
    }

    /** |r - s|, with an undefined correlation (NULL, NaN: a constant column) on both sides 0, on one side 1. */
    static double difference(String real, String synth) {
        double r = parse(real);
        double s = parse(synth);
        if (Double.isNaN(r) || Double.isNaN(s)) {
            return Double.isNaN(r) && Double.isNaN(s) ? 0 : 1;
        }
        return Math.min(2, Math.abs(r - s));
    }

    private static double parse(String v) {
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
