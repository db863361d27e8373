package org.telesynth.sweep;

import org.telesynth.io.Duck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tidy results table of a sweep, one row per cell, declared here once: its columns, their types, and the
 * files it is written to ({@code results.parquet}, {@code results.csv}) and read back from.
 */
public final class SweepResults {
    /** Every column, in order, with its DuckDB type. */
    public static final Map<String, String> COLUMNS = columns(
            "method", "VARCHAR", "epsilon", "DOUBLE", "delta", "DOUBLE", "seed", "BIGINT", "run_id", "VARCHAR",
            "queries", "INTEGER", "passed", "INTEGER", "peer_queries", "INTEGER", "peer_passed", "INTEGER",
            "mean_score", "DOUBLE", "median_normalized_error", "DOUBLE",
            "within_10", "DOUBLE", "within_25", "DOUBLE", "within_50", "DOUBLE",
            "fidelity_mean_tvd", "DOUBLE", "fidelity_floor_mean_tvd", "DOUBLE",
            "relations_held", "INTEGER", "relations_checked", "INTEGER", "structural_zero_percent", "DOUBLE",
            "epsilon_spent", "DOUBLE", "delta_spent", "DOUBLE", "rows_written", "BIGINT",
            "synthesize_seconds", "DOUBLE", "benchmark_seconds", "DOUBLE", "compare_seconds", "DOUBLE",
            "cell_seconds", "DOUBLE", "cpu_seconds", "DOUBLE", "peak_rss_bytes", "BIGINT",
            "passed_queries", "VARCHAR", "relations", "VARCHAR");

    /** The columns that measure the machine, not the release: they differ between two runs of the same cell. */
    public static final Set<String> COST_COLUMNS = Set.of("synthesize_seconds", "benchmark_seconds", "compare_seconds", "cell_seconds",
            "cpu_seconds", "peak_rss_bytes");

    private SweepResults() {
    }

    private static Map<String, String> columns(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Checks that a row has exactly the declared columns (a cell's result.json from another version fails here). */
    static Map<String, Object> checked(Map<String, Object> row) {
        if (!row.keySet().equals(COLUMNS.keySet())) {
            throw new IllegalStateException("a sweep result row has columns " + row.keySet() + ", not " + COLUMNS.keySet());
        }
        return row;
    }

    /** Writes the rows to results.parquet and results.csv in {@code dir}, each atomically. */
    public static void write(List<Map<String, Object>> rows, Path parquet, Path csv) {
        Connection c = Duck.open();
        try (c) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE results (");
            COLUMNS.forEach((k, v) -> ddl.append(k).append(' ').append(v).append(", "));
            Duck.exec(c, ddl.substring(0, ddl.length() - 2) + ")");
            try (var ps = c.prepareStatement("INSERT INTO results VALUES (" + "?, ".repeat(COLUMNS.size() - 1) + "?)")) {
                for (Map<String, Object> row : rows) {
                    int i = 1;
                    for (String k : COLUMNS.keySet()) {
                        ps.setObject(i++, checked(row).get(k));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            String order = "SELECT * FROM results ORDER BY method, epsilon, seed";
            copy(c, order, parquet, "(FORMAT PARQUET)");
            copy(c, order, csv, "(HEADER, DELIMITER ',')");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the sweep results: " + Duck.message(e), e);
        }
    }

    private static void copy(Connection c, String query, Path file, String options) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Duck.exec(c, "COPY (" + query + ") TO " + Duck.literal(tmp.toString()) + " " + options);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The rows of a results.parquet, in its order, each with every declared column. */
    public static List<Map<String, Object>> read(Path parquet) {
        Connection c = Duck.open();
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM read_parquet(" + Duck.literal(parquet.toString()) + ")")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(checked(row));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + parquet + ": " + Duck.message(e), e);
        }
    }
}
