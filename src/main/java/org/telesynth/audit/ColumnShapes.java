package org.telesynth.audit;

import org.telesynth.io.Duck;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Column shapes of every column of every table (guid aside), over {@code real.*} and {@code synth.*}: the two-sample
 * KS statistic for numbers and dates, on a repeatable reservoir sample of at most {@code sampleRows} non-NULL values
 * per side; the TVD of the category shares (NULL as a category) over all rows, since a GROUP BY is one cheap scan.
 */
final class ColumnShapes {
    private ColumnShapes() {
    }

    static List<ColumnShape> measure(Connection c, int sampleRows) {
        List<ColumnShape> out = new ArrayList<>();
        for (TableSchema t : Schema.tables()) {
            for (Column col : t.columns()) {
                if (col.name().equals("guid")) {
                    continue;
                }
                boolean ordered = col.isNumeric() || col.type().equals("DATE") || col.type().equals("TIMESTAMP");
                out.add(ordered ? ks(c, t, col, sampleRows) : tvd(c, t, col));
            }
        }
        return out;
    }

    /** The sampling error of a KS statistic from samples of n and m: the 95 % critical value 1.36 sqrt((n + m) / (n m)). */
    static double ksError(long n, long m) {
        return n == 0 || m == 0 ? 1 : 1.36 * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    static ColumnShape ks(Connection c, TableSchema t, Column col, int sampleRows) {
        String v = col.isNumeric() ? "CAST(" + col.sqlName() + " AS DOUBLE)" : "CAST(epoch(" + col.sqlName() + ") AS DOUBLE)";
        String side = "(SELECT " + v + " AS v FROM (SELECT " + col.sqlName() + " FROM %s.\"" + t.name() + "\" WHERE " + col.sqlName()
                + " IS NOT NULL) USING SAMPLE reservoir(" + sampleRows + " ROWS) REPEATABLE (7))";
        String sql = "WITH a AS " + side.formatted("real") + ", b AS " + side.formatted("synth")
                + ", n AS (SELECT (SELECT count(*) FROM a) AS na, (SELECT count(*) FROM b) AS nb)"
                + ", g AS (SELECT v, sum(x) AS x, sum(y) AS y FROM (SELECT v, 1 AS x, 0 AS y FROM a UNION ALL SELECT v, 0, 1 FROM b) GROUP BY v)"
                + ", f AS (SELECT sum(x) OVER (ORDER BY v) / (SELECT na FROM n) AS fa, sum(y) OVER (ORDER BY v) / (SELECT nb FROM n) AS fb FROM g)"
                + " SELECT CASE WHEN (SELECT na FROM n) = 0 AND (SELECT nb FROM n) = 0 THEN 0"
                + " WHEN (SELECT na FROM n) = 0 OR (SELECT nb FROM n) = 0 THEN 1 ELSE (SELECT max(abs(fa - fb)) FROM f) END,"
                + " least((SELECT na FROM n), (SELECT nb FROM n))";
        String[] r = QuickChecks.rows(c, sql).get(0);
        long rows = Long.parseLong(r[1]);
        return new ColumnShape(t.name(), col.name(), "ks", Double.parseDouble(r[0]), rows, rows >= ColumnShape.MIN_ROWS);
    }

    static ColumnShape tvd(Connection c, TableSchema t, Column col) {
        String side = "(SELECT coalesce(CAST(" + col.sqlName() + " AS VARCHAR), '~') AS v, count(*) / sum(count(*)) OVER () AS p FROM %s.\""
                + t.name() + "\" GROUP BY 1)";
        String sql = "SELECT coalesce(0.5 * sum(abs(coalesce(a.p, 0) - coalesce(b.p, 0))), 0), (SELECT least((SELECT count(*) FROM real.\""
                + t.name() + "\"), (SELECT count(*) FROM synth.\"" + t.name() + "\"))) FROM " + side.formatted("real") + " a FULL OUTER JOIN "
                + side.formatted("synth") + " b USING (v)";
        String[] r = QuickChecks.rows(c, sql).get(0);
        return new ColumnShape(t.name(), col.name(), "tvd", Double.parseDouble(r[0]), Long.parseLong(r[1]), !col.domain().isEmpty());
    }
}
