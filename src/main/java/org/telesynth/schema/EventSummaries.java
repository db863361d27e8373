package org.telesynth.schema;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The device-level summaries of the raw event tables (docs/SCHEMA-events.md, "Device-level summaries"): what the
 * benchmark's pipeline computes from the raw events before any DP method runs, one child table per event table,
 * per device and day or per device and app. {@code aggregate} writes them bounded (at most k rows per device, every
 * count and duration clamped to public bounds, the config's {@code tables} section), the synthesizers release them
 * as child tables like the reporting ones, and {@code benchmark} reads them as views over the raw tables of a real
 * dataset, so one query text runs on both sides.
 *
 * <p>Each summary is a plain SQL aggregation of one event table, {@code {source}} standing for the table (or for
 * its rows inside the release window). Every summary row is a function of one device's events only: removing a
 * device removes its summary rows and nothing else, so the reporting tables' sensitivity arguments carry over.
 */
public final class EventSummaries {
    /** One summary: its table, the event table it summarises, and the SQL that makes it from {@code {source}}. */
    public record Summary(TableSchema table, String source, String sql) {
        /** The summary's SELECT over {@code relation} (the event table's name, quoted, or a subquery). */
        public String over(String relation) {
            return sql.replace("{source}", relation);
        }
    }

    private static final List<Summary> SUMMARIES = List.of(
            new Summary(Schema.table("event_crash_daily", false, List.of("guid", "dt", "bugcheck_code"))
                    .text("guid").plain("dt", "DATE").nullableCat("bugcheck_code", EventDomains.BUGCHECK_CODES)
                    .num("crashes", "BIGINT").build(), "crashlog",
                    "SELECT guid, CAST(ts AS DATE) AS dt, bugcheck_code, count(*) AS crashes FROM {source} GROUP BY ALL"),
            new Summary(Schema.table("event_app_error_by_app", false, List.of("guid", "app_name", "faulting_module", "exception_code"))
                    .text("guid").open("app_name").open("faulting_module").nullableCat("exception_code", EventDomains.EXCEPTION_CODES)
                    .num("errors", "BIGINT").num("days", "BIGINT").build(), "application_error_event_1000",
                    "SELECT guid, app_name, faulting_module, exception_code, count(*) AS errors,"
                            + " count(DISTINCT CAST(ts AS DATE)) AS days FROM {source} GROUP BY ALL"),
            new Summary(Schema.table("event_app_hang_by_app", false, List.of("guid", "app_name"))
                    .text("guid").open("app_name").num("hangs", "BIGINT").num("hang_seconds", "BIGINT").build(),
                    "application_hang_event_1002",
                    "SELECT guid, app_name, count(*) AS hangs, CAST(sum(hang_seconds) AS BIGINT) AS hang_seconds FROM {source} GROUP BY ALL"),
            new Summary(Schema.table("event_kernel_power_daily", false, List.of("guid", "dt"))
                    .text("guid").plain("dt", "DATE").num("shutdowns", "BIGINT").num("with_bugcheck", "BIGINT")
                    .num("forced", "BIGINT").num("during_sleep", "BIGINT").build(), "microsoft_windows_kernel_power_event_41",
                    "SELECT guid, CAST(ts AS DATE) AS dt, count(*) AS shutdowns,"
                            + " count(*) FILTER (WHERE bugcheck_code <> 0) AS with_bugcheck,"
                            + " count(*) FILTER (WHERE power_button_timestamp <> 0) AS forced,"
                            + " count(*) FILTER (WHERE sleep_in_progress <> 0) AS during_sleep FROM {source} GROUP BY ALL"),
            new Summary(Schema.table("event_cpu_frequency_daily", false, List.of("guid", "dt"))
                    .text("guid").plain("dt", "DATE").num("nrs", "BIGINT").num("min_freq_mhz", "DOUBLE")
                    .num("avg_freq_mhz", "DOUBLE").num("max_freq_mhz", "DOUBLE").build(), "hw_cpu_frequency",
                    "SELECT guid, dt, CAST(sum(nrs) AS BIGINT) AS nrs, min(min_freq_mhz) AS min_freq_mhz,"
                            + " avg(avg_freq_mhz) AS avg_freq_mhz, max(max_freq_mhz) AS max_freq_mhz FROM {source} GROUP BY ALL"),
            new Summary(Schema.table("event_acdc_daily", false, List.of("guid", "dt", "power_source"))
                    .text("guid").plain("dt", "DATE").nullableCat("power_source", EventDomains.POWER_SOURCES)
                    .num("duration_s", "BIGINT").build(), "power_acdc_usage_v4_hist",
                    "SELECT guid, dt, power_source, CAST(sum(duration_s) AS BIGINT) AS duration_s FROM {source} GROUP BY ALL"),
            new Summary(Schema.table("event_wifi_error_daily", false, List.of("guid", "dt", "error_code"))
                    .text("guid").plain("dt", "DATE").nullableCat("adapter_vendor", EventDomains.WIFI_VENDORS)
                    .nullableCat("error_code", EventDomains.WIFI_ERRORS).num("error_count", "BIGINT").build(), "wifi_error",
                    // one adapter per device in practice; min() picks one deterministically when there are several
                    "SELECT guid, dt, min(adapter_vendor) AS adapter_vendor, error_code,"
                            + " CAST(sum(error_count) AS BIGINT) AS error_count FROM {source} GROUP BY guid, dt, error_code"));

    private EventSummaries() {
    }

    /** The seven summaries, in docs/SCHEMA-events.md order (that of their event tables). */
    public static List<Summary> all() {
        return SUMMARIES;
    }

    /** The seven summary tables. */
    public static List<TableSchema> tables() {
        return SUMMARIES.stream().map(Summary::table).toList();
    }

    public static Optional<Summary> find(String name) {
        return SUMMARIES.stream().filter(s -> s.table().name().equals(name)).findFirst();
    }

    /** The summaries of the given event tables, in order. */
    public static List<Summary> of(Collection<String> eventTables) {
        return SUMMARIES.stream().filter(s -> eventTables.contains(s.source())).toList();
    }
}
