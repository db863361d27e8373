package org.telesynth.engine;

import org.telesynth.io.Duck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The embedded engine: one DuckDB connection, spilling to a scratch folder. */
public final class DuckEngine implements SqlEngine {
    private final Connection c;
    /** Whether {@link #close} closes the connection (false for one the caller lent). */
    private final boolean owned;

    public DuckEngine(String memoryLimit, Path spill) {
        this(Duck.open(0, memoryLimit, spill), true);
    }

    private DuckEngine(Connection c, boolean owned) {
        this.c = c;
        this.owned = owned;
    }

    /** The engine over a connection the caller keeps (and closes): closing the engine leaves it open. */
    public static DuckEngine over(Connection c) {
        return new DuckEngine(c, false);
    }

    @Override
    public String name() {
        return Engines.DUCKDB;
    }

    @Override
    public void view(String name, Path file) {
        Duck.exec(c, "CREATE OR REPLACE VIEW \"" + name + "\" AS SELECT * FROM read_parquet(" + Duck.literal(file.toString()) + ")");
    }

    @Override
    public void viewOf(String name, String sql) {
        Duck.exec(c, "CREATE OR REPLACE VIEW \"" + name + "\" AS " + sql);
    }

    @Override
    public long write(String sql, Path file) {
        Duck.copyToParquet(c, sql, file);
        return Duck.queryLong(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(file.toString()) + ")");
    }

    @Override
    public void input(String name, String location, String format) {
        String path = Duck.literal(location);
        Duck.exec(c, "CREATE OR REPLACE TEMP VIEW \"" + name + "\" AS SELECT * FROM " + (format.equals("parquet")
                ? "read_parquet(" + path + ")"
                : "read_csv(" + path + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')"));
    }

    @Override
    public boolean holds(String location) {
        return Files.isRegularFile(Path.of(location));
    }

    @Override
    public boolean isFolder(String location) {
        return Files.isDirectory(Path.of(location));
    }

    @Override
    public void table(String name, String sql) {
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE \"" + name + "\" AS " + sql);
    }

    @Override
    public List<String> columns(String relation) {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    @Override
    public Map<String, Object> row(String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    @Override
    public String fileRowNumber() {
        // a streaming window in the file's order: the connection preserves insertion order
        return "row_number() OVER ()";
    }

    /** The connection, for what only DuckDB does (a Parquet file's schema as written, say). */
    public Connection connection() {
        return c;
    }

    @Override
    public List<String[]> rows(String sql) {
        List<String[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    @Override
    public String positions(List<String> values) {
        // two unnests in one select list are zipped, position by position
        return "unnest(generate_series(0, " + (values.size() - 1) + ")) AS pos, unnest([" + String.join(", ", values) + "]) AS v";
    }

    @Override
    public String daysSince(String start, String x) {
        return "date_diff('day', DATE '" + start + "', " + x + ")";
    }

    @Override
    public long queryLong(String sql) {
        return Duck.queryLong(c, sql);
    }

    @Override
    public String literal(String text) {
        return Duck.literal(text);
    }

    @Override
    public String epochMicros(String x) {
        return "epoch_us(" + x + ")";
    }

    @Override
    public void close() {
        if (owned) {
            Duck.close(c);
        }
    }
}
