package org.telesynth.audit;

import org.telesynth.io.Duck;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The canary devices of the one-run audit. Canary i is a device with a row in every table, each copied from a
 * sampled real row (so every value lies in its table's domain and passes load), whose guid and every open-domain
 * text (model, CPU code, process, executable, blocker and app names) is its own token {@code tscanary-<i>}: a value no
 * other device holds, so a release that lets one device's values through shows which canaries were in. A table
 * with no rows has no row to copy and gets no canary (at fleet scale every table has rows).
 */
final class Canaries {
    static final String PREFIX = "tscanary-";

    private Canaries() {
    }

    static String token(int i) {
        return String.format("%s%06d", PREFIX, i);
    }

    /**
     * Writes the tables of the views in {@code schema} of {@code c}, with the included canaries' rows added, as
     * {@code dir/<table>.parquet}; the templates are a repeatable sample ({@code sampleSeed}).
     */
    static void write(Connection c, String schema, boolean[] included, Path dir, int sampleSeed) {
        int m = included.length;
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE canary_in (i INTEGER, tok VARCHAR)");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (included[i]) {
                rows.add("(" + i + ", '" + token(i) + "')");
            }
        }
        for (int from = 0; from < rows.size(); from += 1000) {
            Duck.exec(c, "INSERT INTO canary_in VALUES " + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 1000))));
        }
        // one template device for both device tables, so the two rows of a canary agree where the tables overlap
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE canary_device AS SELECT guid AS template, row_number() OVER (ORDER BY guid) - 1 AS rn FROM (SELECT guid FROM "
                + schema + ".\"" + Schema.SYSINFO + "\" USING SAMPLE reservoir(" + m + " ROWS) REPEATABLE (" + sampleSeed + "))");
        long devices = Duck.queryLong(c, "SELECT count(*) FROM canary_device");
        for (TableSchema t : Schema.tables()) {
            String real = schema + ".\"" + t.name() + "\"";
            String canaries;
            if (t.deviceTable()) {
                canaries = "SELECT " + columns(t) + " FROM canary_in k JOIN canary_device p ON p.rn = k.i % " + devices + " JOIN " + real
                        + " x ON x.guid = p.template";
            } else {
                Duck.exec(c, "CREATE OR REPLACE TEMP TABLE canary_rows AS SELECT *, row_number() OVER () - 1 AS canary_rn FROM (SELECT * FROM "
                        + real + " USING SAMPLE reservoir(" + m + " ROWS) REPEATABLE (" + sampleSeed + "))");
                long templates = Duck.queryLong(c, "SELECT count(*) FROM canary_rows");
                canaries = templates == 0 ? null : "SELECT " + columns(t) + " FROM canary_in k JOIN canary_rows x ON x.canary_rn = k.i % " + templates;
            }
            String all = "SELECT " + t.sqlColumnList() + " FROM " + real + (canaries == null ? "" : " UNION ALL " + canaries);
            Duck.copyToParquet(c, all, dir.resolve(t.fileName()));
        }
    }

    private static String columns(TableSchema t) {
        List<String> out = new ArrayList<>();
        for (Column col : t.columns()) {
            boolean token = col.name().equals("guid") || col.openDomain();
            out.add((token ? "k.tok" : "x." + col.sqlName()) + " AS " + col.sqlName());
        }
        return String.join(", ", out);
    }
}
