package org.telesynth.audit;

import org.telesynth.io.Duck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One prediction task's examples as columns: the label, the categorical features as text and the numeric ones as
 * doubles (NaN for NULL). Read from a query whose first column is the label; a text column is categorical, any
 * other numeric.
 */
final class FeatureTable {
    final String[] labels;
    final List<String> categoricalNames = new ArrayList<>();
    final List<String[]> categorical = new ArrayList<>();
    final List<String> numericNames = new ArrayList<>();
    final List<double[]> numeric = new ArrayList<>();

    private FeatureTable(int rows) {
        labels = new String[rows];
    }

    int rows() {
        return labels.length;
    }

    /** A table made in memory (tests). */
    static FeatureTable of(String[] labels, List<String> catNames, List<String[]> cats, List<String> numNames, List<double[]> nums) {
        FeatureTable t = new FeatureTable(labels.length);
        System.arraycopy(labels, 0, t.labels, 0, labels.length);
        t.categoricalNames.addAll(catNames);
        t.categorical.addAll(cats);
        t.numericNames.addAll(numNames);
        t.numeric.addAll(nums);
        return t;
    }

    /** The examples of {@code sql}, read in one pass: columns grow as rows come, then are cut to size. */
    static FeatureTable read(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int cols = md.getColumnCount();
            boolean[] text = new boolean[cols + 1];
            List<String> labels = new ArrayList<>();
            List<List<String>> cats = new ArrayList<>();
            List<double[]> nums = new ArrayList<>();
            List<String> catNames = new ArrayList<>();
            List<String> numNames = new ArrayList<>();
            for (int k = 2; k <= cols; k++) {
                text[k] = md.getColumnType(k) == Types.VARCHAR;
                if (text[k]) {
                    catNames.add(md.getColumnLabel(k));
                    cats.add(new ArrayList<>());
                } else {
                    numNames.add(md.getColumnLabel(k));
                    nums.add(new double[1024]);
                }
            }
            int i = 0;
            while (rs.next()) {
                labels.add(String.valueOf(rs.getString(1)));
                int ci = 0;
                int ni = 0;
                for (int k = 2; k <= cols; k++) {
                    if (text[k]) {
                        cats.get(ci++).add(rs.getString(k));
                    } else {
                        double[] col = nums.get(ni);
                        if (i == col.length) {
                            col = Arrays.copyOf(col, 2 * col.length);
                            nums.set(ni, col);
                        }
                        double v = rs.getDouble(k);
                        col[i] = rs.wasNull() ? Double.NaN : v;
                        ni++;
                    }
                }
                i++;
            }
            int rows = i;
            return of(labels.toArray(String[]::new), catNames, cats.stream().map(x -> x.toArray(String[]::new)).toList(), numNames,
                    nums.stream().map(x -> Arrays.copyOf(x, rows)).toList());
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }
}
