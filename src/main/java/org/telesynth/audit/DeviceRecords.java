package org.telesynth.audit;

import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * A device's record as the audit compares it: every column of the device tables (but guid) as text, and its rows
 * in each child table. Exact matches compare whole records; the distances of the membership attack and of DCR
 * count the differing attributes and the gaps in log rows.
 */
final class DeviceRecords {
    private DeviceRecords() {
    }

    /** The device-table attributes, as {@code table.column}. */
    static List<String> attributes() {
        List<String> out = new ArrayList<>();
        for (TableSchema t : Schema.tables()) {
            if (t.deviceTable()) {
                for (Column c : t.columns()) {
                    if (!c.name().equals("guid")) {
                        out.add(t.name() + "." + c.name());
                    }
                }
            }
        }
        return out;
    }

    static List<TableSchema> childTables() {
        return Schema.tables().stream().filter(t -> !t.deviceTable()).toList();
    }

    /**
     * SQL over the views of {@code schema}: guid, then each attribute as text ({@code ~} for NULL), then each child
     * table's row count (0 when absent); {@code sample} limits the devices (a reservoir, repeatable), 0 for all.
     */
    static String sql(String schema, int sample) {
        List<String> select = new ArrayList<>(List.of("d.guid"));
        String devices = schema + ".\"" + Schema.SYSINFO + "\"";
        if (sample > 0) {
            devices = "(SELECT * FROM " + devices + " USING SAMPLE reservoir(" + sample + " ROWS) REPEATABLE (7))";
        }
        StringBuilder from = new StringBuilder(devices + " d");
        int i = 0;
        for (TableSchema t : Schema.tables()) {
            if (!t.deviceTable()) {
                continue;
            }
            String alias = "t" + i++;
            if (!t.name().equals(Schema.SYSINFO)) {
                from.append(" LEFT JOIN ").append(schema).append(".\"").append(t.name()).append("\" ").append(alias).append(" USING (guid)");
            }
            for (Column c : t.columns()) {
                if (!c.name().equals("guid")) {
                    String q = (t.name().equals(Schema.SYSINFO) ? "d" : alias) + "." + c.sqlName();
                    select.add("coalesce(CAST(" + q + " AS VARCHAR), '~')");
                }
            }
        }
        int j = 0;
        for (TableSchema t : childTables()) {
            String alias = "c" + j++;
            from.append(" LEFT JOIN (SELECT guid, count(*) AS n FROM ").append(schema).append(".\"").append(t.name())
                    .append("\" GROUP BY guid) ").append(alias).append(" USING (guid)");
            select.add("coalesce(" + alias + ".n, 0)");
        }
        return "SELECT " + String.join(", ", select) + " FROM " + from;
    }

    /** SQL of one text key per device record (the attributes and row counts joined), over {@link #sql}. */
    static String keySql(String schema) {
        int n = attributes().size() + childTables().size();
        List<String> cols = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            cols.add("CAST(c" + k + " AS VARCHAR)");
        }
        return "SELECT guid, concat_ws('|', " + String.join(", ", cols) + ") AS k FROM (" + sql(schema, 0) + ") AS r(guid, "
                + String.join(", ", java.util.stream.IntStream.rangeClosed(1, n).mapToObj(k -> "c" + k).toList()) + ")";
    }
}
