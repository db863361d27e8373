package org.telesynth.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 19-table reporting contract of SCHEMA.md, in code: the single source of truth that simulate, load and
 * every synthesizer's writer use. {@code SchemaContractTest} parses docs/SCHEMA.md so the two cannot drift.
 */
public final class Schema {
    public static final String SYSINFO = "system_sysinfo_unique_normalized";
    public static final String CPU_METADATA = "system_cpu_metadata";

    private static final List<TableSchema> TABLES = List.of(
            table(SYSINFO, true, List.of("guid"))
                    .text("guid").cat("chassistype", Domains.CHASSIS).cat("chassistype_2in1_category", Domains.CHASSIS_2IN1)
                    .cat("countryname_normalized", Domains.COUNTRIES).cat("modelvendor_normalized", Domains.VENDORS)
                    .open("model_normalized").num("ram", "DOUBLE").cat("os", Domains.OS).text("#ofcores")
                    .cat("graphicsmanuf", Domains.GRAPHICS).cat("cpuvendor", Domains.CPU_VENDORS)
                    .cat("cpuname", Domains.CPU_GENERATIONS).open("cpucode").cat("cpu_family", Domains.CPU_FAMILIES)
                    .text("processornumber").cat("screensize_category", Domains.SCREEN_SIZES)
                    .cat("persona", Domains.PERSONAS).cat("processor_line", Domains.PROCESSOR_LINES)
                    .cat("vpro_enabled", Domains.YES_NO).cat("discretegraphics", Domains.YES_NO)
                    .plain("firstreportdate", "TIMESTAMP").plain("lastreportdate", "TIMESTAMP").build(),
            table(CPU_METADATA, true, List.of("guid"))
                    .text("guid").open("cpucode").text("processtechnology").text("lithography")
                    .cat("marketsegment", Domains.MARKET_SEGMENTS).cat("cpugen", Domains.CPU_GENERATIONS)
                    .cat("marketcodename", Domains.CODENAMES).text("#ofcores").text("spec_tdp").build(),
            table("system_os_codename_history", false, List.of("guid", "min_ts"))
                    .text("guid").cat("os_name", Domains.OS_NAMES).cat("os_codename", Domains.OS_CODENAMES)
                    .plain("min_ts", "TIMESTAMP").plain("max_ts", "TIMESTAMP").build(),
            table("system_network_consumption", false, List.of("guid", "dt", "input_desc"))
                    .text("guid").plain("dt", "DATE").cat("input_desc", Domains.NETWORK_INPUTS).num("nrs", "BIGINT")
                    .num("min_bytes_sec", "DOUBLE").num("avg_bytes_sec", "DOUBLE").num("max_bytes_sec", "DOUBLE").build(),
            table("system_memory_utilization", false, List.of("guid", "dt"))
                    .text("guid").plain("dt", "DATE").num("nrs", "BIGINT").num("sysinfo_ram", "BIGINT")
                    .num("avg_percentage_used", "DOUBLE").build(),
            hwTable("system_pkg_C0", "pkg_c0"),
            hwTable("system_psys_rap_watts", "psys_rap_watts"),
            hwTable("system_pkg_avg_freq_mhz", "avg_freq_mhz"),
            hwTable("system_pkg_temp_centigrade", "temp_centigrade"),
            table("system_hw_pkg_power", false, List.of("guid", "dt", "instance"))
                    .text("guid").plain("dt", "DATE").num("instance", "INTEGER").num("nrs", "BIGINT")
                    .num("mean", "DOUBLE").num("max", "DOUBLE").build(),
            table("system_batt_dc_events", false, List.of("guid", "dt"))
                    .text("guid").plain("dt", "DATE").num("duration_mins", "BIGINT").num("num_power_ons", "BIGINT")
                    .num("min_power_on_battery_percent", "INTEGER").num("avg_power_on_battery_percent", "INTEGER")
                    .num("max_power_on_battery_percent", "INTEGER").num("min_power_off_battery_percent", "INTEGER")
                    .num("avg_power_off_battery_percent", "INTEGER").num("max_power_off_battery_percent", "INTEGER")
                    .build(),
            table("system_web_cat_usage", false, List.of("guid", "dt", "browser", "parent_category", "sub_category"))
                    .text("guid").plain("dt", "DATE").cat("browser", Domains.BROWSERS)
                    .cat("parent_category", Domains.WEB_PARENT_CATEGORIES).cat("sub_category", Domains.WEB_SUB_CATEGORIES)
                    .num("duration_ms", "BIGINT").num("page_load_count", "INTEGER").num("site_count", "INTEGER")
                    .num("domain_count", "INTEGER").num("page_visit_count", "INTEGER").build(),
            webPivot(),
            table("system_on_off_suspend_time_day", false, List.of("guid", "dt"))
                    .text("guid").plain("dt", "DATE").num("on_time", "BIGINT").num("off_time", "BIGINT")
                    .num("mods_time", "BIGINT").num("sleep_time", "BIGINT").build(),
            table("system_display_devices", false, List.of("guid", "dt", "ts", "display_id"))
                    .text("guid").plain("dt", "DATE").plain("ts", "TIMESTAMP").plain("display_id", "BIGINT")
                    .plain("adapter_id", "BIGINT").text("port").plain("sink_index", "BIGINT")
                    .nullableCat("connection_type", Domains.CONNECTION_TYPES).cat("vendor_name", Domains.DISPLAY_VENDORS)
                    .plain("status", "BIGINT")
                    // -1 means "unknown" in the real data (e.g. the "-1x-1" resolution groups), so not non-negative
                    .plain("resolution_width", "BIGINT").plain("resolution_heigth", "BIGINT")
                    .num("refresh_rate", "DOUBLE").num("duration_ac", "BIGINT").num("duration_dc", "BIGINT").build(),
            table("system_userwait", false, List.of("guid", "dt", "event_name", "ac_dc_event_name", "proc_name"))
                    .text("guid").plain("dt", "DATE").cat("event_name", Domains.WAIT_EVENTS)
                    .cat("ac_dc_event_name", Domains.AC_DC_EVENTS).cat("acdc", Domains.ACDC).open("proc_name")
                    .num("number_of_instances", "BIGINT").num("total_duration_ms", "BIGINT").build(),
            table("system_frgnd_apps_types", false, List.of("guid", "dt", "exe_name"))
                    .text("guid").plain("dt", "DATE").nullableCat("app_type", Domains.APP_TYPES).open("exe_name")
                    .text("company_short").num("totalsecfocal_day", "DOUBLE").num("avg_fract_desktop", "DOUBLE")
                    .num("lines_per_day", "BIGINT").build(),
            table("system_mods_top_blocker_hist", false, List.of("guid", "ts_utc", "blocker_name"))
                    .text("guid").plain("ts_utc", "TIMESTAMP").plain("dt_utc", "DATE").plain("dt", "DATE")
                    .open("blocker_name").cat("blocker_type", Domains.BLOCKER_TYPES)
                    .cat("activity_level", Domains.ACTIVITY_LEVELS).num("active_time_ms", "DOUBLE")
                    .text("blocker_id").build(),
            table("system_mods_power_consumption", false, List.of("guid", "ts_utc", "app_id", "user_id"))
                    .text("guid").plain("dt", "DATE").plain("ts_utc", "TIMESTAMP").open("app_id")
                    .cat("user_id", Domains.POWER_USERS).num("cpu_power_consumption", "BIGINT")
                    .num("display_power_consumption", "BIGINT").num("disk_power_consumption", "BIGINT")
                    .num("network_power_consumption", "BIGINT").num("soc_power_consumption", "BIGINT")
                    .num("other_power_consumption", "BIGINT").num("total_power_consumption", "BIGINT").build());

    private static final Map<String, TableSchema> BY_NAME = TABLES.stream()
            .collect(Collectors.toMap(TableSchema::name, Function.identity()));

    private Schema() {
    }

    /** All 19 tables, device tables first, in SCHEMA.md order. */
    public static List<TableSchema> tables() {
        return TABLES;
    }

    public static Optional<TableSchema> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static TableSchema table(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no table named " + name + " in the contract"));
    }

    /**
     * Every table a release may write: the 19, then the device-level event summaries ({@link EventSummaries}), which
     * a release writes when its input held their event tables. The configuration bounds all of them.
     */
    public static List<TableSchema> releasable() {
        List<TableSchema> all = new ArrayList<>(TABLES);
        all.addAll(EventSummaries.tables());
        return List.copyOf(all);
    }

    /** Any table a release may write, by name ({@link #releasable()}). */
    public static Optional<TableSchema> findReleasable(String name) {
        return find(name).or(() -> EventSummaries.find(name).map(EventSummaries.Summary::table));
    }

    public static List<TableSchema> childTables() {
        return TABLES.stream().filter(t -> !t.deviceTable()).toList();
    }

    private static TableSchema hwTable(String name, String stem) {
        return table(name, false, List.of("guid", "dt")).text("guid").plain("dt", "DATE").num("nrs", "BIGINT")
                .num("min_" + stem, "DOUBLE").num("avg_" + stem, "DOUBLE").num("max_" + stem, "DOUBLE").build();
    }

    private static TableSchema webPivot() {
        Builder b = table("system_web_cat_pivot_duration", false, List.of("guid", "dt")).text("guid").plain("dt", "DATE");
        for (String category : Domains.WEB_CATEGORIES) {
            b.columns.add(new Column(category, "BIGINT", List.of(), false, true, true));
        }
        return b.build();
    }

    /** A table's builder (the event tables of {@link EventSchema} are built the same way). */
    static Builder table(String name, boolean deviceTable, List<String> grain) {
        return new Builder(name, deviceTable, grain);
    }

    /** Small fluent helper so that each table reads as one line per column group. */
    static final class Builder {
        private final String name;
        private final boolean deviceTable;
        private final List<String> grain;
        private final List<Column> columns = new ArrayList<>();

        Builder(String name, boolean deviceTable, List<String> grain) {
            this.name = name;
            this.deviceTable = deviceTable;
            this.grain = grain;
        }

        Builder text(String column) {
            return add(new Column(column, "VARCHAR", List.of(), false, false, false));
        }

        Builder open(String column) {
            return add(new Column(column, "VARCHAR", List.of(), true, false, false));
        }

        Builder cat(String column, List<String> domain) {
            return add(new Column(column, "VARCHAR", domain, false, false, false));
        }

        Builder nullableCat(String column, List<String> domain) {
            return add(new Column(column, "VARCHAR", domain, false, true, false));
        }

        Builder num(String column, String type) {
            return add(new Column(column, type, List.of(), false, false, true));
        }

        Builder plain(String column, String type) {
            return add(new Column(column, type, List.of(), false, false, false));
        }

        private Builder add(Column column) {
            columns.add(column);
            return this;
        }

        TableSchema build() {
            return new TableSchema(name, deviceTable, grain, columns);
        }
    }
}
