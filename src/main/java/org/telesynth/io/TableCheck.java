package org.telesynth.io;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.engine.DuckEngine;
import org.telesynth.engine.SqlEngine;
import org.telesynth.schema.Column;
import org.telesynth.schema.TableSchema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates one input table against the contract in a single scan and lists every problem found, each in one
 * phrase naming the table and the column. Checks: the file can be read (a ragged CSV record is named by its line),
 * no two columns share a name up to case, a device table has rows (an empty child table is warned about and
 * loaded), every contract column is there (extra columns are warned about and dropped), guids are present, every
 * value casts to the contract type (whole numbers for integer columns), no NaN or infinity, no negative count or
 * duration, and one row per device in the device tables. A row-level problem names its first failing row: the line
 * for CSV, the data row (1-based) for Parquet; on an engine without a file order (Spark), a bad value. A file that
 * cannot be read, or whose columns clash, is one problem and nothing more of it is checked. Orphan guids are the
 * loader's business, since they need the device table. The SQL is the portable subset both engines run.
 */
final class TableCheck {
    /** Accepted spellings of contract columns in input files: the frgnd extract names {@code dt} {@code date}. */
    private static final Map<String, Map<String, String>> ALIASES = Map.of(
            "system_frgnd_apps_types", Map.of("dt", "date"));

    private TableCheck() {
    }

    /**
     * @param mapping  for each contract column present, the input column that holds it (its own name or an
     *                 accepted alias); complete when {@code problems} is empty
     * @param dropped  input columns the contract does not know
     * @param rows     input rows
     * @param problems what is wrong with the table, one phrase each; empty when it passed
     */
    record Result(Map<String, String> mapping, List<String> dropped, long rows, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    /**
     * One row-level check: the rows where {@code condition} holds are bad. {@code value} is the SQL of what the
     * message shows of the first bad row (null: nothing), {@code phrase} says what is wrong given the count.
     */
    private record RowCheck(String key, String condition, String value, java.util.function.LongFunction<String> phrase) {
    }

    static Result run(SqlEngine c, String view, TableSource source, Progress progress) {
        TableSchema t = source.table();
        List<String> present;
        try {
            requireDistinctColumns(c, source);
            present = inputColumns(c, view, source);
        } catch (BadInputException e) {
            return new Result(Map.of(), List.of(), 0, List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> mapping = mapColumns(t, present, problems);
        List<String> extra = new ArrayList<>(present);
        extra.removeAll(mapping.values());
        if (!extra.isEmpty()) {
            progress.warn(t.name() + ": dropping unknown columns " + extra);
        }
        List<RowCheck> checks = rowChecks(t, mapping);
        Map<String, Object> stats;
        try {
            stats = scan(c, view, source, mapping, checks);
        } catch (BadInputException e) {
            // unreadable past its header: nothing more of it can be checked (the loader's orphan count included)
            problems.add(e.getMessage());
            return new Result(Map.of(), List.copyOf(extra), 0, List.copyOf(problems));
        }
        long rows = ((Number) stats.get("rows")).longValue();
        if (rows == 0 && t.deviceTable()) {
            problems.add(t.name() + ": empty table (0 rows in " + source.fileName() + ")");
        }
        if (rows == 0 && !t.deviceTable()) {
            // a real export can have a table no device reported in the window; the release models it as absent
            progress.warn(t.name() + ": empty table (0 rows in " + source.fileName() + "): loaded as no device having rows");
        }
        List<RowCheck> failed = checks.stream().filter(k -> count(stats, k.key()) > 0).toList();
        Map<String, String> firsts = firstFailures(c, view, source, failed);
        for (RowCheck k : failed) {
            problems.add(k.phrase().apply(count(stats, k.key())) + firsts.get(k.key()));
        }
        if (t.deviceTable() && mapping.containsKey("guid")) {
            long duplicates = rows - count(stats, "distinct_guids");
            if (duplicates > 0) {
                problems.add(t.name() + ".guid: " + duplicates + " duplicate guids in a one-row-per-device table, e.g. "
                        + stats.get("duplicate_example"));
            }
        }
        return new Result(mapping, List.copyOf(extra), rows, List.copyOf(problems));
    }

    /** The row-level checks of the contract columns present, in contract order (guid first). */
    private static List<RowCheck> rowChecks(TableSchema t, Map<String, String> mapping) {
        List<RowCheck> checks = new ArrayList<>();
        if (mapping.containsKey("guid")) {
            String guid = Column.quote(mapping.get("guid"));
            checks.add(new RowCheck("guid_missing", guid + " IS NULL OR trim(CAST(" + guid + " AS STRING)) = ''", null,
                    n -> t.name() + ".guid: " + n + " rows with a null or empty guid"));
        }
        for (int i = 0; i < t.columns().size(); i++) {
            Column col = t.columns().get(i);
            if (!mapping.containsKey(col.name())) {
                continue;
            }
            String in = Column.quote(mapping.get(col.name()));
            String label = t.name() + "." + col.name() + ": ";
            checks.add(new RowCheck("cast_" + i, in + " IS NOT NULL AND (TRY_CAST(" + in + " AS " + portable(col) + ") IS NULL"
                    + (isIntegral(col) ? " OR TRY_CAST(" + in + " AS DOUBLE) <> floor(TRY_CAST(" + in + " AS DOUBLE))" : "") + ")",
                    "CAST(" + in + " AS STRING)",
                    n -> label + n + " values cannot be read as " + col.type() + (isIntegral(col) ? " (whole numbers)" : "")));
            String v = "TRY_CAST(" + in + " AS DOUBLE)";
            if (col.type().equals("DOUBLE")) {
                checks.add(new RowCheck("nonfinite_" + i, "isnan(" + v + ") OR abs(" + v + ") = CAST('Infinity' AS DOUBLE)", null,
                        n -> label + n + " NaN or infinite values"));
            }
            if (col.nonNegative() && col.isNumeric()) {
                checks.add(new RowCheck("negative_" + i, v + " < 0", "CAST(" + v + " AS STRING)",
                        n -> label + n + " negative values in a count or duration"));
            }
        }
        return checks;
    }

    /** The SQL expression that reads contract column {@code col} from the input, cast to the contract type. */
    static String castExpression(Column col, String inputColumn) {
        return "CAST(" + Column.quote(inputColumn) + " AS " + portable(col) + ")";
    }

    /** The contract type as both engines spell it: STRING for text (DuckDB's alias of VARCHAR; Spark's VARCHAR needs a length). */
    static String portable(Column col) {
        return col.type().equals("VARCHAR") ? "STRING" : col.type();
    }

    /**
     * Refuses a file whose header repeats a column, or holds two that differ only in case: DuckDB's names are
     * case-insensitive and it would silently rename one ({@code nrs_1}), so the user would be told about a column
     * their file does not have.
     */
    private static void requireDistinctColumns(SqlEngine c, TableSource source) {
        List<String> written = writtenColumns(c, source);
        Map<String, String> seen = new LinkedHashMap<>();
        for (String name : written) {
            String first = seen.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
            if (first != null) {
                throw new BadInputException(source.table().name() + ": columns '" + first + "' and '" + name + "' in "
                        + source.fileName() + (first.equals(name) ? " repeat one name" : " differ only in case")
                        + " (column names are case-insensitive): rename or drop one");
            }
        }
    }

    /**
     * The column names exactly as the file spells them: a CSV header as written, a Parquet schema as DuckDB reads it
     * from the footer. None (nothing to compare) on Spark and for a file elsewhere: Spark's reader refuses a file whose
     * names clash itself, in its words (columns are case-insensitive there too).
     */
    private static List<String> writtenColumns(SqlEngine c, TableSource source) {
        java.nio.file.Path local = source.localFile();
        if (source.format().equals("csv") && local != null) {
            try {
                return CsvShape.header(local);
            } catch (java.io.IOException e) {
                throw new BadInputException(source.table().name() + ": cannot read " + source.location() + ": " + e.getMessage(), e);
            }
        }
        if (!(c instanceof DuckEngine duck) || local == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        String sql = "SELECT name FROM parquet_schema(" + Duck.literal(source.location()) + ") WHERE coalesce(num_children, 0) = 0";
        try (Statement s = duck.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw unreadable(source, new IllegalStateException(Duck.message(e), e));
        }
    }

    private static List<String> inputColumns(SqlEngine c, String view, TableSource source) {
        try {
            return c.columns(view);
        } catch (IllegalStateException e) {
            throw unreadable(source, e);
        }
    }

    /** The contract columns present and where they are; a missing one is a problem (every one, not the first). */
    private static Map<String, String> mapColumns(TableSchema t, List<String> present, List<String> problems) {
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, String> aliases = ALIASES.getOrDefault(t.name(), Map.of());
        for (Column col : t.columns()) {
            String alias = aliases.get(col.name());
            if (present.contains(col.name())) {
                mapping.put(col.name(), col.name());
            } else if (alias != null && present.contains(alias)) {
                mapping.put(col.name(), alias);
            } else {
                problems.add(t.name() + "." + col.name() + ": missing column (the file has " + present + ")");
            }
        }
        return mapping;
    }

    /** One pass computing every count the checks need. */
    private static Map<String, Object> scan(SqlEngine c, String view, TableSource source, Map<String, String> mapping,
                                            List<RowCheck> checks) {
        TableSchema t = source.table();
        List<String> select = new ArrayList<>();
        select.add("count(*) AS rows");
        for (RowCheck k : checks) {
            select.add("count(*) FILTER (WHERE " + k.condition() + ") AS " + k.key());
        }
        if (t.deviceTable() && mapping.containsKey("guid")) {
            String guid = Column.quote(mapping.get("guid"));
            select.add("count(DISTINCT " + guid + ") AS distinct_guids");
            select.add("(SELECT any_value(g) FROM (SELECT " + guid + " AS g FROM " + view + " GROUP BY 1 HAVING count(*) > 1))"
                    + " AS duplicate_example");
        }
        return queryRow(c, "SELECT " + String.join(", ", select) + " FROM " + view, source);
    }

    /**
     * For each failed check, where its first bad row is and what it holds, as the end of its message (", first 'x'
     * at line 7"). A second scan, run only when something failed, so a good load pays nothing for it: the row
     * number is the engine's {@link SqlEngine#fileRowNumber()} (DuckDB's streaming window in the file's order), and
     * for a local CSV the record is turned into its line by reading the file. An engine without a file order shows
     * the smallest bad value instead (", e.g. 'x'").
     */
    private static Map<String, String> firstFailures(SqlEngine c, String view, TableSource source, List<RowCheck> failed) {
        if (failed.isEmpty()) {
            return Map.of();
        }
        String rowNumber = c.fileRowNumber();
        List<String> select = new ArrayList<>();
        for (RowCheck k : failed) {
            if (rowNumber != null) {
                select.add("min(rn) FILTER (WHERE " + k.condition() + ") AS " + k.key() + "_row");
            }
            if (k.value() != null) {
                select.add((rowNumber != null ? "min_by(" + k.value() + ", rn)" : "min(" + k.value() + ")")
                        + " FILTER (WHERE " + k.condition() + ") AS " + k.key() + "_value");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (select.isEmpty()) {
            failed.forEach(k -> out.put(k.key(), ""));
            return out;
        }
        Map<String, Object> first = queryRow(c, "SELECT " + String.join(", ", select) + " FROM "
                + (rowNumber != null ? "(SELECT " + rowNumber + " AS rn, * FROM " + view + ")" : view), source);
        Map<Long, Long> lines = Map.of();
        if (rowNumber != null && source.format().equals("csv") && source.localFile() != null) {
            List<Long> records = failed.stream().map(k -> count(first, k.key() + "_row")).toList();
            try {
                lines = CsvShape.linesOf(source.localFile(), records);
            } catch (java.io.IOException e) {
                lines = Map.of(); // DuckDB read it a moment ago; without lines the data rows are named instead
            }
        }
        for (RowCheck k : failed) {
            Object value = first.get(k.key() + "_value");
            String shown = k.value() == null ? "" : k.key().startsWith("cast_") ? " '" + value + "'" : " " + value;
            if (rowNumber == null) {
                out.put(k.key(), shown.isEmpty() ? "" : ", e.g." + shown);
                continue;
            }
            long row = count(first, k.key() + "_row");
            Long line = lines.get(row);
            String where = line != null ? "line " + line : "row " + row;
            out.put(k.key(), ", first" + shown + " at " + where);
        }
        return out;
    }

    private static Map<String, Object> queryRow(SqlEngine c, String sql, TableSource source) {
        try {
            return c.row(sql);
        } catch (IllegalStateException e) {
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

    /** The one-line problem of a file the engine cannot read; {@code e}'s message is the engine's, on one line. */
    static BadInputException unreadable(TableSource source, RuntimeException e) {
        if (source.format().equals("csv") && source.localFile() != null) {
            // DuckDB reports a ragged file as an undetectable dialect: find the record and say where it is
            try {
                CsvShape.Ragged ragged = CsvShape.firstRagged(source.localFile());
                if (ragged != null) {
                    return new BadInputException(source.table().name() + ": line " + ragged.line() + " of " + source.location() + " has "
                            + ragged.fields() + " fields, but the header has " + ragged.expected());
                }
            } catch (java.io.IOException ignored) {
                // unreadable as text too (a truncated gzip, say): the engine's message below says why
            }
        }
        return new BadInputException(source.table().name() + ": cannot read " + source.location() + " (unreadable or truncated "
                + source.format() + "): " + e.getMessage());
    }
}
