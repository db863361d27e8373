package org.telesynth.engine;

import org.telesynth.io.Duck;

import java.nio.file.Path;
import java.sql.Connection;

/** The embedded engine: one DuckDB connection, spilling to a scratch folder. */
public final class DuckEngine implements SqlEngine {
    private final Connection c;

    public DuckEngine(String memoryLimit, Path spill) {
        this.c = Duck.open(0, memoryLimit, spill);
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
        Duck.close(c);
    }
}
