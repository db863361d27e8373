package org.telesynth.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.telesynth.engine.Engines;
import org.telesynth.engine.SqlEngine;
import org.telesynth.io.StagedOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The portable SQL of {@link SqlEngine} on a Spark session. The session is set so that the SQL means what it means
 * on DuckDB: ANSI mode with double-quoted identifiers, TIMESTAMP without a time zone (DuckDB's TIMESTAMP, as its
 * Parquet files store it), UTC, ZSTD Parquet. A query's result is written as one Parquet file: the sorted result
 * coalesced to one partition, so the upstream work stays parallel and only the final write is a single task, and
 * only row counts come back to the driver.
 */
public final class SparkEngine implements SqlEngine {
    private final SparkSession spark;
    private final Path scratch;
    private int written;

    /** A session on {@code master} ({@code local[*]}, {@code spark://host:7077}, {@code yarn}), its local files under {@code scratch}. */
    public SparkEngine(String master, Path scratch) {
        this.scratch = scratch;
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        SparkSession.Builder builder = SparkSession.builder().appName("telesynth").master(master);
        if (master.startsWith("local")) {
            // local mode talks to itself: on the loopback, whatever address the host name resolves to
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    // one JVM: the device profile's per-table summaries (a row per device) join by hash, not by
                    // shuffling and sorting both sides dozens of times over
                    .config("spark.sql.autoBroadcastJoinThreshold", String.valueOf(256L << 20))
                    .config("spark.sql.adaptive.autoBroadcastJoinThreshold", String.valueOf(256L << 20));
        }
        this.spark = builder
                .config("spark.ui.enabled", "false")
                .config("spark.sql.ansi.enabled", "true")
                .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
                .config("spark.sql.timestampType", "TIMESTAMP_NTZ")
                .config("spark.sql.parquet.inferTimestampNTZ.enabled", "true")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.compression.codec", "zstd")
                // the device profile is one row of ~400 columns per device built by a chain of joins: whole-stage
                // code generation (off past 100 fields by default) fuses the chain instead of copying each wide
                // row once per join
                .config("spark.sql.codegen.maxFields", "4000")
                .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 4 * cores)))
                .config("spark.local.dir", scratch.resolve("local").toString())
                .config("spark.sql.warehouse.dir", scratch.resolve("warehouse").toUri().toString())
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @Override
    public String name() {
        return Engines.SPARK;
    }

    @Override
    public void view(String name, Path file) {
        spark.read().parquet(file.toAbsolutePath().toString()).createOrReplaceTempView(name);
    }

    @Override
    public void viewOf(String name, String sql) {
        spark.sql(sql).createOrReplaceTempView(name);
    }

    @Override
    public long write(String sql, Path file) {
        Path dir = scratch.resolve("write-" + (written++));
        Dataset<Row> rows = spark.sql(sql);
        rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toAbsolutePath().toString());
        try (Stream<Path> parts = Files.list(dir)) {
            List<Path> files = parts.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(".parquet")).toList();
            if (files.size() != 1) {
                throw new IllegalStateException("Spark wrote " + files.size() + " part files for " + file + ", not 1");
            }
            Files.move(files.get(0), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move Spark's output to " + file, e);
        }
        StagedOutput.deleteTree(dir);
        return spark.read().parquet(file.toAbsolutePath().toString()).count();
    }

    @Override
    public void input(String name, String location, String format) {
        oneLine(() -> {
            if (format.equals("parquet")) {
                spark.read().parquet(location).createOrReplaceTempView(name);
            } else {
                // all columns as text (no schema inference), a ragged record an error rather than a row of nulls
                spark.read().option("header", "true").option("mode", "FAILFAST").option("quote", "\"").option("escape", "\"")
                        .csv(location).createOrReplaceTempView(name);
            }
            return null;
        });
    }

    @Override
    public boolean holds(String location) {
        // Spark writes a table as a folder of part files: such a folder holds the table as a file would
        return status(location) != null;
    }

    @Override
    public boolean isFolder(String location) {
        org.apache.hadoop.fs.FileStatus status = status(location);
        return status != null && status.isDirectory();
    }

    /** What the location's Hadoop file system knows of it, or null when nothing is there. */
    private org.apache.hadoop.fs.FileStatus status(String location) {
        return oneLine(() -> {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            try {
                org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
                return fs.exists(p) ? fs.getFileStatus(p) : null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach " + location + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void table(String name, String sql) {
        oneLine(() -> {
            Dataset<Row> rows = spark.sql(sql).cache();
            rows.count(); // computed once, here
            rows.createOrReplaceTempView(name);
            return null;
        });
    }

    @Override
    public List<String> columns(String relation) {
        return oneLine(() -> Arrays.asList(spark.sql("SELECT * FROM " + relation).columns()));
    }

    @Override
    public Map<String, Object> row(String sql) {
        return oneLine(() -> {
            Dataset<Row> rows = spark.sql(sql);
            Map<String, Object> out = new LinkedHashMap<>();
            List<Row> first = rows.takeAsList(1);
            if (!first.isEmpty()) {
                String[] names = rows.columns();
                for (int i = 0; i < names.length; i++) {
                    out.put(names[i], first.get(0).get(i));
                }
            }
            return out;
        });
    }

    @Override
    public String fileRowNumber() {
        return null; // splits are read in parallel: no row has a place in the file that SQL could see
    }

    /** Runs {@code work}, turning Spark's multi-line errors into one line (its first), as DuckDB's are. */
    private static <T> T oneLine(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            m = m.replaceAll("(?s)\\s*\\R.*", "").replaceAll("SQLSTATE: \\w+", "").strip();
            throw new IllegalStateException(m, e);
        }
    }

    @Override
    public List<String[]> rows(String sql) {
        return oneLine(() -> {
            List<Row> rows = spark.sql(sql).collectAsList();
            List<String[]> out = new java.util.ArrayList<>(rows.size());
            for (Row r : rows) {
                String[] row = new String[r.length()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.isNullAt(i) ? null : String.valueOf(r.get(i));
                }
                out.add(row);
            }
            return out;
        });
    }

    @Override
    public String positions(List<String> values) {
        return "posexplode(array(" + String.join(", ", values) + ")) AS (pos, v)";
    }

    @Override
    public String daysSince(String start, String x) {
        // datediff(end, start) counts the days between the dates (a TIMESTAMP taken at its date, as DuckDB's date_diff)
        return "datediff(CAST(" + x + " AS DATE), DATE '" + start + "')";
    }

    @Override
    public long queryLong(String sql) {
        Row r = spark.sql(sql).first();
        return r.isNullAt(0) ? 0 : ((Number) r.get(0)).longValue();
    }

    @Override
    public String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String epochMicros(String x) {
        return "unix_micros(CAST(" + x + " AS TIMESTAMP_LTZ))";
    }

    @Override
    public void close() {
        spark.stop();
    }
}
