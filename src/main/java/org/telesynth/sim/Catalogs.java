package org.telesynth.sim;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.telesynth.io.Duck;
import org.telesynth.schema.Domains;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookup tables that the child-table SQL draws row attributes from: "slot tables" where slot {@code s} of
 * {@code S} holds an item with probability proportional to its weight, so SQL picks an item with one equi-join on
 * {@code floor(u * S)}. Item lists come from public material: the data dictionary's domains and the published
 * real-fleet answers under {@code calibration/real_results} (top processes, apps, blockers, resolutions), plus a
 * synthetic long tail.
 */
final class Catalogs {
    static final int SLOTS = 4096;
    private static final String REAL = "/org/telesynth/calibration/real_results/";

    private Catalogs() {
    }

    static void create(Connection c) throws SQLException {
        webCategories(c);
        appTypesByPersona(c);
        exes(c);
        waitProcesses(c);
        blockers(c);
        powerApps(c);
        displays(c);
    }

    /** web_cat(category, parent, sub) and web_slots(persona_idx, slot, category): persona drives browsing mix. */
    private static void webCategories(Connection c) throws SQLException {
        Duck.exec(c, "CREATE TABLE web_cat (category VARCHAR, parent VARCHAR, sub VARCHAR)");
        try (DuckDBAppender a = appender(c, "web_cat")) {
            for (String cat : Domains.WEB_CATEGORIES) {
                String parent = Domains.WEB_PARENT_CATEGORIES.stream().filter(p -> cat.equals(p) || cat.startsWith(p + "_"))
                        .findFirst().orElseThrow();
                a.beginRow().append(cat).append(parent).append(cat.equals(parent) ? parent : cat.substring(parent.length() + 1)).endRow();
            }
        }
        List<String[]> rows = CsvResource.read(REAL + "persona_web_cat_usage_analysis.csv");
        Map<String, double[]> byPersona = new HashMap<>();
        double[] mean = new double[Domains.WEB_CATEGORIES.size()];
        for (String[] r : rows.subList(1, rows.size())) {
            if (r.length < 3 + mean.length || r[3].isEmpty()) {
                continue;
            }
            double[] w = new double[mean.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = Double.parseDouble(r[3 + i]) + 0.01;
                mean[i] += w[i];
            }
            byPersona.put(r[0], w);
        }
        Duck.exec(c, "CREATE TABLE web_slots (persona_idx INTEGER, slot INTEGER, category VARCHAR)");
        try (DuckDBAppender a = appender(c, "web_slots")) {
            for (int p = 0; p < Domains.PERSONAS.size(); p++) {
                int[] slots = new Weighted(byPersona.getOrDefault(Domains.PERSONAS.get(p), mean)).slots(SLOTS);
                for (int s = 0; s < SLOTS; s++) {
                    a.beginRow().append(p).append(s).append(Domains.WEB_CATEGORIES.get(slots[s])).endRow();
                }
            }
        }
    }

    /** type_slots(persona_idx, slot, app_idx): the app types a persona runs in the foreground. */
    private static void appTypesByPersona(Connection c) throws SQLException {
        Duck.exec(c, "CREATE TABLE type_slots (persona_idx INTEGER, slot INTEGER, app_idx INTEGER)");
        List<Persona> personas = Persona.catalogue();
        try (DuckDBAppender a = appender(c, "type_slots")) {
            for (int p = 0; p < personas.size(); p++) {
                int[] slots = new Weighted(personas.get(p).appTypeWeights()).slots(SLOTS);
                for (int s = 0; s < SLOTS; s++) {
                    a.beginRow().append(p).append(s).append(slots[s]).endRow();
                }
            }
        }
    }

    /** exe_slots(app_idx, slot, exe, app_type, company, focal_s): foreground apps per app type. */
    private static void exes(Connection c) throws SQLException {
        Map<String, Map<String, double[]>> byType = new LinkedHashMap<>();
        for (String t : Domains.APP_TYPES) {
            byType.put(t, new LinkedHashMap<>());
        }
        // weight = devices (system-count ranking), focal seconds from the focal-time ranking
        for (String[] r : rows("top_10_applications_by_app_type_ranked_by_system_count.csv")) {
            byType.get(r[0]).computeIfAbsent(r[1], k -> new double[]{0, 900})[0] = Double.parseDouble(r[2]);
        }
        for (String[] r : rows("top_10_applications_by_app_type_ranked_by_total_detections.csv")) {
            byType.get(r[0]).computeIfAbsent(r[1], k -> new double[]{0, 900});
        }
        for (String[] r : rows("top_10_applications_by_app_type_ranked_by_focal_time.csv")) {
            byType.get(r[0]).computeIfAbsent(r[1], k -> new double[]{0, 900})[1] = Double.parseDouble(r[2]);
        }
        Duck.exec(c, "CREATE TABLE exe_slots (app_idx INTEGER, slot INTEGER, exe VARCHAR, app_type VARCHAR, company VARCHAR, focal_s DOUBLE)");
        try (DuckDBAppender a = appender(c, "exe_slots")) {
            int t = 0;
            for (Map.Entry<String, Map<String, double[]>> type : byType.entrySet()) {
                List<String> names = new ArrayList<>(type.getValue().keySet());
                List<Double> weights = new ArrayList<>();
                List<Double> focal = new ArrayList<>();
                double floor = type.getValue().values().stream().mapToDouble(v -> v[0]).filter(v -> v > 0).min().orElse(1000);
                for (double[] v : type.getValue().values()) {
                    weights.add(v[0] > 0 ? v[0] : floor * 0.02);
                    focal.add(v[1]);
                }
                String stem = type.getKey().toLowerCase().replaceAll("[^a-z]", "");
                for (int i = 1; i <= 60; i++) {
                    names.add(stem + "app" + i + ".exe");
                    weights.add(floor * 0.6 / i);
                    focal.add(300.0 + 3000.0 / i);
                }
                int[] slots = new Weighted(weights.stream().mapToDouble(Double::doubleValue).toArray()).slots(SLOTS);
                for (int s = 0; s < SLOTS; s++) {
                    String exe = names.get(slots[s]);
                    // a tenth of the long tail has no known app type (NULL), as in the real table
                    boolean unknownType = slots[s] >= type.getValue().size() && slots[s] % 10 == 3;
                    a.beginRow().append(t).append(s).append(exe);
                    if (unknownType) {
                        a.append((String) null);
                    } else {
                        a.append(type.getKey());
                    }
                    a.append(company(exe)).append(focal.get(slots[s])).endRow();
                }
                t++;
            }
        }
    }

    /** proc_slots(slot, proc, sec_per_instance): userwait processes, common ones cheap, rare ones slow. */
    private static void waitProcesses(Connection c) throws SQLException {
        Map<String, double[]> procs = new LinkedHashMap<>();
        String[] common = {"chrome.exe", "msedge.exe", "Teams.exe", "OUTLOOK.EXE", "WINWORD.EXE", "EXCEL.EXE",
                "firefox.exe", "steam.exe", "svchost.exe", "SearchApp.exe", "Zoom.exe", "Discord.exe", "Spotify.exe",
                "POWERPNT.EXE", "Acrobat.exe", "Code.exe", "slack.exe", "Photoshop.exe", "vlc.exe", "WhatsApp.exe"};
        for (int i = 0; i < common.length; i++) {
            procs.put(common[i], new double[]{400.0 / (i + 1), 1.5 + 4.0 * i / common.length});
        }
        for (String pseudo : List.of("DUMMY_PROCESS", "DESKTOP", "explorer.exe", "RESTRICTED PROCESS", "UNKNOWN")) {
            procs.put(pseudo, new double[]{60, 2});
        }
        for (String[] r : rows("userwait_top_10_wait_processes.csv")) {
            procs.put(r[0], new double[]{0.08, Double.parseDouble(r[1])});
        }
        for (String[] r : rows("userwait_top_10_wait_processes_wait_type_ac_dc.csv")) {
            procs.putIfAbsent(r[2], new double[]{0.08, Double.parseDouble(r[3])});
        }
        for (String[] r : rows("userwait_top_20_wait_processes_compare_ac_dc_unknown_durations.csv")) {
            procs.putIfAbsent(r[0], new double[]{3, Math.max(Double.parseDouble(r[1]), 1)});
        }
        for (int i = 1; i <= 300; i++) {
            procs.put("proc" + i + ".exe", new double[]{30.0 / i, 1 + 20.0 / i});
        }
        List<String> names = new ArrayList<>(procs.keySet());
        int[] slots = new Weighted(procs.values().stream().mapToDouble(v -> v[0]).toArray()).slots(SLOTS * 4);
        Duck.exec(c, "CREATE TABLE proc_slots (slot INTEGER, proc VARCHAR, sec_per_instance DOUBLE)");
        try (DuckDBAppender a = appender(c, "proc_slots")) {
            for (int s = 0; s < slots.length; s++) {
                String p = names.get(slots[s]);
                a.beginRow().append(s).append(p).append(procs.get(p)[1]).endRow();
            }
        }
    }

    /** blk_slots(slot, name, type, level, active_s): modern-standby blockers weighted by real occurrences. */
    private static void blockers(Connection c) throws SQLException {
        Map<String, double[]> agg = new LinkedHashMap<>();
        Map<String, String[]> keys = new HashMap<>();
        for (String[] r : rows("top_mods_blocker_types_durations_by_osname_and_codename.csv")) {
            if (!Domains.BLOCKER_TYPES.contains(r[3]) || !Domains.ACTIVITY_LEVELS.contains(r[4])) {
                continue; // the published file carries masking artifacts ("ActiUserIdMasktor"): not real types
            }
            String key = r[2] + "\u0001" + r[3] + "\u0001" + r[4];
            keys.putIfAbsent(key, new String[]{r[2], r[3], r[4]});
            double[] v = agg.computeIfAbsent(key, k -> new double[2]);
            double occ = Double.parseDouble(r[7]);
            v[0] += occ / (1 - zeroShare(r[3]));
            v[1] += occ / (1 - zeroShare(r[3])) * Double.parseDouble(r[6]);
        }
        List<String> names = new ArrayList<>(agg.keySet());
        int[] slots = new Weighted(agg.values().stream().mapToDouble(v -> v[0]).toArray()).slots(SLOTS * 4);
        Duck.exec(c, "CREATE TABLE blk_slots (slot INTEGER, name VARCHAR, type VARCHAR, level VARCHAR, active_s DOUBLE, p_zero DOUBLE)");
        try (DuckDBAppender a = appender(c, "blk_slots")) {
            for (int s = 0; s < slots.length; s++) {
                String k = names.get(slots[s]);
                double[] v = agg.get(k);
                String[] key = keys.get(k);
                a.beginRow().append(s).append(key[0]).append(key[1]).append(key[2])
                        .append(v[1] / v[0]).append(zeroShare(key[1])).endRow();
            }
        }
    }

    /** app_slots(slot, app_id, user_id, mw): processes of mods_power_consumption with their owner class. */
    private static void powerApps(Connection c) throws SQLException {
        Map<String, Object[]> apps = new LinkedHashMap<>();
        for (String[] r : rows("top_10_processes_per_user_id_ranked_by_total_power_consumption.csv")) {
            apps.put(r[1], new Object[]{r[0], Double.parseDouble(r[2])});
        }
        for (String[] r : rows("top_20_most_power_consuming_processes_by_avg_power_consumed.csv")) {
            apps.putIfAbsent(r[0], new Object[]{"UserIdMask", Double.parseDouble(r[1])});
        }
        String[] owners = {"UserIdMask", "SYSTEM", "LOCAL SERVICE", "NETWORK SERVICE", "UserIdMask"};
        for (int i = 1; i <= 120; i++) {
            apps.put("\\Device\\HarddiskVolume3\\Program Files\\Vendor" + (i % 17) + "\\tool" + i + ".exe",
                    new Object[]{owners[i % owners.length], 300.0 / i});
        }
        List<String> names = new ArrayList<>(apps.keySet());
        int[] slots = new Weighted(apps.values().stream().mapToDouble(v -> Math.sqrt((Double) v[1])).toArray()).slots(SLOTS);
        Duck.exec(c, "CREATE TABLE app_slots (slot INTEGER, app_id VARCHAR, user_id VARCHAR, mw DOUBLE)");
        try (DuckDBAppender a = appender(c, "app_slots")) {
            for (int s = 0; s < slots.length; s++) {
                String app = names.get(slots[s]);
                Object[] v = apps.get(app);
                a.beginRow().append(s).append(app).append((String) v[0]).append(Math.max(5, (Double) v[1] / 20)).endRow();
            }
        }
    }

    /** disp_slots(kind, slot, conn, height, width, ac_s, dc_s) and vendor_slots(slot, vendor). */
    private static void displays(Connection c) throws SQLException {
        List<String[]> internal = new ArrayList<>();
        List<String[]> external = new ArrayList<>();
        for (String[] r : rows("display_devices_connection_type_resolution_durations_ac_dc.csv")) {
            boolean isInternal = r[0].equals("DISPLAYPORT_EMBEDDED") || r[0].equals("INTERNAL") || r[0].equals("LVDS");
            (isInternal ? internal : external).add(r);
        }
        Duck.exec(c, "CREATE TABLE disp_slots (kind INTEGER, slot INTEGER, conn VARCHAR, height BIGINT, width BIGINT, ac_s DOUBLE, dc_s DOUBLE)");
        try (DuckDBAppender a = appender(c, "disp_slots")) {
            int kind = 0;
            for (List<String[]> group : List.of(internal, external)) {
                int[] slots = new Weighted(group.stream().mapToDouble(r -> Double.parseDouble(r[2])).toArray()).slots(SLOTS);
                for (int s = 0; s < SLOTS; s++) {
                    String[] r = group.get(slots[s]);
                    String[] hw = r[1].split("x");
                    a.beginRow().append(kind).append(s).append(r[0]).append(Long.parseLong(hw[0])).append(Long.parseLong(hw[1]))
                            .append(Double.parseDouble(r[3])).append(Double.parseDouble(r[4])).endRow();
                }
                kind++;
            }
        }
        // named monitor vendors, weighted by the share of display devices that saw them
        String[] vendors = {"LG", "Dell", "Samsung", "HP", "BenQ", "Sony", "Asus", "Acer", "Philips", "MI", "MSI",
                "Hisense", "TCL", "Viewsonic", "Redmi", "AOC", "Lenovo", "Oneplus", "Sansui", "VIZIO", "Unknown"};
        double[] weights = {13.16, 12.65, 9.77, 7.92, 3.92, 3.32, 3.04, 2.28, 1.5, 0.6, 1.0, 0.52, 0.5, 0.8, 0.4, 1.2,
                1.5, 0.1, 0.1, 0.5, 1.0};
        int[] slots = new Weighted(weights).slots(SLOTS);
        Duck.exec(c, "CREATE TABLE vendor_slots (slot INTEGER, vendor VARCHAR)");
        try (DuckDBAppender a = appender(c, "vendor_slots")) {
            for (int s = 0; s < SLOTS; s++) {
                a.beginRow().append(s).append(vendors[slots[s]]).endRow();
            }
        }
    }

    /**
     * Share of a blocker type's rows with zero active time. The published per-blocker file counts only rows with
     * active time, yet over all rows Activator outnumbers PDC Phase: most Activator rows must be zeros.
     */
    static double zeroShare(String blockerType) {
        return switch (blockerType) {
            case "Activator" -> 0.6;
            case "Fx Device", "PDC Phase" -> 0.3;
            default -> 0.4;
        };
    }

    private static String company(String exe) {
        String base = exe.replaceAll("\\.exe$", "").replaceAll("[^A-Za-z]", "");
        return base.isEmpty() ? "Unknown" : Character.toUpperCase(base.charAt(0)) + base.substring(1, Math.min(base.length(), 10));
    }

    private static List<String[]> rows(String file) {
        List<String[]> all = CsvResource.read(REAL + file);
        return all.subList(1, all.size());
    }

    static DuckDBAppender appender(Connection c, String table) throws SQLException {
        return c.unwrap(DuckDBConnection.class).createAppender("main", table);
    }
}
