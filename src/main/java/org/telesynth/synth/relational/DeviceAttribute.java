package org.telesynth.synth.relational;

import org.telesynth.BadInputException;
import org.telesynth.bench.QuerySpec;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.ColumnSpec;
import org.telesynth.synth.Measurer;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One discrete attribute of the device model, from public information only, read from aggregate's
 * {@code device_profile} (cpu_metadata's columns carry the prefix {@code cpu_}):
 * <ul>
 *   <li>{@link Kind#VALUE}: a public-domain column of sysinfo or cpu_metadata (its cells are its labels or values);</li>
 *   <li>{@link Kind#PRESENCE}: whether the device has rows in a child table (2 cells);</li>
 *   <li>{@link Kind#ROWS}: a child table's rows bucket, 0 = no rows (so it holds the presence too);</li>
 *   <li>{@link Kind#LEVEL}: the bin of the device's mean of a numeric child column, 0 = no rows;</li>
 *   <li>{@link Kind#TOP}: the device's most frequent category of a child column, 0 = no rows.</li>
 * </ul>
 * A ROWS or LEVEL attribute is read in fine cells (every row count 0..k, every public bin) and modelled in at
 * most {@link #cells} coarse ones: the fine cells grouped by a {@link Coarsening} derived from their released
 * one-way marginal (post-processing), cell 0 kept apart. TOP and VALUE attributes are modelled in their fine cells.
 *
 * @param name  the name (the profile column, or {@code <kind>:<table>[.<column>]})
 * @param kind  what it is
 * @param spec  the contract column it stands for (VALUE, LEVEL, TOP), else null
 * @param table the child table (PRESENCE, ROWS, LEVEL, TOP), else null
 * @param cells the modelled cells (public: from the schema and config)
 */
public record DeviceAttribute(String name, Kind kind, ColumnSpec spec, TableSchema table, int cells) {

    public enum Kind { VALUE, PRESENCE, ROWS, LEVEL, TOP }

    /** The configured attributes, then every child table's presence (the device models that learn no summaries). */
    public static List<DeviceAttribute> withPresences(ReleaseConfig config) {
        List<DeviceAttribute> out = values(config);
        for (TableSchema t : config.releaseChildTables()) {
            out.add(new DeviceAttribute("present:" + t.name(), Kind.PRESENCE, null, t, 2));
        }
        return out;
    }

    /**
     * The configured attributes, then every child table's rows bucket, then the summaries of its columns: a level
     * for each numeric column and the top category of each categorical one with at most
     * {@code marginal.summary_max_categories} labels, unless {@code marginal.summaries} lists a table's columns.
     */
    static List<DeviceAttribute> withSummaries(ReleaseConfig config) {
        List<DeviceAttribute> out = values(config);
        var ms = config.marginal();
        for (TableSchema t : config.releaseChildTables()) {
            out.add(new DeviceAttribute("rows:" + t.name(), Kind.ROWS, null, t, 1 + Math.min(config.table(t.name()).k(), ms.rowsLevels())));
        }
        for (TableSchema t : config.releaseChildTables()) {
            List<String> chosen = ms.summaries().get(t.name());
            for (ColumnSpec s : ColumnSpec.of(t, config)) {
                if (chosen != null && !chosen.contains(s.column().name())) {
                    continue;
                }
                boolean numeric = (s.kind() == ColumnSpec.Kind.NUMERIC || s.kind() == ColumnSpec.Kind.VALUES)
                        && (chosen != null || !extremeOfAverage(t, s));
                boolean category = s.kind() == ColumnSpec.Kind.CATEGORY && s.cells(config) <= ms.summaryMaxCategories();
                if (numeric) {
                    out.add(new DeviceAttribute("level:" + s.label(), Kind.LEVEL, s, t, 1 + Math.min(s.cells(config), ms.levels())));
                } else if (category || (chosen != null && s.kind() == ColumnSpec.Kind.CATEGORY)) {
                    out.add(new DeviceAttribute("top:" + s.label(), Kind.TOP, s, t, 1 + s.cells(config)));
                } else if (chosen != null) {
                    throw new BadInputException(config.source() + ": marginal.summaries." + t.name() + ": " + s.column().name()
                            + " is neither numeric nor a public category");
                }
            }
            if (chosen != null) {
                for (String c : chosen) {
                    if (ColumnSpec.of(t, config).stream().noneMatch(s -> s.column().name().equals(c))) {
                        throw new BadInputException(config.source() + ": marginal.summaries." + t.name() + ": no modelled column " + c);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether a column is the min_ or max_ of an avg_ column of its table (SCHEMA.md's min <= avg <= max triples):
     * by default only the average is summarised, the extremes follow it within the row.
     */
    static boolean extremeOfAverage(TableSchema t, ColumnSpec s) {
        String name = s.column().name();
        if (!name.startsWith("min_") && !name.startsWith("max_")) {
            return false;
        }
        return t.column("avg_" + name.substring(4)).isPresent();
    }

    /** The configured device attributes ({@code marginal.device_attributes}): public-domain columns of sysinfo and cpu_metadata. */
    public static List<DeviceAttribute> values(ReleaseConfig config) {
        List<DeviceAttribute> out = new ArrayList<>();
        for (String name : config.marginal().deviceAttributes()) {
            boolean cpu = name.startsWith("cpu_") && !name.equals("cpu_family");
            TableSchema t = Schema.table(cpu ? Schema.CPU_METADATA : Schema.SYSINFO);
            String column = cpu ? name.substring(4) : name;
            ColumnSpec spec = ColumnSpec.of(t, config).stream().filter(s -> s.column().name().equals(column)).findFirst()
                    .orElseThrow(() -> new BadInputException(config.source() + ": marginal.device_attributes: no column " + column + " in " + t.name()));
            if (spec.kind() != ColumnSpec.Kind.CATEGORY && spec.kind() != ColumnSpec.Kind.VALUES) {
                throw new BadInputException(config.source() + ": marginal.device_attributes: " + name + " needs a public domain or public values");
            }
            out.add(new DeviceAttribute(name, Kind.VALUE, spec, null, spec.cells(config)));
        }
        return out;
    }

    /** The cells the attribute is read in (before any coarsening): public. */
    public int fineCells(ReleaseConfig config) {
        return switch (kind) {
            case VALUE -> spec.cells(config);
            case PRESENCE -> 2;
            case ROWS -> 1 + config.table(table.name()).k();
            case LEVEL -> 1 + spec.cells(config) - (noNullLevel() ? 1 : 0);
            case TOP -> 1 + spec.cells(config);
        };
    }

    /**
     * A numeric column's NULL cell (ColumnSpec.nullSlot) is no level of its own: a device whose rows are all NULL
     * takes the first level, and its rows' NULLs come from the column's cells given that level. A level that real
     * devices almost never have would otherwise be drawn from noise alone, and give whole devices NULL rows.
     */
    public boolean noNullLevel() {
        return kind == Kind.LEVEL && spec.nullSlot() && !spec.column().nullable();
    }

    /** Whether its fine cells are grouped into coarse ones after their one-way marginal is released. */
    public boolean coarsened(ReleaseConfig config) {
        return fineCells(config) != cells;
    }

    /** The child table whose presence this attribute decides (code > 0 = present), or null. */
    public TableSchema presenceOf() {
        return kind == Kind.PRESENCE || kind == Kind.ROWS ? table : null;
    }

    private String shortTable() {
        return table.name().replaceFirst("^system_", "");
    }

    /**
     * SQL of the attribute's key over device_profile; {@code qualifier} like "p." or "". VALUE: a label or value;
     * PRESENCE: 0/1; ROWS: the row count capped at k; LEVEL, TOP: NULL when the device has no rows, else the
     * column's key (its bin, value or label) as {@link #fineCellOf} reads it, with {@code ~} standing for a NULL.
     */
    String keySql(Measurer m, String qualifier, ReleaseConfig config) {
        return switch (kind) {
            case VALUE -> m.keySql(spec, qualifier + "\"" + name + "\"");
            case PRESENCE -> "CAST(" + qualifier + "\"" + shortTable() + "_present\" AS INTEGER)";
            case ROWS -> "least(" + qualifier + "\"" + shortTable() + "_rows\", " + config.table(table.name()).k() + ")";
            case LEVEL, TOP -> {
                String col = qualifier + "\"" + shortTable() + (kind == Kind.LEVEL ? "_avg_" : "_top_") + spec.column().name() + "\"";
                yield "CASE WHEN " + qualifier + "\"" + shortTable() + "_rows\" = 0 THEN NULL ELSE coalesce(CAST("
                        + m.keySql(spec, col) + " AS STRING), '~') END";
            }
        };
    }

    /**
     * The real devices' fine codes of this attribute, in guid order, read from {@code device_profile} over
     * {@code c} (private; only mechanisms read them).
     *
     * @param cells the column's cells (null for PRESENCE and ROWS)
     */
    public int[] realCodes(Connection c, Measurer measure, ReleaseConfig config, Measurer.Cells cells) {
        Map<String, Integer> cellOfKey = new HashMap<>();
        for (String key : keyCounts(measure, config).keySet()) {
            cellOfKey.put(key, fineCellOf(key, cells));
        }
        return Duck.queryIntList(c, "SELECT list(CAST(" + codeSql(measure, config, cellOfKey) + " AS INTEGER) ORDER BY guid) FROM device_profile");
    }

    /**
     * How many real devices hold each key of this attribute ({@link #keySql}, as text; SQL NULL = null), read over
     * the measurer's engine (private: only mechanisms read them, a key's count in a fine cell of a released one-way).
     */
    public Map<String, Long> keyCounts(Measurer measure, ReleaseConfig config) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String[] row : measure.engine().rows("SELECT CAST(" + keySql(measure, "", config) + " AS STRING), count(*) FROM device_profile GROUP BY 1")) {
            out.merge(row[0], Long.parseLong(row[1]), Long::sum);
        }
        return out;
    }

    /** SQL over device_profile of the code {@code codeOfKey} gives the device's key (0 for a key it does not list). */
    public String codeSql(Measurer measure, ReleaseConfig config, Map<String, Integer> codeOfKey) {
        String key = "CAST(" + keySql(measure, "", config) + " AS STRING)";
        StringBuilder cases = new StringBuilder("CASE");
        for (var e : codeOfKey.entrySet()) {
            cases.append(e.getKey() == null ? " WHEN " + key + " IS NULL" : " WHEN " + key + " = " + measure.engine().literal(e.getKey()))
                    .append(" THEN ").append(e.getValue());
        }
        return cases.append(" ELSE 0 END").toString();
    }

    /** The fine cell of a key as {@link #keySql} renders it (SQL NULL = null); 0 for a key outside the cells. */
    public int fineCellOf(String key, Measurer.Cells cells) {
        return switch (kind) {
            case VALUE -> key == null ? (spec.nullSlot() ? cells.count() - 1 : 0) : Math.max(0, cells.of(key));
            case PRESENCE, ROWS -> key == null ? 0 : (int) Double.parseDouble(key);
            case LEVEL, TOP -> key == null ? 0 : 1 + Math.max(0, key.equals("~") && noNullLevel() ? 0 : cells.of(key.equals("~") ? null : key));
        };
    }

    /** Whether a query's SQL involves this attribute: its column (and, for cpu_metadata's, that table) or its table. */
    boolean mentionedBy(QuerySpec q) {
        String sql = q.sql().toLowerCase(Locale.ROOT);
        if (kind != Kind.VALUE) {
            return sql.contains(table.name().toLowerCase(Locale.ROOT))
                    && (spec == null || sql.contains(spec.column().name().toLowerCase(Locale.ROOT)));
        }
        String column = spec.column().name().toLowerCase(Locale.ROOT);
        return sql.contains(column) && sql.contains(spec.table().name().toLowerCase(Locale.ROOT));
    }
}
