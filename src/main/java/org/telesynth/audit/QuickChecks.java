package org.telesynth.audit;

import org.telesynth.config.AuditSettings;
import org.telesynth.config.Clamp;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The quick tier, over the views {@code real.*} and {@code synth.*}: each check one scan per table, no sampling.
 * Structural checks (schema, ranges, integrity, contribution bounds, invariants) must hold exactly; NULL rates
 * against real; and the exact-match scan of synthetic device records against unique real ones.
 */
final class QuickChecks {
    private static final String TIER = "quick";

    private QuickChecks() {
    }

    static List<Check> run(Connection c, ReleaseConfig config) {
        AuditSettings a = config.audit();
        List<Check> out = new ArrayList<>();
        out.add(schema(c));
        out.add(nullRates(c, a));
        out.add(ranges(c, config));
        out.add(integrity(c));
        out.add(contributionBounds(c, config));
        out.add(invariants(c));
        out.add(exactMatches(c, a));
        return out;
    }

    /** Every contract column present with its type in every synthetic table. */
    static Check schema(Connection c) {
        List<String> wrong = new ArrayList<>();
        for (TableSchema t : Schema.tables()) {
            List<String[]> described = rows(c, "SELECT column_name, column_type FROM (DESCRIBE synth.\"" + t.name() + "\")");
            for (Column col : t.columns()) {
                String type = described.stream().filter(r -> r[0].equals(col.name())).map(r -> r[1]).findFirst().orElse(null);
                if (type == null || !type.equals(col.type())) {
                    wrong.add(t.name() + "." + col.name() + (type == null ? " missing" : " is " + type + ", not " + col.type()));
                }
            }
        }
        return Check.count(TIER, "schema_mismatches", wrong.size(), 0, wrong.isEmpty() ? "all 19 tables match the contract" : first(wrong));
    }

    /** The largest gap between a column's synthetic and real NULL rate (one scan per table and side). */
    static Check nullRates(Connection c, AuditSettings a) {
        double worst = 0;
        String where = "equal NULL rates in every column";
        for (TableSchema t : Schema.tables()) {
            String select = "SELECT " + String.join(", ", t.columns().stream()
                    .map(col -> "coalesce(avg(CASE WHEN " + col.sqlName() + " IS NULL THEN 1.0 ELSE 0 END), 0)").toList())
                    + " FROM %s.\"" + t.name() + "\"";
            String[] real = rows(c, select.formatted("real")).get(0);
            String[] synth = rows(c, select.formatted("synth")).get(0);
            for (int i = 0; i < real.length; i++) {
                double r = Double.parseDouble(real[i]);
                double s = Double.parseDouble(synth[i]);
                if (Math.abs(r - s) > worst) {
                    worst = Math.abs(r - s);
                    where = String.format("%s.%s: real %.3f, synthetic %.3f", t.name(), t.columns().get(i).name(), r, s);
                }
            }
        }
        return Check.atMost(TIER, "worst_null_rate_gap", worst, a.maxNullRateGap(), 0, a.warnShare(), where);
    }

    /** Synthetic numbers outside the public clamps. */
    static Check ranges(Connection c, ReleaseConfig config) {
        long outside = 0;
        String where = "every value inside its public clamp";
        for (TableSchema t : Schema.tables()) {
            for (Column col : t.columns()) {
                Clamp clamp = config.table(t.name()).clamp(col.name());
                if (clamp == null || !col.isNumeric()) {
                    continue;
                }
                long n = Duck.queryLong(c, "SELECT count(*) FROM synth.\"" + t.name() + "\" WHERE " + col.sqlName() + " < " + clamp.lo()
                        + " OR " + col.sqlName() + " > " + clamp.hi());
                if (n > 0 && outside == 0) {
                    where = t.name() + "." + col.name() + ": " + n + " values outside [" + clamp.lo() + ", " + clamp.hi() + "]";
                }
                outside += n;
            }
        }
        return Check.count(TIER, "values_outside_clamps", outside, 0, where);
    }

    /** Child rows whose guid is not a synthetic device. */
    static Check integrity(Connection c) {
        long orphans = 0;
        String where = "every child row belongs to a device";
        for (TableSchema t : Schema.tables()) {
            if (t.name().equals(Schema.SYSINFO)) {
                continue;
            }
            long n = Duck.queryLong(c, "SELECT count(*) FROM synth.\"" + t.name() + "\" WHERE guid NOT IN (SELECT guid FROM synth.\""
                    + Schema.SYSINFO + "\")");
            if (n > 0 && orphans == 0) {
                where = t.name() + ": " + n + " rows with a guid absent from " + Schema.SYSINFO;
            }
            orphans += n;
        }
        return Check.count(TIER, "orphan_rows", orphans, 0, where);
    }

    /** Devices with more rows in a table than its contribution bound k (one in a device table). */
    static Check contributionBounds(Connection c, ReleaseConfig config) {
        long over = 0;
        String where = "no device over k rows in any table";
        for (TableSchema t : Schema.tables()) {
            int k = t.deviceTable() ? 1 : config.table(t.name()).k();
            long n = Duck.queryLong(c, "SELECT count(*) FROM (SELECT guid FROM synth.\"" + t.name() + "\" GROUP BY guid HAVING count(*) > " + k + ")");
            if (n > 0 && over == 0) {
                where = t.name() + ": " + n + " devices over k = " + k;
            }
            over += n;
        }
        return Check.count(TIER, "devices_over_k", over, 0, where);
    }

    /** The SCHEMA.md invariants: derived columns agree with their sources, min <= avg <= max, blocker days in OS intervals. */
    static Check invariants(Connection c) {
        String s = "synth.";
        List<String[]> checks = List.of(
                new String[]{"userwait acdc = the event name's first two letters", "SELECT count(*) FROM " + s + "system_userwait WHERE acdc <> upper(left(ac_dc_event_name, 2))"},
                new String[]{"memory sysinfo_ram = ram x 1024", "SELECT count(*) FROM " + s + "system_memory_utilization m JOIN " + s + Schema.SYSINFO
                        + " d USING (guid) WHERE m.sysinfo_ram <> CAST(d.ram * 1024 AS BIGINT)"},
                new String[]{"cpu_metadata cpucode = sysinfo's", "SELECT count(*) FROM " + s + "system_cpu_metadata m JOIN " + s + Schema.SYSINFO
                        + " d USING (guid) WHERE m.cpucode IS DISTINCT FROM d.cpucode"},
                new String[]{"pkg_C0 min <= avg <= max", "SELECT count(*) FROM " + s + "\"system_pkg_C0\" WHERE NOT (min_pkg_c0 <= avg_pkg_c0 AND avg_pkg_c0 <= max_pkg_c0)"},
                new String[]{"blocker days inside an OS interval", "SELECT count(*) FROM " + s + "system_mods_top_blocker_hist a WHERE NOT EXISTS (SELECT 1 FROM "
                        + s + "system_os_codename_history b WHERE a.guid = b.guid AND a.dt BETWEEN b.min_ts AND b.max_ts)"});
        long broken = 0;
        String where = "all " + checks.size() + " invariants hold";
        for (String[] check : checks) {
            long n = Duck.queryLong(c, check[1]);
            if (n > 0 && broken == 0) {
                where = check[0] + ": " + n + " rows break it";
            }
            broken += n;
        }
        return Check.count(TIER, "invariant_violations", broken, 0, where);
    }

    /** Synthetic device records equal to a real record that is unique in the real data (memorised devices). */
    static Check exactMatches(Connection c, AuditSettings a) {
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE real_keys AS " + DeviceRecords.keySql("real"));
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE synth_keys AS " + DeviceRecords.keySql("synth"));
        long unique = Duck.queryLong(c, "SELECT count(*) FROM (SELECT k FROM real_keys GROUP BY k HAVING count(*) = 1)");
        long matches = Duck.queryLong(c, "SELECT count(*) FROM synth_keys WHERE k IN (SELECT k FROM real_keys GROUP BY k HAVING count(*) = 1)");
        return Check.count(TIER, "exact_matches_of_unique_real_devices", matches, a.maxExactMatches(), String.format(
                "%d of %d synthetic device records equal one of the %d unique real records (device tables' columns and rows per table)",
                matches, Duck.queryLong(c, "SELECT count(*) FROM synth_keys"), unique));
    }

    private static String first(List<String> problems) {
        return problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    static List<String[]> rows(Connection c, String sql) {
        List<String[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] r = new String[n];
                for (int i = 0; i < n; i++) {
                    r[i] = rs.getString(i + 1);
                }
                out.add(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
        return out;
    }
}
