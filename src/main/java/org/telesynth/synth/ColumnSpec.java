package org.telesynth.synth;

import org.telesynth.config.Clamp;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.schema.Column;
import org.telesynth.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How one column is modelled from public information only (schema and config), decided before any data is read:
 * a public category list, an open domain (released through DP partition selection), public numeric values, numeric
 * bins between public clamps, or a day of the window. Columns that SCHEMA.md derives from others (acdc, memory
 * sysinfo_ram, cpu_metadata cpucode, the timestamps that go with a day, the OS intervals) are not modelled: the
 * child-row generator derives them, so the invariants hold by construction.
 *
 * @param table  the table
 * @param column the column
 * @param kind   how it is modelled
 * @param labels the public categories (CATEGORY) or null
 * @param values the public numeric values (VALUES) or null
 * @param clamp  the public bounds (NUMERIC, VALUES, DEVICE_DAY) or null
 */
public record ColumnSpec(TableSchema table, Column column, Kind kind, List<String> labels, double[] values, Clamp clamp) {

    public enum Kind { CATEGORY, OPEN, VALUES, NUMERIC, DAY, DEVICE_DAY }

    /** Columns the generator derives; everything else (but guid) is modelled. */
    private static final Set<String> DERIVED = Set.of(
            "system_userwait.acdc", "system_memory_utilization.sysinfo_ram", "system_cpu_metadata.cpucode",
            "system_os_codename_history.min_ts", "system_os_codename_history.max_ts",
            "system_display_devices.ts", "system_mods_top_blocker_hist.ts_utc", "system_mods_top_blocker_hist.dt_utc",
            "system_mods_power_consumption.ts_utc");

    public static boolean derived(TableSchema t, Column c) {
        return c.name().equals("guid") || DERIVED.contains(t.name() + "." + c.name());
    }

    /** The modelled columns of a table, in contract order. */
    public static List<ColumnSpec> of(TableSchema t, ReleaseConfig config) {
        List<ColumnSpec> out = new ArrayList<>();
        ReleaseConfig.TableConfig tc = config.table(t.name());
        for (Column c : t.columns()) {
            if (derived(t, c)) {
                continue;
            }
            Clamp clamp = tc.clamp(c.name());
            if (!c.domain().isEmpty()) {
                List<String> labels = new ArrayList<>(c.domain());
                out.add(new ColumnSpec(t, c, Kind.CATEGORY, labels, null, null));
            } else if (c.type().equals("VARCHAR")) {
                out.add(new ColumnSpec(t, c, Kind.OPEN, null, null, null));
            } else if (c.type().equals("DATE")) {
                out.add(new ColumnSpec(t, c, Kind.DAY, null, null, null));
            } else if (c.type().equals("TIMESTAMP")) {
                out.add(new ColumnSpec(t, c, Kind.DEVICE_DAY, null, null, clamp));
            } else if (tc.values(c.name()) != null) {
                out.add(new ColumnSpec(t, c, Kind.VALUES, null, tc.values(c.name()), clamp));
            } else {
                out.add(new ColumnSpec(t, c, Kind.NUMERIC, null, null, clamp));
            }
        }
        return out;
    }

    /**
     * Whether a NULL cell is a category of its own: the contract's nullable columns, and every numeric column of a
     * child table, since a user's export may hold NULL readings and bounding keeps them NULL (their share is measured
     * like a category's, so the synthetic NULL rate follows the real one instead of NULLs turning into the lower
     * clamp). Device-table numbers (ram, cores...) are attributes other columns derive from, and stay non-NULL.
     */
    public boolean nullSlot() {
        return column.nullable() || !table.deviceTable() && (kind == Kind.NUMERIC || kind == Kind.VALUES);
    }

    /** Number of cells of the released histogram (before partition selection for OPEN). */
    public int cells(ReleaseConfig config) {
        int base = switch (kind) {
            case CATEGORY -> labels.size();
            case VALUES -> values.length;
            case NUMERIC, DEVICE_DAY -> config.numericBins();
            case DAY -> config.days();
            case OPEN -> 0;
        };
        return base + (nullSlot() ? 1 : 0);
    }

    public String label() {
        return table.name() + "." + column.name();
    }
}
