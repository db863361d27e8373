package org.telesynth.audit;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample of device records as columns of primitives: each device-table attribute as an integer code (one code
 * book shared by every sample, so equal text means equal code) and each child table's rows as ln(1 + rows) / ln(1 + k),
 * in [0, 1]. The distance between two records is the number of attributes that differ plus the sum of the row gaps:
 * a mixed Hamming / L1 distance in which every attribute and every table weighs at most 1.
 */
final class DeviceSample {
    final int size;
    final int[][] codes; // [attribute][device]
    final double[][] rows; // [table][device]

    private DeviceSample(int size, int[][] codes, double[][] rows) {
        this.size = size;
        this.codes = codes;
        this.rows = rows;
    }

    /** Up to {@code n} devices of the views in {@code schema} (a repeatable reservoir sample). */
    static DeviceSample read(Connection c, String schema, int n, ReleaseConfig config, Map<String, Integer> codeBook) {
        int attributes = DeviceRecords.attributes().size();
        List<TableSchema> tables = DeviceRecords.childTables();
        int total = (int) Math.min(n, Duck.queryLong(c, "SELECT count(*) FROM " + schema + ".system_sysinfo_unique_normalized"));
        int[][] codes = new int[attributes][total];
        double[][] rows = new double[tables.size()][total];
        double[] scale = new double[tables.size()];
        for (int t = 0; t < scale.length; t++) {
            scale[t] = Math.log1p(config.table(tables.get(t).name()).k());
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DeviceRecords.sql(schema, n))) {
            int i = 0;
            while (rs.next() && i < total) {
                for (int a = 0; a < attributes; a++) {
                    String key = a + "\u0001" + rs.getString(a + 2);
                    codes[a][i] = codeBook.computeIfAbsent(key, k -> codeBook.size());
                }
                for (int t = 0; t < scale.length; t++) {
                    rows[t][i] = Math.min(1, Math.log1p(rs.getLong(attributes + 2 + t)) / scale[t]);
                }
                i++;
            }
            return new DeviceSample(i, codes, rows);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    static Map<String, Integer> newCodeBook() {
        return new HashMap<>();
    }

    /** The distance from device {@code i} of this sample to the nearest device of {@code other}. */
    double nearest(int i, DeviceSample other) {
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < other.size; j++) {
            double d = 0;
            for (int a = 0; a < codes.length && d < best; a++) {
                if (codes[a][i] != other.codes[a][j]) {
                    d++;
                }
            }
            for (int t = 0; t < rows.length && d < best; t++) {
                d += Math.abs(rows[t][i] - other.rows[t][j]);
            }
            if (d < best) {
                best = d;
                if (best == 0) {
                    break;
                }
            }
        }
        return best;
    }

    /** The nearest-record distance of every device of this sample to {@code other}. */
    double[] nearestAll(DeviceSample other) {
        double[] out = new double[size];
        java.util.stream.IntStream.range(0, size).parallel().forEach(i -> out[i] = nearest(i, other));
        return out;
    }
}
