package org.telesynth.agg;

import org.telesynth.config.ReleaseConfig;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aggregate's bounds hold on a 20 k-device fleet: at most k rows per device, values inside their clamps, the window. */
class AggregatorTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path agg;

    @BeforeAll
    static void aggregate() {
        agg = SimulatedFleet.aggregated(20_000, 3);
    }

    @Test
    void everyTable_atMostKRowsPerDevice_valuesInsideClampsAndWindow() throws SQLException {
        try (Connection c = Duck.open()) {
            TableViews.create(c, agg, true);
            for (TableSchema t : Schema.tables()) {
                ReleaseConfig.TableConfig tc = CONFIG.table(t.name());
                assertTrue(Duck.queryLong(c, "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM \"" + t.name() + "\" GROUP BY guid)")
                        <= tc.k(), t.name() + ": more than k rows for a device");
                for (var e : tc.clamps().entrySet()) {
                    if (t.column(e.getKey()).orElseThrow().type().equals("TIMESTAMP")) {
                        continue;
                    }
                    String col = "\"" + e.getKey() + "\"";
                    assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\" WHERE " + col + " < " + e.getValue().lo()
                            + " OR " + col + " > " + e.getValue().hi()), t.name() + "." + e.getKey() + " outside its clamp");
                }
                if (t.column("dt").isPresent()) {
                    assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\" WHERE dt < DATE '" + CONFIG.start()
                            + "' OR dt >= DATE '" + CONFIG.start().plusDays(CONFIG.days()) + "'"), t.name() + " outside the window");
                }
            }
        }
    }

    @Test
    void deviceProfile_oneRowPerDevice_presenceMatchesTheBoundedTables() throws SQLException {
        try (Connection c = Duck.open()) {
            TableViews.create(c, agg, true);
            String profile = "read_parquet(" + Duck.literal(agg.resolve("device_profile.parquet").toString()) + ")";
            assertEquals(Duck.queryLong(c, "SELECT count(*) FROM " + Schema.SYSINFO), Duck.queryLong(c, "SELECT count(*) FROM " + profile));
            assertEquals(Duck.queryLong(c, "SELECT count(DISTINCT guid) FROM system_userwait"),
                    Duck.queryLong(c, "SELECT count(*) FROM " + profile + " WHERE userwait_present"));
            double k = CONFIG.table("system_batt_dc_events").k();
            double hi = CONFIG.table("system_batt_dc_events").clamp("duration_mins").hi();
            assertTrue(Duck.queryDouble(c, "SELECT max(batt_dc_events_total_duration_mins) FROM " + profile) <= k * hi);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM " + profile + " WHERE NOT display_devices_present AND display_devices_days > 0"));
        }
    }
}
