package org.telesynth.engine;

import org.telesynth.BadInputException;

import java.nio.file.Path;
import java.util.List;

/**
 * The engines {@code --engine} names. {@code duckdb}, embedded, is the default; {@code spark} runs the same SQL on
 * Apache Spark ({@code --spark-master local[*]}, a standalone master or yarn) and exists only in a build made with
 * {@code -Pspark}, which scripts/telesynth makes the first time a command asks for it (docs/spark.md).
 */
public final class Engines {
    public static final String DUCKDB = "duckdb";
    public static final String SPARK = "spark";
    public static final List<String> NAMES = List.of(DUCKDB, SPARK);
    /** The Spark engine's class, compiled from src/spark/java under -Pspark only. */
    static final String SPARK_CLASS = "org.telesynth.spark.SparkEngine";

    private Engines() {
    }

    /** Bad input unless this build can open the named engine (Spark only in a -Pspark build): a check before any charge. */
    public static void requireAvailable(String name) {
        if (name.equals(SPARK)) {
            try {
                Class.forName(SPARK_CLASS);
            } catch (ClassNotFoundException e) {
                throw noSpark();
            }
        }
    }

    private static BadInputException noSpark() {
        return new BadInputException("--engine spark: this build has no Spark engine; build it with mvn -Pspark package"
                + " (scripts/telesynth does so by itself when a command asks for --engine spark; docs/spark.md)");
    }

    /**
     * Opens the named engine, spilling (DuckDB) or keeping its local files (Spark) under {@code scratch}.
     *
     * @param master Spark's master URL (null: {@code local[*]}); DuckDB takes none
     */
    public static SqlEngine open(String name, String master, String memoryLimit, Path scratch) {
        if (name == null || name.equals(DUCKDB)) {
            if (master != null) {
                throw new BadInputException("--spark-master goes with --engine spark");
            }
            return new DuckEngine(memoryLimit, scratch);
        }
        if (!name.equals(SPARK)) {
            throw new BadInputException("--engine must be one of " + String.join(", ", NAMES) + ", not " + name);
        }
        Class<?> type;
        try {
            type = Class.forName(SPARK_CLASS);
        } catch (ClassNotFoundException e) {
            throw noSpark();
        }
        try {
            return (SqlEngine) type.getConstructor(String.class, Path.class).newInstance(master == null ? "local[*]" : master, scratch);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start Spark: " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start Spark: " + e.getMessage(), e);
        }
    }
}
