package org.telesynth.agg;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.engine.SqlEngine;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.ColumnSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code device_profile.parquet}: one row per device (sysinfo's guids) with its sysinfo attributes, its cpu
 * attributes (prefixed {@code cpu_}), and per child table {@code <t>_present}, {@code <t>_days} (distinct days),
 * {@code <t>_rows_per_day} and, for its key value columns, {@code <t>_mean_<col>} and {@code <t>_total_<col>}, all
 * computed from the bounded, clamped tables, so each feature inherits their bounds (a total is at most k times
 * the column's clamp).
 *
 * <p>Per child table it also carries the device summaries the relational device model learns (derived from the
 * schema, so every table and column has them): {@code <t>_rows} (the device's bounded rows, 0 when absent),
 * {@code <t>_avg_<col>} for each numeric modelled column (its mean over the device's rows, NULL when absent) and
 * {@code <t>_top_<col>} for each categorical one (its most frequent value, ties to the first label; NULL when
 * absent or when the null category is the most frequent). Each is a function of one device's rows, so a device
 * moves any histogram over them by one cell; the release bins them with public settings.
 */
final class DeviceProfile {
    static final String FILE = "device_profile.parquet";

    /** Per child table, its key value columns: the profile carries each one's per-device mean and total. */
    private static final Map<String, List<String>> KEY_COLUMNS = Map.ofEntries(
            Map.entry("system_network_consumption", List.of("avg_bytes_sec")),
            Map.entry("system_memory_utilization", List.of("avg_percentage_used")),
            Map.entry("system_pkg_C0", List.of("avg_pkg_c0")),
            Map.entry("system_psys_rap_watts", List.of("avg_psys_rap_watts")),
            Map.entry("system_pkg_avg_freq_mhz", List.of("avg_avg_freq_mhz")),
            Map.entry("system_pkg_temp_centigrade", List.of("avg_temp_centigrade")),
            Map.entry("system_hw_pkg_power", List.of("mean")),
            Map.entry("system_batt_dc_events", List.of("duration_mins", "num_power_ons")),
            Map.entry("system_web_cat_usage", List.of("duration_ms")),
            Map.entry("system_on_off_suspend_time_day", List.of("on_time", "off_time", "mods_time", "sleep_time")),
            Map.entry("system_display_devices", List.of("duration_ac", "duration_dc")),
            Map.entry("system_userwait", List.of("number_of_instances", "total_duration_ms")),
            Map.entry("system_frgnd_apps_types", List.of("totalsecfocal_day")),
            Map.entry("system_mods_top_blocker_hist", List.of("active_time_ms")),
            Map.entry("system_mods_power_consumption", List.of("total_power_consumption")));

    private DeviceProfile() {
    }

    /**
     * The profile's SELECT over the bounded tables' views ({@link Aggregator#boundedView}), in the portable SQL both
     * engines run: CASTs rather than {@code ::}, the top category picked by row_number in a subquery, its ties broken
     * by the public label order and then by the value itself (NULL last), so every engine picks the same one.
     */
    static String sql(SqlEngine engine, ReleaseConfig config) {
        List<String> select = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        for (Column col : Schema.table(Schema.SYSINFO).columns()) {
            select.add("s." + col.sqlName());
        }
        for (Column col : Schema.table(Schema.CPU_METADATA).columns()) {
            if (!col.name().equals("guid")) {
                select.add("m." + col.sqlName() + " AS \"cpu_" + col.name() + "\"");
            }
        }
        int i = 0;
        for (TableSchema t : config.releaseChildTables()) {
            String alias = "t" + i++;
            String shortName = t.name().replaceFirst("^system_", "");
            // a per-app event summary has no day: its rows all count as one "day" of the window
            String day = t.column("dt").isPresent() ? "dt" : t.column("min_ts").isPresent() ? "CAST(min_ts AS DATE)" : "1";
            StringBuilder keys = new StringBuilder();
            for (String col : KEY_COLUMNS.getOrDefault(t.name(), List.of())) {
                keys.append(", CAST(avg(\"").append(col).append("\") AS DOUBLE) AS \"mean_").append(col).append("\", CAST(sum(\"").append(col)
                        .append("\") AS DOUBLE) AS \"total_").append(col).append("\"");
                select.add("coalesce(" + alias + ".\"mean_" + col + "\", 0) AS \"" + shortName + "_mean_" + col + "\"");
                select.add("coalesce(" + alias + ".\"total_" + col + "\", 0) AS \"" + shortName + "_total_" + col + "\"");
            }
            String file = Column.quote(Aggregator.boundedView(t));
            for (ColumnSpec s : ColumnSpec.of(t, config)) {
                String col = s.column().sqlName();
                if (s.kind() == ColumnSpec.Kind.NUMERIC || s.kind() == ColumnSpec.Kind.VALUES) {
                    keys.append(", CAST(avg(").append(col).append(") AS DOUBLE) AS \"avg_").append(s.column().name()).append("\"");
                    select.add(alias + ".\"avg_" + s.column().name() + "\" AS \"" + shortName + "_avg_" + s.column().name() + "\"");
                } else if (s.kind() == ColumnSpec.Kind.CATEGORY) {
                    String top = alias + "_top" + joins.size();
                    // ties go to the value first in the public label order, so the summary is a function of the rows alone
                    joins.add("LEFT JOIN (SELECT guid, v AS top FROM (SELECT guid, v, row_number() OVER (PARTITION BY guid ORDER BY n DESC, "
                            + labelOrder(engine, s, "v") + ", v ASC NULLS LAST) AS r FROM (SELECT guid, " + col + " AS v, count(*) AS n FROM " + file
                            + " GROUP BY guid, " + col + ") g) ranked WHERE r = 1) " + top + " USING (guid)");
                    select.add(top + ".top AS \"" + shortName + "_top_" + s.column().name() + "\"");
                }
            }
            joins.add(0, "LEFT JOIN (SELECT guid, count(DISTINCT " + day + ") AS days, count(*) AS n" + keys + " FROM " + file
                    + " GROUP BY guid) " + alias + " USING (guid)");
            select.add("CAST(coalesce(" + alias + ".n, 0) AS INTEGER) AS \"" + shortName + "_rows\"");
            select.add("(" + alias + ".n IS NOT NULL) AS \"" + shortName + "_present\"");
            select.add("coalesce(" + alias + ".days, 0) AS \"" + shortName + "_days\"");
            select.add("CAST(coalesce(" + alias + ".n / " + alias + ".days, 0) AS DOUBLE) AS \"" + shortName + "_rows_per_day\"");
        }
        return "SELECT " + String.join(", ", select) + " FROM " + Column.quote(Aggregator.boundedView(Schema.table(Schema.SYSINFO)))
                + " s LEFT JOIN " + Column.quote(Aggregator.boundedView(Schema.table(Schema.CPU_METADATA))) + " m USING (guid) "
                + String.join(" ", joins) + " ORDER BY s.guid";
    }

    /** The position of {@code v} in the column's public labels, as a CASE both engines read (labels past the list last). */
    private static String labelOrder(SqlEngine engine, ColumnSpec s, String v) {
        StringBuilder b = new StringBuilder("CASE ");
        int position = 1;
        for (String label : s.labels()) {
            b.append("WHEN ").append(v).append(" = ").append(engine.literal(label)).append(" THEN ").append(position++).append(' ');
        }
        return b.append("ELSE ").append(position).append(" END").toString();
    }
}
