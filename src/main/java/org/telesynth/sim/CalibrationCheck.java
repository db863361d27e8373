package org.telesynth.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.TableViews;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Measures a table set against the real-fleet targets of calibration/targets.json. Tolerances are the file's
 * (shares within 2 points or 10 % relative, means within 15 %), widened to three standard errors where the
 * simulated statistic rests on few devices (e.g. the ~10 devices in all four hw tables at 100 k devices), so the
 * check tests the simulator's story rather than the luck of a small sample. Window-dependent counts (rows and
 * blocker entries per device) are scaled by {@code days / 365}, the real sample's assumed window.
 */
public final class CalibrationCheck {
    private final Connection c;
    private final JsonNode targets;
    private final double shareAbs;
    private final double shareRel;
    private final double meanRel;
    private final double windowScale;
    private final List<CalibrationRow> rows = new ArrayList<>();

    private CalibrationCheck(Connection c, JsonNode targets, int days) {
        this.c = c;
        this.targets = targets;
        this.shareAbs = targets.at("/tolerance/share_abs").asDouble();
        this.shareRel = targets.at("/tolerance/share_rel").asDouble();
        this.meanRel = targets.at("/tolerance/mean_rel").asDouble();
        this.windowScale = days / (double) DeviceStory.REAL_WINDOW_DAYS;
    }

    /** Runs every check on the Parquet tables in {@code dir}, simulated over {@code days} days. */
    public static List<CalibrationRow> run(Path dir, int days) {
        Connection c = Duck.open();
        try {
            TableViews.create(c, dir, true);
            CalibrationCheck check = new CalibrationCheck(c, targets(), days);
            check.all();
            return List.copyOf(check.rows);
        } finally {
            Duck.close(c);
        }
    }

    static JsonNode targets() {
        try (InputStream in = CalibrationCheck.class.getResourceAsStream("/org/telesynth/calibration/targets.json")) {
            return Manifests.json().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calibration table as Markdown (the table of docs/simulator.md). */
    public static String markdown(List<CalibrationRow> rows) {
        StringBuilder sb = new StringBuilder("| statistic | real | simulated | accepted band | ok |\n|---|---:|---:|---|---|\n");
        for (CalibrationRow r : rows) {
            sb.append(String.format("| %s | %s | %s | %s – %s | %s |%n", r.statistic(), fmt(r.real()), fmt(r.simulated()),
                    fmt(r.low()), fmt(r.high()), r.ok() ? "yes" : "**NO**"));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        if (v == 0 || (Math.abs(v) >= 0.01 && Math.abs(v) < 1e6)) {
            return String.format("%.4g", v);
        }
        return String.format("%.3e", v);
    }

    private void all() {
        long devices = scalar("SELECT count(*) FROM system_sysinfo_unique_normalized");
        coverage(devices);
        rowsPerDevice();
        shares("chassistype_share", "SELECT chassistype, count(*) FROM system_sysinfo_unique_normalized GROUP BY 1", "chassis");
        shares("country_share_top", "SELECT countryname_normalized, count(*) FROM system_sysinfo_unique_normalized GROUP BY 1", "country");
        browsers();
        memory();
        shares("persona_share_among_web_devices", """
                SELECT persona, count(*) FROM system_sysinfo_unique_normalized
                WHERE guid IN (SELECT guid FROM system_web_cat_pivot_duration) GROUP BY 1""", "persona among web devices");
        network();
        battery();
        onOff();
        shares("display_vendor_percent_of_display_devices", """
                SELECT vendor_name, count(DISTINCT guid) * 100.0 / (SELECT count(DISTINCT guid) FROM system_display_devices)
                FROM system_display_devices GROUP BY 1""", "display vendor % of display devices", true);
        blockers();
        platformPower();
    }

    private void coverage(long devices) {
        Iterator<Map.Entry<String, JsonNode>> it = targets.get("coverage").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_")) {
                continue;
            }
            double real = e.getValue().asDouble();
            String sql = e.getKey().equals("all_four_hw_tables")
                    ? "SELECT count(*) FROM (SELECT guid FROM system_psys_rap_watts INTERSECT SELECT guid FROM system_pkg_C0"
                    + " INTERSECT SELECT guid FROM system_pkg_avg_freq_mhz INTERSECT SELECT guid FROM system_pkg_temp_centigrade)"
                    : "SELECT count(DISTINCT guid) FROM " + e.getKey();
            double sim = scalar(sql) / (double) devices;
            // relative 15 % from 1 % coverage up, a factor 1.5 below; never tighter than 3 sampling standard errors
            double se = 3 * Math.sqrt(real * (1 - real) / devices);
            double low = real >= 0.01 ? real * 0.85 : real / 1.5;
            double high = real >= 0.01 ? real * 1.15 : real * 1.5;
            add("coverage " + e.getKey(), real, sim, Math.min(low, real - se), Math.max(high, real + se));
        }
    }

    private void rowsPerDevice() {
        Iterator<Map.Entry<String, JsonNode>> it = targets.get("rows_per_device_in_real_sample").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_")) {
                continue;
            }
            double[] m = meanSdN("SELECT count(*) FROM " + e.getKey() + " GROUP BY guid");
            // a present device has at least one row; the rest accrue at the real per-day rate
            double days = windowScale * DeviceStory.REAL_WINDOW_DAYS;
            double real = 1 + (days - 1) * (e.getValue().asDouble() - 1) / (DeviceStory.REAL_WINDOW_DAYS - 1);
            mean("rows per device (" + Math.round(days) + " days) " + e.getKey(), real, m);
        }
    }

    private void browsers() {
        JsonNode b = targets.get("browser");
        for (String metric : List.of("percent_systems", "percent_instances", "percent_duration")) {
            String expr = switch (metric) {
                case "percent_systems" -> "count(DISTINCT guid) * 100.0 / (SELECT count(DISTINCT guid) FROM system_web_cat_usage)";
                case "percent_instances" -> "count(*) * 100.0 / (SELECT count(*) FROM system_web_cat_usage)";
                default -> "sum(duration_ms) * 100.0 / (SELECT sum(duration_ms) FROM system_web_cat_usage)";
            };
            Map<String, Double> sim = keyed("SELECT browser, " + expr + " FROM system_web_cat_usage GROUP BY 1");
            b.get(metric).fields().forEachRemaining(e -> sharePoints("browser " + metric + " " + e.getKey(),
                    e.getValue().asDouble(), sim.getOrDefault(e.getKey(), 0.0)));
        }
        double edgeLeads = scalar("""
                SELECT count(*) FROM (
                  SELECT countryname_normalized, arg_max(browser, n) AS top FROM (
                    SELECT s.countryname_normalized, w.browser, count(DISTINCT w.guid) AS n
                    FROM system_web_cat_usage w JOIN system_sysinfo_unique_normalized s USING (guid) GROUP BY 1, 2)
                  GROUP BY 1) WHERE top = 'edge'""");
        add("countries where edge is the top browser (real: 3 of 51)", 3, edgeLeads, 1, 5);
    }

    private void memory() {
        Map<String, Double> sim = keyed("""
                SELECT CAST(CAST(ram AS INTEGER) AS VARCHAR), count(*) * 1.0 / sum(count(*)) OVER ()
                FROM system_sysinfo_unique_normalized WHERE guid IN (SELECT guid FROM system_memory_utilization) GROUP BY 1""");
        long n = scalar("SELECT count(DISTINCT guid) FROM system_memory_utilization");
        targets.get("ram_share_among_memory_devices").fields().forEachRemaining(e ->
                share("RAM share among memory devices " + e.getKey() + " GB", e.getValue().asDouble(), sim.getOrDefault(e.getKey(), 0.0), n));
        targets.get("ram_mean_percent_used").fields().forEachRemaining(e -> mean(
                "mean % RAM used at " + e.getKey() + " GB", e.getValue().asDouble(),
                meanSdN("SELECT avg(avg_percentage_used) FROM system_memory_utilization WHERE sysinfo_ram = "
                        + (Integer.parseInt(e.getKey()) * 1024) + " GROUP BY guid")));
        List<String> order = list("SELECT CAST(sysinfo_ram / 1024 AS INTEGER) FROM system_memory_utilization GROUP BY 1 ORDER BY count(DISTINCT guid) DESC LIMIT 4");
        add("RAM modes in order 8, 16, 4, 32 GB (1 = yes)", 1, order.equals(List.of("8", "16", "4", "32")) ? 1 : 0, 1, 1);
    }

    private void network() {
        JsonNode t = targets.get("network");
        long n = scalar("SELECT count(DISTINCT guid) FROM system_network_consumption");
        share("network: Xeon share of network devices", t.get("xeon_share_of_network_devices").asDouble(), scalar0("""
                SELECT count(*) * 1.0 / %d FROM system_sysinfo_unique_normalized
                WHERE cpuname = 'Xeon' AND guid IN (SELECT guid FROM system_network_consumption)""".formatted(n)), n);
        share("network: share sending more than receiving over > 720 samples",
                t.get("share_sending_more_than_receiving_over_720_samples").asDouble(), scalar0("""
                SELECT count(*) FILTER (WHERE sent > recv AND nrs > 720) * 1.0 / count(*) FROM (
                  SELECT guid, sum(nrs) / 2 AS nrs,
                         sum(avg_bytes_sec * nrs * 5) FILTER (WHERE input_desc LIKE '%RECEIVED%') AS recv,
                         sum(avg_bytes_sec * nrs * 5) FILTER (WHERE input_desc LIKE '%SENT%') AS sent
                  FROM system_network_consumption GROUP BY guid)"""), n);
        Map<String, Double> os = keyed("""
                SELECT os, count(*) * 1.0 / sum(count(*)) OVER () FROM system_sysinfo_unique_normalized
                WHERE guid IN (SELECT guid FROM system_network_consumption) GROUP BY 1""");
        t.get("os_share_of_network_devices").fields().forEachRemaining(e ->
                share("network: OS share " + e.getKey(), e.getValue().asDouble(), os.getOrDefault(e.getKey(), 0.0), n));
    }

    private void battery() {
        JsonNode t = targets.get("battery");
        String byCountry = """
                SELECT median(v) FROM (SELECT s.countryname_normalized, avg(b.%s) AS v
                FROM system_batt_dc_events b JOIN system_sysinfo_unique_normalized s USING (guid)
                GROUP BY 1 HAVING count(DISTINCT guid) > 30)""";
        range("battery: median over countries of mean DC power-ons per day", t.get("mean_dc_power_ons_per_day_by_country_range"),
                scalar0(byCountry.formatted("num_power_ons")));
        range("battery: median over countries of mean DC minutes per day", t.get("mean_dc_minutes_per_day_by_country_range"),
                scalar0(byCountry.formatted("duration_mins")));
        t.get("mean_dc_minutes_by_cpugen").fields().forEachRemaining(e -> mean("battery: mean DC minutes, " + e.getKey(),
                e.getValue().asDouble(), meanSdN("""
                        SELECT b.duration_mins FROM system_batt_dc_events b JOIN system_cpu_metadata m USING (guid)
                        WHERE m.cpugen = '%s'""".formatted(e.getKey()))));
        add("battery: share of DC devices that are desktops (real: essentially none)", 0, scalar0("""
                SELECT count(*) FILTER (WHERE chassistype = 'Desktop') * 1.0 / count(*) FROM system_sysinfo_unique_normalized
                WHERE guid IN (SELECT guid FROM system_batt_dc_events)"""), 0, 0.005);
    }

    private void onOff() {
        JsonNode t = targets.get("on_off_percent_of_day");
        String total = "(on_time + off_time + mods_time + sleep_time)";
        for (String[] part : List.of(new String[]{"on", "on_time"}, new String[]{"off", "off_time"},
                new String[]{"modern_standby", "mods_time"}, new String[]{"sleep", "sleep_time"})) {
            range("on/off: mean % of the day " + part[0], t.get(part[0]),
                    scalar0("SELECT avg(" + part[1] + " * 100.0 / " + total + ") FROM system_on_off_suspend_time_day"));
        }
        mean("on/off: mean total seconds per day", t.get("mean_total_seconds").asDouble(),
                meanSdN("SELECT " + total + " FROM system_on_off_suspend_time_day"));
    }

    private void blockers() {
        JsonNode t = targets.get("blockers");
        Map<String, Double> sim = keyed("""
                SELECT b.os_name || ' ' || b.os_codename, count(DISTINCT a.guid) FROM system_mods_top_blocker_hist a
                JOIN system_os_codename_history b ON a.guid = b.guid AND a.dt BETWEEN b.min_ts AND b.max_ts GROUP BY 1""");
        double simTotal = sim.values().stream().mapToDouble(Double::doubleValue).sum();
        double realTotal = 0;
        for (JsonNode v : t.get("devices_by_os")) {
            realTotal += v.asDouble();
        }
        double rt = realTotal;
        long n = (long) simTotal;
        // as shares of (device, OS version) pairs, since the real counts come from a longer window
        t.get("devices_by_os").fields().forEachRemaining(e -> share("blockers: share of (device, OS) pairs " + e.getKey(),
                e.getValue().asDouble() / rt, sim.getOrDefault(e.getKey(), 0.0) / Math.max(1, simTotal), n));
        JsonNode range = t.get("entries_per_device_range");
        double perDevice = scalar0("SELECT avg(n) FROM (SELECT count(*) AS n FROM system_mods_top_blocker_hist GROUP BY guid)");
        add("blockers: mean entries per device (real 400-1600 per year, scaled)", (range.get(0).asDouble() + range.get(1).asDouble()) / 2 * windowScale,
                perDevice, range.get(0).asDouble() * windowScale, range.get(1).asDouble() * windowScale);
        List<String> order = list("SELECT blocker_type FROM system_mods_top_blocker_hist GROUP BY 1 ORDER BY count(*) DESC");
        List<String> expected = new ArrayList<>();
        t.get("blocker_type_order").forEach(v -> expected.add(v.asText()));
        // PEP Pre-Veto and Processor are about equal in the real fleet: their relative order is not checked
        boolean ok = order.size() == expected.size() && order.subList(0, 3).equals(expected.subList(0, 3))
                && order.get(5).equals(expected.get(5));
        add("blockers: blocker_type order Fx Device > Activator > PDC Phase > {PEP Pre-Veto, Processor} > Audio Activity (1 = yes)", 1, ok ? 1 : 0, 1, 1);
    }

    private void platformPower() {
        JsonNode t = targets.get("platform_power_all_four_hw");
        String four = """
                (SELECT guid FROM system_psys_rap_watts INTERSECT SELECT guid FROM system_pkg_C0
                 INTERSECT SELECT guid FROM system_pkg_avg_freq_mhz INTERSECT SELECT guid FROM system_pkg_temp_centigrade)""";
        Map<String, Double> chassis = keyed("SELECT chassistype, count(*) FROM system_sysinfo_unique_normalized WHERE guid IN " + four + " GROUP BY 1");
        double simN = chassis.values().stream().mapToDouble(Double::doubleValue).sum();
        double realN = 0;
        for (JsonNode v : t.get("chassis_devices")) {
            realN += v.asDouble();
        }
        double rn = realN;
        t.get("chassis_devices").fields().forEachRemaining(e -> share("platform power: chassis share of all-four devices, " + e.getKey(),
                e.getValue().asDouble() / rn, chassis.getOrDefault(e.getKey(), 0.0) / Math.max(1, simN), (long) simN));
        String[][] metrics = {{"watts_range", "system_psys_rap_watts", "avg_psys_rap_watts"}, {"c0_percent_range", "system_pkg_C0", "avg_pkg_c0"},
                {"freq_mhz_range", "system_pkg_avg_freq_mhz", "avg_avg_freq_mhz"}, {"temp_c_range", "system_pkg_temp_centigrade", "avg_temp_centigrade"}};
        for (String[] m : metrics) {
            String sql = """
                    SELECT min(v), max(v) FROM (SELECT s.chassistype, sum(x.%s * x.nrs) / sum(x.nrs) AS v
                    FROM %s x JOIN system_sysinfo_unique_normalized s USING (guid) WHERE guid IN %s GROUP BY 1)""".formatted(m[2], m[1], four);
            double[] minMax = pair(sql);
            JsonNode r = t.get(m[0]);
            double lo = r.get(0).asDouble();
            double hi = r.get(1).asDouble();
            add("platform power: lowest chassis mean, " + m[0], lo, minMax[0], lo * (1 - meanRel), hi);
            add("platform power: highest chassis mean, " + m[0], hi, minMax[1], lo, hi * (1 + meanRel));
        }
    }

    // --- helpers: bands -------------------------------------------------------------------------------------

    private void shares(String key, String sql, String label) {
        shares(key, sql, label, false);
    }

    private void shares(String key, String sql, String label, boolean percent) {
        Map<String, Double> counts = keyed(sql);
        double total = counts.values().stream().mapToDouble(Double::doubleValue).sum();
        targets.get(key).fields().forEachRemaining(e -> {
            if (percent) {
                sharePoints(label + " " + e.getKey(), e.getValue().asDouble(), counts.getOrDefault(e.getKey(), 0.0));
            } else {
                share(label + " " + e.getKey(), e.getValue().asDouble(), counts.getOrDefault(e.getKey(), 0.0) / total, (long) total);
            }
        });
    }

    /** A share in [0, 1]: within 2 points or 10 % relative, or 3 standard errors of a sample of n. */
    private void share(String label, double real, double sim, long n) {
        double tol = Math.max(Math.max(shareAbs, shareRel * real), 3 * Math.sqrt(real * (1 - real) / Math.max(1, n)));
        add(label, real, sim, real - tol, real + tol);
    }

    /** A share in percent points. */
    private void sharePoints(String label, double realPercent, double simPercent) {
        double tol = Math.max(shareAbs * 100, shareRel * realPercent);
        add(label, realPercent, simPercent, realPercent - tol, realPercent + tol);
    }

    /** A mean: within 15 %, or 3 standard errors of the simulated mean ({mean, sd, n}). */
    private void mean(String label, double real, double[] m) {
        double tol = Math.max(meanRel * real, m[2] > 1 ? 3 * m[1] / Math.sqrt(m[2]) : 0);
        add(label, real, m[0], real - tol, real + tol);
    }

    /** A range target: the statistic within [lo, hi] widened by the mean tolerance. */
    private void range(String label, JsonNode range, double sim) {
        double lo = range.get(0).asDouble();
        double hi = range.get(1).asDouble();
        add(label + " (real range " + lo + "-" + hi + ")", (lo + hi) / 2, sim, lo * (1 - meanRel), hi * (1 + meanRel));
    }

    private void add(String label, double real, double sim, double low, double high) {
        rows.add(new CalibrationRow(label, real, sim, low, high));
    }

    // --- helpers: SQL ---------------------------------------------------------------------------------------

    private long scalar(String sql) {
        return Duck.queryLong(c, sql);
    }

    private double scalar0(String sql) {
        return Duck.queryDouble(c, sql);
    }

    private double[] pair(String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new double[]{rs.getDouble(1), rs.getDouble(2)};
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** {mean, standard deviation, n} of the single column that {@code sql} returns. */
    private double[] meanSdN(String sql) {
        return pairs3("SELECT avg(v), coalesce(stddev_samp(v), 0), count(v) FROM (" + sql.replaceFirst("(?is)^\\s*SELECT\\s+", "SELECT ")
                .replaceFirst("(?is)^SELECT (.*?) FROM", "SELECT $1 AS v FROM") + ")");
    }

    private double[] pairs3(String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }

    private Map<String, Double> keyed(String sql) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getDouble(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    private List<String> list(String sql) {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }
}
