package org.telesynth.io;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.schema.Column;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates one input table against the contract in a single scan and says what is wrong in one line naming the
 * table and the column. Checks, in order: the file can be read (a ragged CSV record is named by its line), no two
 * columns share a name up to case, a device table has rows (an empty child table is warned about and loaded),
 * every contract column is there
 * (extra columns are warned about and dropped), guids are present, every value casts to the contract type (whole
 * numbers for integer columns), no NaN or infinity, no negative count or duration, and one row per device in the
 * device tables. Orphan guids are the loader's business, since they need the device table.
 */
final class TableCheck {
    /** Accepted spellings of contract columns in input files: the frgnd extract names {@code dt} {@code date}. */
    private static final Map<String, Map<String, String>> ALIASES = Map.of(
            "system_frgnd_apps_types", Map.of("dt", "date"));

    private TableCheck() {
    }

    /**
     * @param mapping for each contract column, the input column that holds it (its own name or an accepted alias)
     * @param dropped input columns the contract does not know
     * @param rows    input rows
     */
    record Result(Map<String, String> mapping, List<String> dropped, long rows) {
    }

    /** @throws BadInputException on the first problem found */
    static Result run(Connection c, String view, TableSource source, Progress progress) {
        TableSchema t = source.table();
        requireDistinctColumns(c, source);
        List<String> present = inputColumns(c, view, source);
        Map<String, String> mapping = mapColumns(t, present);
        List<String> extra = new ArrayList<>(present);
        extra.removeAll(mapping.values());
        if (!extra.isEmpty()) {
            progress.warn(t.name() + ": dropping unknown columns " + extra);
        }
        Map<String, Object> stats = scan(c, view, source, mapping);
        long rows = ((Number) stats.get("rows")).longValue();
        if (rows == 0 && t.deviceTable()) {
            throw new BadInputException(t.name() + ": empty table (0 rows in " + source.file().getFileName() + ")");
        }
        if (rows == 0) {
            // a real export can have a table no device reported in the window; the release models it as absent
            progress.warn(t.name() + ": empty table (0 rows in " + source.file().getFileName() + "): loaded as no device having rows");
        }
        long badGuids = count(stats, "guid_missing");
        if (badGuids > 0) {
            throw new BadInputException(t.name() + ".guid: " + badGuids + " rows with a null or empty guid");
        }
        for (int i = 0; i < t.columns().size(); i++) {
            Column col = t.columns().get(i);
            long bad = count(stats, "cast_" + i);
            if (bad > 0) {
                throw new BadInputException(t.name() + "." + col.name() + ": " + bad + " values cannot be read as "
                        + col.type() + (isIntegral(col) ? " (whole numbers)" : "") + ", e.g. '" + stats.get("cast_example_" + i) + "'");
            }
            long nonFinite = count(stats, "nonfinite_" + i);
            if (nonFinite > 0) {
                throw new BadInputException(t.name() + "." + col.name() + ": " + nonFinite + " NaN or infinite values");
            }
            long negative = count(stats, "negative_" + i);
            if (negative > 0) {
                throw new BadInputException(t.name() + "." + col.name() + ": " + negative
                        + " negative values in a count or duration, e.g. " + stats.get("negative_example_" + i));
            }
        }
        if (t.deviceTable()) {
            long duplicates = rows - count(stats, "distinct_guids");
            if (duplicates > 0) {
                throw new BadInputException(t.name() + ".guid: " + duplicates
                        + " duplicate guids in a one-row-per-device table, e.g. " + stats.get("duplicate_example"));
            }
        }
        return new Result(mapping, List.copyOf(extra), rows);
    }

    /** The SQL expression that reads contract column {@code col} from the input, cast to the contract type. */
    static String castExpression(Column col, String inputColumn) {
        return "CAST(" + Column.quote(inputColumn) + " AS " + col.type() + ")";
    }

    /**
     * Refuses a file whose header repeats a column, or holds two that differ only in case: DuckDB's names are
     * case-insensitive and it would silently rename one ({@code nrs_1}), so the user would be told about a column
     * their file does not have.
     */
    private static void requireDistinctColumns(Connection c, TableSource source) {
        List<String> written = writtenColumns(c, source);
        Map<String, String> seen = new LinkedHashMap<>();
        for (String name : written) {
            String first = seen.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
            if (first != null) {
                throw new BadInputException(source.table().name() + ": columns '" + first + "' and '" + name + "' in "
                        + source.file().getFileName() + (first.equals(name) ? " repeat one name" : " differ only in case")
                        + " (column names are case-insensitive): rename or drop one");
            }
        }
    }

    /** The column names exactly as the file spells them. */
    private static List<String> writtenColumns(Connection c, TableSource source) {
        if (source.format().equals("csv")) {
            try {
                return CsvShape.header(source.file());
            } catch (java.io.IOException e) {
                throw new BadInputException(source.table().name() + ": cannot read " + source.file() + ": " + e.getMessage(), e);
            }
        }
        List<String> names = new ArrayList<>();
        String sql = "SELECT name FROM parquet_schema(" + Duck.literal(source.file().toString()) + ") WHERE coalesce(num_children, 0) = 0";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw unreadable(source, e);
        }
    }

    private static List<String> inputColumns(Connection c, String view, TableSource source) {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + view)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw unreadable(source, e);
        }
    }

    private static Map<String, String> mapColumns(TableSchema t, List<String> present) {
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, String> aliases = ALIASES.getOrDefault(t.name(), Map.of());
        for (Column col : t.columns()) {
            String alias = aliases.get(col.name());
            if (present.contains(col.name())) {
                mapping.put(col.name(), col.name());
            } else if (alias != null && present.contains(alias)) {
                mapping.put(col.name(), alias);
            } else {
                throw new BadInputException(t.name() + "." + col.name() + ": missing column (the file has " + present + ")");
            }
        }
        return mapping;
    }

    /** One pass computing every count the checks need. */
    private static Map<String, Object> scan(Connection c, String view, TableSource source, Map<String, String> mapping) {
        TableSchema t = source.table();
        List<String> select = new ArrayList<>();
        select.add("count(*) AS rows");
        String guid = Column.quote(mapping.get("guid"));
        select.add("count(*) FILTER (WHERE " + guid + " IS NULL OR trim(CAST(" + guid + " AS VARCHAR)) = '') AS guid_missing");
        for (int i = 0; i < t.columns().size(); i++) {
            Column col = t.columns().get(i);
            String in = Column.quote(mapping.get(col.name()));
            String uncastable = in + " IS NOT NULL AND (TRY_CAST(" + in + " AS " + col.type() + ") IS NULL"
                    + (isIntegral(col) ? " OR TRY_CAST(" + in + " AS DOUBLE) <> floor(TRY_CAST(" + in + " AS DOUBLE))" : "") + ")";
            select.add("count(*) FILTER (WHERE " + uncastable + ") AS cast_" + i);
            select.add("any_value(CAST(" + in + " AS VARCHAR)) FILTER (WHERE " + uncastable + ") AS cast_example_" + i);
            if (col.type().equals("DOUBLE")) {
                String v = "TRY_CAST(" + in + " AS DOUBLE)";
                select.add("count(*) FILTER (WHERE isnan(" + v + ") OR isinf(" + v + ")) AS nonfinite_" + i);
            }
            if (col.nonNegative() && col.isNumeric()) {
                String v = "TRY_CAST(" + in + " AS DOUBLE)";
                select.add("count(*) FILTER (WHERE " + v + " < 0) AS negative_" + i);
                select.add("min(" + v + ") AS negative_example_" + i);
            }
        }
        if (t.deviceTable()) {
            select.add("count(DISTINCT " + guid + ") AS distinct_guids");
            select.add("(SELECT any_value(g) FROM (SELECT " + guid + " AS g FROM " + view + " GROUP BY 1 HAVING count(*) > 1))"
                    + " AS duplicate_example");
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + view;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            Map<String, Object> stats = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                stats.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return stats;
        } catch (SQLException e) {
            throw unreadable(source, e);
        }
    }

    private static long count(Map<String, Object> stats, String key) {
        Object v = stats.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static boolean isIntegral(Column col) {
        return col.type().equals("BIGINT") || col.type().equals("INTEGER");
    }

    static BadInputException unreadable(TableSource source, SQLException e) {
        if (source.format().equals("csv")) {
            // DuckDB reports a ragged file as an undetectable dialect: find the record and say where it is
            try {
                CsvShape.Ragged ragged = CsvShape.firstRagged(source.file());
                if (ragged != null) {
                    return new BadInputException(source.table().name() + ": line " + ragged.line() + " of " + source.file() + " has "
                            + ragged.fields() + " fields, but the header has " + ragged.expected());
                }
            } catch (java.io.IOException ignored) {
                // unreadable as text too (a truncated gzip, say): DuckDB's message below says why
            }
        }
        String message = e.getCause() instanceof SQLException cause ? Duck.message(cause) : Duck.message(e);
        return new BadInputException(source.table().name() + ": cannot read " + source.file() + " (unreadable or truncated "
                + source.format() + "): " + message);
    }
}
