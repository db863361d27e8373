package org.telesynth.audit;

import org.telesynth.io.Duck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
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

    static FeatureTable read(Connection c, String sql) {
        int rows = (int) Duck.queryLong(c, "SELECT count(*) FROM (" + sql + ")");
        FeatureTable t = new FeatureTable(rows);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int cols = md.getColumnCount();
            boolean[] text = new boolean[cols + 1];
            for (int k = 2; k <= cols; k++) {
                text[k] = md.getColumnType(k) == Types.VARCHAR;
                if (text[k]) {
                    t.categoricalNames.add(md.getColumnLabel(k));
                    t.categorical.add(new String[rows]);
                } else {
                    t.numericNames.add(md.getColumnLabel(k));
                    t.numeric.add(new double[rows]);
                }
            }
            int i = 0;
            while (rs.next() && i < rows) {
                t.labels[i] = String.valueOf(rs.getString(1));
                int ci = 0;
                int ni = 0;
                for (int k = 2; k <= cols; k++) {
                    if (text[k]) {
                        t.categorical.get(ci++)[i] = rs.getString(k);
                    } else {
                        double v = rs.getDouble(k);
                        t.numeric.get(ni++)[i] = rs.wasNull() ? Double.NaN : v;
                    }
                }
                i++;
            }
            return t;
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }
}
