package org.telesynth.engine;

import java.nio.file.Path;

/**
 * An SQL engine for the private-side stages: views over Parquet inputs, queries written to one Parquet file each.
 * Every statement given to it is in the portable subset both engines accept (docs/spark.md#portable-sql): double
 * quoted identifiers, {@code CAST(x AS T)} with T among STRING, BIGINT, INTEGER, DOUBLE, DATE, TIMESTAMP, window
 * functions in subqueries rather than QUALIFY, {@code md5} for keyed hashes, and the few functions whose spelling
 * differs taken from the engine ({@link #epochMicros}).
 */
public interface SqlEngine extends AutoCloseable {
    /** The engine's name, as {@code --engine} takes it and manifests record it. */
    String name();

    /** A view named {@code name} over the Parquet file {@code file}. */
    void view(String name, Path file);

    /** A view named {@code name} over the query {@code sql}. */
    void viewOf(String name, String sql);

    /** Writes the rows of {@code sql} to the single Parquet file {@code file} in the query's order; returns the rows written. */
    long write(String sql, Path file);

    /** The single BIGINT of {@code sql}. */
    long queryLong(String sql);

    /** {@code text} as a string literal (DuckDB doubles a quote; Spark's literals take backslash escapes). */
    String literal(String text);

    /** Microseconds since the epoch of the TIMESTAMP expression {@code x} (a keyed hash's input). */
    String epochMicros(String x);

    @Override
    void close();
}
