package org.telesynth.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/SCHEMA-events.md and the event tables' code agree, table by table and column by column. */
class EventSchemaContractTest {
    @Test
    void codeTables_equalTheDocument_namesColumnsAndTypes() throws IOException {
        Map<String, Map<String, String>> parsed = SchemaContractTest.parse(Files.readString(Path.of("docs/SCHEMA-events.md")));
        assertEquals(List.of("crashlog", "application_error_event_1000", "application_hang_event_1002",
                "microsoft_windows_kernel_power_event_41", "hw_cpu_frequency", "power_acdc_usage_v4_hist", "wifi_error",
                "event_crash_daily", "event_app_error_by_app", "event_app_hang_by_app", "event_kernel_power_daily",
                "event_cpu_frequency_daily", "event_acdc_daily", "event_wifi_error_daily"),
                new ArrayList<>(parsed.keySet()));
        assertEquals(new ArrayList<>(parsed.keySet()), EventSchema.optionalTables().stream().map(TableSchema::name).toList());
        for (TableSchema t : EventSchema.optionalTables()) {
            Map<String, String> code = new LinkedHashMap<>();
            t.columns().forEach(c -> code.put(c.name(), c.type()));
            assertEquals(parsed.get(t.name()), code, "columns of " + t.name());
            assertEquals("guid", t.columns().get(0).name(), t.name() + " is keyed by guid");
        }
    }

    @Test
    void publicDomains_areListedInTheDocument_valueByValue() throws IOException {
        String doc = Files.readString(Path.of("docs/SCHEMA-events.md"));
        for (List<String> domain : List.of(EventDomains.BUGCHECK_CODES, EventDomains.EXCEPTION_CODES, EventDomains.HANG_TYPES,
                EventDomains.WIFI_VENDORS, EventDomains.WIFI_ERRORS, EventDomains.POWER_SOURCES)) {
            for (String v : domain) {
                assertTrue(doc.contains("`" + v + "`"), v + " is not in docs/SCHEMA-events.md");
            }
        }
        assertEquals(EventDomains.BUGCHECK_CODES.size(), EventDomains.BUGCHECK_NAMES.size(), "a name per bug check code");
        assertTrue(EventSchema.optionalTables().stream().noneMatch(t -> Schema.find(t.name()).isPresent()), "no name shared with the reporting tables");
        for (EventSummaries.Summary s : EventSummaries.all()) {
            assertTrue(EventSchema.find(s.source()).isPresent(), s.table().name() + " summarises an event table");
            assertTrue(doc.contains("### " + s.table().name() + " — ") && doc.contains("(from " + s.source() + ")"),
                    s.table().name() + " is documented with its source");
        }
    }
}
