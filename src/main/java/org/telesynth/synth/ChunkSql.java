package org.telesynth.synth;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.schema.Column;
import org.telesynth.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that turns chunks of generated rows into the contract's rows. A chunk is one row of LIST columns:
 * {@code d, r, n} (device, row of the device, rows of the device), per modelled column j either {@code c<j>} (1-based
 * label positions, 0 = NULL) or {@code v<j>} (numbers in staging units: values, day offsets, seconds), then
 * {@code sec} (a second of the day) when a derived timestamp needs one, then {@code ram, cpucode} (the device's
 * sysinfo values) for the tables that must agree with sysinfo. {@link #unnest} turns a chunk into rows of plain
 * numbers; {@link #contractRows} maps positions to labels, orders min/avg/max groups, derives the dependent
 * columns and casts to the contract's types.
 */
final class ChunkSql {
    private final TableSchema t;
    private final List<ColumnSpec> specs;
    private final List<RowSampler.Draw> draws;
    private final ReleaseConfig config;
    private final long guidKey;
    private final String cpucodeLabels;
    private final List<String> names;

    ChunkSql(TableSchema t, List<ColumnSpec> specs, List<RowSampler.Draw> draws, ReleaseConfig config, long guidKey, String cpucodeLabels) {
        this.t = t;
        this.specs = specs;
        this.draws = draws;
        this.config = config;
        this.guidKey = guidKey;
        this.cpucodeLabels = cpucodeLabels;
        this.names = t.columns().stream().map(Column::name).toList();
    }

    int index(String column) {
        for (int j = 0; j < specs.size(); j++) {
            if (specs.get(j).column().name().equals(column)) {
                return j;
            }
        }
        return -1;
    }

    boolean isText(int j) {
        return specs.get(j).kind() == ColumnSpec.Kind.CATEGORY || specs.get(j).kind() == ColumnSpec.Kind.OPEN;
    }

    /** Tables whose derived timestamps need a random second of the row's day. */
    boolean needsSecondOfDay() {
        return t.columns().stream().anyMatch(col -> ColumnSpec.derived(t, col) && col.type().equals("TIMESTAMP")
                && !t.name().equals("system_os_codename_history"));
    }

    /** Tables with a column copied from the device's sysinfo row. */
    boolean needsDevice() {
        return t.name().equals("system_memory_utilization") || t.name().equals("system_cpu_metadata");
    }

    String chunkDeclaration() {
        List<String> cols = new ArrayList<>(List.of("d INTEGER[]", "r INTEGER[]", "n INTEGER[]"));
        for (int j = 0; j < specs.size(); j++) {
            cols.add(isText(j) ? "c" + j + " INTEGER[]" : "v" + j + " DOUBLE[]");
        }
        if (needsSecondOfDay()) {
            cols.add("sec INTEGER[]");
        }
        if (needsDevice()) {
            cols.add("ram DOUBLE[]");
            cols.add("cpucode INTEGER[]");
        }
        return String.join(", ", cols);
    }

    /** The chunk's lists unnested into rows of plain numbers (what a Parquet part holds). */
    String unnest(String chunkTable) {
        List<String> unnest = new ArrayList<>();
        for (String decl : chunkDeclaration().split(", ")) {
            String name = decl.substring(0, decl.indexOf(' '));
            unnest.add("unnest(" + name + ") AS " + name);
        }
        return "SELECT " + String.join(", ", unnest) + " FROM " + chunkTable;
    }

    /** The contract's rows, in its column order, from a relation of unnested chunk rows. */
    String contractRows(String source) {
        List<String> select = new ArrayList<>();
        for (Column col : t.columns()) {
            select.add(output(col) + " AS " + col.sqlName());
        }
        return "SELECT " + String.join(", ", select) + " FROM " + source + " x";
    }

    /** The drawn value of a modelled column: a label, or a number in staging units. */
    private String value(String column) {
        int j = index(column);
        if (!isText(j)) {
            return "x.v" + j;
        }
        ColumnModel m = draws.get(j).models().get(0);
        List<String> labels = new ArrayList<>();
        for (int cell = 0; cell < m.cells(); cell++) {
            if (!m.isNull(cell)) {
                labels.add(m.text(cell));
            }
        }
        return "list_extract(" + Duck.textList(labels) + ", x.c" + j + ")";
    }

    /** A numeric column after ordering its min/avg/max group (and mean <= max), staging units. */
    private String ordered(String column) {
        for (String stem : List.of("min_", "avg_", "max_")) {
            String rest = column.startsWith(stem) ? column.substring(4) : null;
            if (rest != null && names.contains("min_" + rest) && names.contains("avg_" + rest) && names.contains("max_" + rest)) {
                // a reading without its average is missing as a whole; a missing min or max takes the average
                String b = value("avg_" + rest);
                String a = "coalesce(" + value("min_" + rest) + ", " + b + ")";
                String m = "coalesce(" + value("max_" + rest) + ", " + b + ")";
                String sorted = switch (stem) {
                    case "min_" -> "least(" + a + ", " + b + ", " + m + ")";
                    case "max_" -> "greatest(" + a + ", " + b + ", " + m + ")";
                    default -> "greatest(least(" + a + ", " + b + "), least(greatest(" + a + ", " + b + "), " + m + "))"; // the median
                };
                return "CASE WHEN " + b + " IS NULL THEN NULL ELSE " + sorted + " END";
            }
        }
        if ((column.equals("mean") || column.equals("max")) && names.contains("mean") && names.contains("max")) {
            String mean = value("mean");
            String max = value("max");
            return "CASE WHEN " + mean + " > " + max + " THEN " + (column.equals("mean") ? max : mean) + " ELSE " + value(column) + " END";
        }
        return value(column);
    }

    /** One output column with the contract's type. */
    private String output(Column col) {
        String key = t.name() + "." + col.name();
        String day = names.contains("dt") ? value("dt") : "0";
        String staged;
        if (col.name().equals("guid")) {
            return SyntheticDevices.guidSql("x.d", guidKey);
        } else if (ColumnSpec.derived(t, col)) {
            staged = switch (key) {
                case "system_userwait.acdc" -> "coalesce(upper(left(" + value("ac_dc_event_name") + ", 2)), 'NA')";
                case "system_memory_utilization.sysinfo_ram" -> "x.ram * 1024";
                case "system_cpu_metadata.cpucode" -> "list_extract(" + cpucodeLabels + ", x.cpucode)";
                case "system_os_codename_history.min_ts", "system_os_codename_history.max_ts" -> {
                    // the device's rows tile [start - 365 days, start + days) in order
                    long from = -365L * 86400;
                    long span = (365L + config.days()) * 86400;
                    yield key.endsWith("min_ts") ? "(" + from + " + (" + span + " * x.r) // x.n)"
                            : "(" + from + " + (" + span + " * (x.r + 1)) // x.n - 1)";
                }
                case "system_mods_top_blocker_hist.dt_utc" -> day;
                default -> "(" + day + ") * 86400 + x.sec"; // a timestamp on the row's day
            };
        } else {
            staged = ordered(col.name());
        }
        return switch (col.type()) {
            case "DATE" -> "(DATE '" + config.start() + "' + (" + staged + ")::INTEGER)";
            case "TIMESTAMP" -> "(TIMESTAMP '" + config.start() + "' + to_seconds((" + staged + ")::BIGINT))";
            case "BIGINT", "INTEGER" -> "CAST(round(" + staged + ") AS " + col.type() + ")";
            case "VARCHAR" -> staged;
            default -> "(" + staged + ")::" + col.type();
        };
    }
}
