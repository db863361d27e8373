package org.telesynth.sim;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.Progress;
import org.telesynth.io.Duck;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.TableViews;
import org.telesynth.schema.EventSchema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * simulate --events: the raw event tables come from the same device stories, so their relations to the device
 * attributes hold (docs/simulator.md, "Raw events", gives the same SQL), their rates are heavy-tailed, and load
 * takes them. 20,000 devices over 30 days; every margin below is several times the sampling noise at that size.
 */
class EventSimulationTest {
    @TempDir
    static Path work;
    static Path raw;
    static Connection c;

    @BeforeAll
    static void simulate() {
        raw = work.resolve("raw");
        FleetSimulator.simulate(raw, new SimulationOptions(20_000, 30, 3, SimulationOptions.Profile.fleet, SimulationOptions.DEFAULT_START, true),
                Progress.NONE);
        c = Duck.open();
        TableViews.create(c, raw, true);
    }

    @org.junit.jupiter.api.AfterAll
    static void close() throws SQLException {
        c.close();
    }

    private static double one(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getDouble(1);
        }
    }

    @Test
    void everyEventTableIsWritten_typed_andItsGuidsAreDevices() throws SQLException {
        for (TableSchema t : EventSchema.tables()) {
            assertTrue(Files.exists(raw.resolve(t.fileName())), t.name());
            assertTrue(one("SELECT count(*) FROM " + t.name()) > 100, t.name() + " has rows");
            assertEquals(0, one("SELECT count(*) FROM " + t.name() + " WHERE guid NOT IN (SELECT guid FROM system_sysinfo_unique_normalized)"),
                    t.name() + " links to the anchor");
        }
    }

    @Test
    void olderCpus_crashMore_andCrashesAreHeavyTailed() throws SQLException {
        String rate = "SELECT 1000.0 * count(k.guid) / (count(DISTINCT s.guid) * 30) FROM system_sysinfo_unique_normalized s"
                + " LEFT JOIN crashlog k USING (guid) WHERE try_cast(regexp_extract(s.cpuname, '^(\\d+)', 1) AS INTEGER) ";
        double old = one(rate + "<= 8");
        double recent = one(rate + ">= 12");
        assertTrue(old > 3 * recent, "crashes per 1000 device-days: 6th-8th gen " + old + ", 12th-13th " + recent);
        String perDevice = "WITH n AS (SELECT s.guid, count(k.guid) AS k FROM system_sysinfo_unique_normalized s LEFT JOIN crashlog k USING (guid)"
                + " GROUP BY 1), r AS (SELECT k, row_number() OVER (ORDER BY k DESC) AS rk, count(*) OVER () AS n FROM n) ";
        assertTrue(one(perDevice + "SELECT avg((k = 0)::INT) FROM r") > 0.85, "most devices never crash");
        assertTrue(one(perDevice + "SELECT sum(k) FILTER (WHERE rk <= n / 100) * 1.0 / sum(k) FROM r") > 0.2, "1 % of the devices hold over 20 % of the crashes");
    }

    @Test
    void lowRamDevices_hangMore() throws SQLException {
        String q = "SELECT count(h.guid) * 1.0 / count(DISTINCT s.guid) FROM system_sysinfo_unique_normalized s LEFT JOIN application_hang_event_1002 h"
                + " USING (guid) WHERE s.ram ";
        assertTrue(one(q + "<= 4") > 2.5 * one(q + "> 8"), "hangs per device, 4 GB or less against more than 8 GB");
        double lowRamBrowsers = one("SELECT avg((app_name IN ('chrome.exe', 'Teams.exe'))::INT) FROM application_hang_event_1002 h"
                + " JOIN system_sysinfo_unique_normalized s USING (guid) WHERE s.ram <= 8");
        double highRamBrowsers = one("SELECT avg((app_name IN ('chrome.exe', 'Teams.exe'))::INT) FROM application_hang_event_1002 h"
                + " JOIN system_sysinfo_unique_normalized s USING (guid) WHERE s.ram > 8");
        assertTrue(lowRamBrowsers > highRamBrowsers + 0.2, "Chrome and Teams take most hangs on low-RAM devices: " + lowRamBrowsers + " vs " + highRamBrowsers);
    }

    @Test
    void unexpectedShutdowns_concentrateOnDesktops_andFlakyRegions() throws SQLException {
        String q = "SELECT count(DISTINCT k.guid) * 1.0 / count(DISTINCT s.guid) FROM system_sysinfo_unique_normalized s"
                + " LEFT JOIN microsoft_windows_kernel_power_event_41 k USING (guid) WHERE ";
        assertTrue(one(q + "s.chassistype = 'Desktop'") > 2 * one(q + "s.chassistype = 'Notebook'"), "desktops against notebooks");
        assertTrue(one(q + "s.countryname_normalized = 'India'") > 1.8 * one(q + "s.countryname_normalized = 'Germany'"), "India against Germany");
    }

    @Test
    void cpuFrequency_followsChassis_andDcTimeOnlyOnMobiles() throws SQLException {
        String f = "SELECT avg(avg_freq_mhz) FROM hw_cpu_frequency JOIN system_sysinfo_unique_normalized s USING (guid) WHERE s.chassistype = ";
        assertTrue(one(f + "'Desktop'") > 1.5 * one(f + "'Notebook'"));
        String dc = "SELECT coalesce(sum(duration_s) FILTER (WHERE power_source = 'DC'), 0) * 1.0 / sum(duration_s) FROM power_acdc_usage_v4_hist"
                + " JOIN system_sysinfo_unique_normalized s USING (guid) WHERE s.chassistype = ";
        assertEquals(0, one(dc + "'Desktop'"), "desktops run on AC only");
        assertTrue(one(dc + "'Notebook'") > 0.2, "notebooks spend a share of their time on battery");
    }

    @Test
    void wifiErrors_dependOnTheAdapterVendor() throws SQLException {
        String q = "SELECT sum(error_count) * 1.0 / count(DISTINCT guid) FROM wifi_error WHERE adapter_vendor = ";
        assertTrue(one(q + "'Realtek'") > 1.3 * one(q + "'Intel'"), "errors per erring device, Realtek against Intel");
    }

    @Test
    void loadTakesTheSimulatedEvents() {
        Map<String, FleetLoader.TableLoad> loaded = FleetLoader.load(raw, work.resolve("real"), false, Progress.NONE);
        for (TableSchema t : EventSchema.tables()) {
            assertTrue(loaded.containsKey(t.name()), t.name());
            assertTrue(Files.exists(work.resolve("real").resolve(t.fileName())), t.name());
        }
    }
}
