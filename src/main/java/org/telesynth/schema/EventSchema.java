package org.telesynth.schema;

import java.util.List;
import java.util.Optional;

/**
 * The raw event tables beside the reporting ones (docs/SCHEMA-events.md): the benchmark's crash, application
 * error and hang, unexpected-shutdown, CPU-frequency, AC/DC and Wi-Fi error logs, keyed by guid and linked to
 * {@code system_sysinfo_unique_normalized}, the anchor. They are optional: a dataset without them loads, and
 * {@code load} checks the ones it finds like the reporting tables (columns, types, orphan guids).
 * {@code EventSchemaContractTest} parses the document so the two cannot drift.
 */
public final class EventSchema {
    private static final List<TableSchema> TABLES = List.of(
            Schema.table("crashlog", false, List.of("guid", "ts"))
                    .text("guid").plain("ts", "TIMESTAMP").cat("bugcheck_code", EventDomains.BUGCHECK_CODES)
                    .cat("bugcheck_name", EventDomains.BUGCHECK_NAMES).open("faulting_module").text("os_build").build(),
            Schema.table("application_error_event_1000", false, List.of("guid", "ts", "app_name"))
                    .text("guid").plain("ts", "TIMESTAMP").open("app_name").text("app_version").open("faulting_module")
                    .cat("exception_code", EventDomains.EXCEPTION_CODES).build(),
            Schema.table("application_hang_event_1002", false, List.of("guid", "ts", "app_name"))
                    .text("guid").plain("ts", "TIMESTAMP").open("app_name").text("app_version")
                    .cat("hang_type", EventDomains.HANG_TYPES).num("hang_seconds", "BIGINT").build(),
            Schema.table("microsoft_windows_kernel_power_event_41", false, List.of("guid", "ts"))
                    .text("guid").plain("ts", "TIMESTAMP").plain("bugcheck_code", "BIGINT").plain("sleep_in_progress", "INTEGER")
                    .plain("power_button_timestamp", "BIGINT").build(),
            Schema.table("hw_cpu_frequency", false, List.of("guid", "dt"))
                    .text("guid").plain("dt", "DATE").num("nrs", "BIGINT").num("min_freq_mhz", "DOUBLE")
                    .num("avg_freq_mhz", "DOUBLE").num("max_freq_mhz", "DOUBLE").build(),
            Schema.table("power_acdc_usage_v4_hist", false, List.of("guid", "dt", "power_source", "charge_bucket"))
                    .text("guid").plain("dt", "DATE").cat("power_source", EventDomains.POWER_SOURCES)
                    .cat("charge_bucket", EventDomains.CHARGE_BUCKETS).num("duration_s", "BIGINT").build(),
            Schema.table("wifi_error", false, List.of("guid", "dt", "error_code"))
                    .text("guid").plain("dt", "DATE").cat("adapter_vendor", EventDomains.WIFI_VENDORS)
                    .cat("error_code", EventDomains.WIFI_ERRORS).num("error_count", "BIGINT").build());

    private EventSchema() {
    }

    /** The seven event tables, in docs/SCHEMA-events.md order. */
    public static List<TableSchema> tables() {
        return TABLES;
    }

    /**
     * The tables beside the 19 that a directory may hold: the raw event tables, then their device-level summaries
     * ({@link EventSummaries}: a release's output, which {@code load} accepts like the rest).
     */
    public static List<TableSchema> optionalTables() {
        List<TableSchema> all = new java.util.ArrayList<>(TABLES);
        all.addAll(EventSummaries.tables());
        return List.copyOf(all);
    }

    public static Optional<TableSchema> find(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
