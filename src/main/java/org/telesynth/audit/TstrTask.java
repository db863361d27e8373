package org.telesynth.audit;

import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * A prediction task a telemetry analyst would run, as SQL over one side's views (real, synth or holdout): the label
 * first, then the device-level features. Every task reads whole devices, so a device is one example.
 *
 * @param name     a stable key (audit.json)
 * @param question what the model predicts, from what
 * @param positive the positive label of a yes/no task (F1 and AUC are its), or null for a multi-class task
 */
record TstrTask(String name, String question, String positive, Sql sql) {

    interface Sql {
        /** The examples of {@code schema}, from a repeatable sample of up to {@code devices} devices. */
        String of(String schema, int devices);
    }

    static final String DC = "system_batt_dc_events";
    static final String WEB = "system_web_cat_pivot_duration";
    private static final List<String> DEVICE_FEATURES = List.of("chassistype", "os", "cpu_family", "cpuname", "persona",
            "modelvendor_normalized", "graphicsmanuf", "processor_line", "screensize_category", "discretegraphics",
            "countryname_normalized");

    static List<TstrTask> all() {
        return List.of(
                new TstrTask("battery_events", "whether a device has battery (DC) events, from its device attributes and its rows in the other tables",
                        "yes", TstrTask::battery),
                new TstrTask("persona_from_web", "the persona, from the device's shares of browsing time by web category", null,
                        TstrTask::persona),
                new TstrTask("chassis_from_power", "the chassis type, from power and usage features (on/off/sleep time, battery, "
                        + "displays, memory, package power, temperature, frequency) and RAM", null, TstrTask::chassis));
    }

    private static String devices(String schema, int n) {
        return "(SELECT * FROM " + schema + ".\"" + Schema.SYSINFO + "\" USING SAMPLE reservoir(" + n + " ROWS) REPEATABLE (11)) d";
    }

    private static String battery(String schema, int n) {
        List<String> select = new ArrayList<>();
        select.add("CASE WHEN b.guid IS NULL THEN 'no' ELSE 'yes' END AS label");
        for (String f : DEVICE_FEATURES) {
            select.add("d." + f);
        }
        select.add("CAST(d.ram AS DOUBLE) AS ram");
        StringBuilder from = new StringBuilder(devices(schema, n));
        from.append(" LEFT JOIN (SELECT DISTINCT guid FROM ").append(schema).append(".").append(DC).append(") b USING (guid)");
        int i = 0;
        for (TableSchema t : Schema.childTables()) {
            if (t.name().equals(DC)) {
                continue;
            }
            String a = "c" + i++;
            from.append(" LEFT JOIN (SELECT guid, count(*) AS n FROM ").append(schema).append(".\"").append(t.name())
                    .append("\" GROUP BY guid) ").append(a).append(" USING (guid)");
            select.add("ln(1 + coalesce(" + a + ".n, 0)) AS \"" + t.name() + "_rows\"");
        }
        return "SELECT " + String.join(", ", select) + " FROM " + from;
    }

    private static String persona(String schema, int n) {
        List<String> cats = Schema.table(WEB).columns().stream().map(Column::name).filter(c -> !c.equals("guid") && !c.equals("dt")).toList();
        List<String> sums = new ArrayList<>();
        List<String> shares = new ArrayList<>();
        for (String c : cats) {
            sums.add("sum(coalesce(" + Column.quote(c) + ", 0)) AS " + Column.quote(c));
            shares.add("w." + Column.quote(c) + " / nullif(" + String.join(" + ", cats.stream().map(x -> "w." + Column.quote(x)).toList())
                    + ", 0) AS " + Column.quote(c + "_share"));
        }
        return "SELECT d.persona AS label, " + String.join(", ", shares) + " FROM " + devices(schema, n) + " JOIN (SELECT guid, "
                + String.join(", ", sums) + " FROM " + schema + "." + WEB + " GROUP BY guid) w USING (guid)";
    }

    private static String chassis(String schema, int n) {
        return "SELECT d.chassistype AS label, CAST(d.ram AS DOUBLE) AS ram, o.on_time, o.off_time, o.sleep_time, o.mods_time,"
                + " coalesce(b.dc_days, 0) AS dc_days, b.dc_minutes, v.dc_share, v.displays, m.memory_used, p.rap_watts, w.package_watts,"
                + " t.temperature, f.frequency FROM " + devices(schema, n)
                + join(schema, "system_on_off_suspend_time_day", "o", "avg(on_time) AS on_time, avg(off_time) AS off_time, avg(sleep_time) AS sleep_time, avg(mods_time) AS mods_time")
                + join(schema, DC, "b", "count(*) AS dc_days, avg(duration_mins) AS dc_minutes")
                + join(schema, "system_display_devices", "v", "sum(duration_dc) / nullif(sum(duration_ac) + sum(duration_dc), 0) AS dc_share, count(DISTINCT display_id) AS displays")
                + join(schema, "system_memory_utilization", "m", "avg(avg_percentage_used) AS memory_used")
                + join(schema, "system_psys_rap_watts", "p", "avg(avg_psys_rap_watts) AS rap_watts")
                + join(schema, "system_hw_pkg_power", "w", "avg(mean) AS package_watts")
                + join(schema, "system_pkg_temp_centigrade", "t", "avg(avg_temp_centigrade) AS temperature")
                + join(schema, "system_pkg_avg_freq_mhz", "f", "avg(avg_avg_freq_mhz) AS frequency");
    }

    private static String join(String schema, String table, String alias, String aggregates) {
        return " LEFT JOIN (SELECT guid, " + aggregates + " FROM " + schema + "." + table + " GROUP BY guid) " + alias + " USING (guid)";
    }
}
