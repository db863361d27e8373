package org.telesynth.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An SQL engine for the private-side stages: views over Parquet inputs, queries written to one Parquet file each.
 * Every statement given to it is in the portable subset both engines accept (docs/spark.md#portable-sql): double
 * quoted identifiers, {@code CAST(x AS T)} with T among STRING, BIGINT, INTEGER, DOUBLE, DATE, TIMESTAMP, window
 * functions in subqueries rather than QUALIFY, {@code md5} for keyed hashes, and the few functions whose spelling
 * differs taken from the engine ({@link #epochMicros}, {@link #daysSince}).
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

    /**
     * A view named {@code name} over an input table at {@code location}: a local path or, on Spark, any Hadoop URI
     * ({@code hdfs://}, {@code s3a://}, {@code file:}). {@code format} is {@code parquet} or {@code csv}; a CSV file
     * (gzipped or not) has a header and is read as text, so that every cast and its failure are the caller's.
     */
    void input(String name, String location, String format);

    /** Whether {@code location} (a local path, or a Hadoop URI on Spark) is a file, or on Spark a folder of part files. */
    boolean holds(String location);

    /** Whether {@code location} is a folder the engine can read. */
    boolean isFolder(String location);

    /** A table named {@code name} holding the rows of {@code sql}, computed once (a temporary table, a cached view). */
    void table(String name, String sql);

    /** The column names of the relation {@code relation} (a view or a parenthesised query), in order. */
    List<String> columns(String relation);

    /** The first row of {@code sql}, each value by its column's label; empty when there is none. */
    Map<String, Object> row(String sql);

    /**
     * The window expression that numbers an input view's rows in the file's order, or null when the engine has no
     * such order (Spark reads splits in parallel): a bad row is then shown by its value, not its place.
     */
    String fileRowNumber();

    /**
     * The rows of {@code sql}, each value as text (SQL NULL as null, a count as its digits): for the small results of
     * aggregate queries (a histogram's cells, a group's counts), which are all that reaches the driver.
     */
    List<String[]> rows(String sql);

    /**
     * A select list that turns each input row into one row per expression of {@code values}: its position in the
     * list ({@code pos}, from 0) and its value ({@code v}); all values of one type. Many small tables counted in one
     * scan (group by pos, v) without grouping sets, whose rows carry every grouped column.
     */
    String positions(List<String> values);

    /** The whole days from {@code DATE 'start'} (ISO, public) to the DATE or TIMESTAMP expression {@code x}. */
    String daysSince(String start, String x);

    /** The single BIGINT of {@code sql}. */
    long queryLong(String sql);

    /** {@code text} as a string literal (DuckDB doubles a quote; Spark's literals take backslash escapes). */
    String literal(String text);

    /** Microseconds since the epoch of the TIMESTAMP expression {@code x} (a keyed hash's input). */
    String epochMicros(String x);

    @Override
    void close();
}
