package org.telesynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Opens embedded DuckDB connections with the settings every stage wants: a bounded thread count and memory
 * limit, and a spill directory so that large sorts go to disk instead of the heap.
 */
public final class Duck {
    private Duck() {
    }

    /** An in-memory database. {@code threads <= 0} keeps DuckDB's default (all cores). */
    public static Connection open(int threads, String memoryLimit, Path spillDir) {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                if (threads > 0) {
                    s.execute("SET threads = " + threads);
                }
                if (memoryLimit != null) {
                    s.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
                }
                if (spillDir != null) {
                    Files.createDirectories(spillDir);
                    s.execute("SET temp_directory = " + literal(spillDir.toString()));
                }
                s.execute("SET preserve_insertion_order = true");
                s.execute("SET enable_progress_bar = false");
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Connection open() {
        return open(0, null, null);
    }

    /**
     * DuckDB's own message for a failed statement on one line. The JDBC driver wraps errors that happen while a
     * result is fetched in a generic "unsuccessful or closed pending query result" line; the real cause follows it.
     */
    private static final List<String> TAILS = List.of(" LINE 1:", " The search space", " Possible fixes:");

    public static String message(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int real = m.indexOf("Error: ", m.indexOf("pending query result") + 1);
        if (m.contains("pending query result") && real >= 0) {
            m = m.substring(real + "Error: ".length());
        }
        m = m.replaceAll("\\s*\\R\\s*", " ").strip();
        for (String tail : TAILS) {
            int at = m.indexOf(tail);
            if (at > 0) {
                m = m.substring(0, at).strip();
            }
        }
        return m;
    }

    /** A SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static void exec(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(message(e), e);
        }
    }

    /** Runs a statement the user's input shaped (bad input when DuckDB refuses it) and returns its row count. */
    public static long update(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return Math.max(0, s.getUpdateCount());
        } catch (SQLException e) {
            throw new org.telesynth.BadInputException(message(e), e);
        }
    }

    public static long queryLong(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(message(e), e);
        }
    }

    public static double queryDouble(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        } catch (SQLException e) {
            throw new IllegalStateException(message(e), e);
        }
    }

    /** A SQL VARCHAR[] literal of the given strings. */
    public static String textList(java.util.List<String> values) {
        return "[" + String.join(", ", values.stream().map(Duck::literal).toList()) + "]::VARCHAR[]";
    }

    /** The one LIST value a query returns (e.g. {@code SELECT list(x ORDER BY guid) FROM t}), as ints. */
    public static int[] queryIntList(Connection c, String sql) {
        Object[] v = queryList(c, sql);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = ((Number) v[i]).intValue();
        }
        return out;
    }

    /** The one LIST value a query returns, as doubles. */
    public static double[] queryDoubleList(Connection c, String sql) {
        Object[] v = queryList(c, sql);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = ((Number) v[i]).doubleValue();
        }
        return out;
    }

    private static Object[] queryList(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getArray(1) == null ? new Object[0] : (Object[]) rs.getArray(1).getArray();
        } catch (SQLException e) {
            throw new IllegalStateException(message(e), e);
        }
    }

    /** COPY a query to a ZSTD Parquet file (written by DuckDB; callers handle atomic placement). */
    public static void copyToParquet(Connection c, String query, Path file) {
        copyToParquet(c, query, file, java.util.Map.of());
    }

    /** As {@link #copyToParquet(Connection, String, Path)}, with {@code footer} as the file's key-value metadata (none when empty). */
    public static void copyToParquet(Connection c, String query, Path file, java.util.Map<String, String> footer) {
        exec(c, "COPY (" + query + ") TO " + literal(file.toString()) + " (FORMAT parquet, COMPRESSION zstd"
                + (footer.isEmpty() ? "" : ", " + kvMetadata(footer)) + ")");
    }

    /** The {@code KV_METADATA} option of a Parquet COPY: the footer's key-value pairs, as text, in the map's order. */
    public static String kvMetadata(java.util.Map<String, String> kv) {
        List<String> fields = new java.util.ArrayList<>();
        kv.forEach((k, v) -> fields.add(literal(k) + ": " + literal(v)));
        return "KV_METADATA {" + String.join(", ", fields) + "}";
    }

    /** The key-value metadata in a Parquet file's footer, decoded as UTF-8, in footer order; empty when it has none. */
    public static java.util.Map<String, String> parquetKvMetadata(Connection c, Path file) {
        java.util.Map<String, String> kv = new java.util.LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT key, value FROM parquet_kv_metadata(" + literal(file.toString()) + ")")) {
            while (rs.next()) {
                kv.put(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8),
                        new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(message(e), e);
        }
        return kv;
    }

    public static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException(message(e), e);
        }
    }
}
