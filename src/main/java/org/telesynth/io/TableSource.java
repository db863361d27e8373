package org.telesynth.io;

import org.telesynth.BadInputException;
import org.telesynth.engine.SqlEngine;
import org.telesynth.schema.TableSchema;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one input table lives ({@code <table>.parquet}, {@code <table>.csv} or {@code <table>.csv.gz}) as the engine
 * reading it sees it: a local path, or on Spark any Hadoop URI. CSV is read as text throughout, so that every
 * cast, and every cast failure, is ours to report with the table and column it concerns.
 *
 * @param table    the contract table
 * @param location the input file (on Spark also a folder of part files)
 * @param format   {@code parquet} or {@code csv}
 */
public record TableSource(TableSchema table, String location, String format) {

    private static final List<String> SUFFIXES = List.of(".parquet", ".csv", ".csv.gz");

    /** The one file for {@code table} in {@code dir}; none or several is bad input. */
    public static TableSource find(SqlEngine engine, String dir, TableSchema table) {
        TableSource source = findIfPresent(engine, dir, table);
        if (source == null) {
            throw new BadInputException(table.name() + ": missing required table (no " + table.name()
                    + ".parquet, .csv or .csv.gz in " + dir + ")");
        }
        return source;
    }

    /** The one file for {@code table} in {@code dir}, or null when there is none; several is bad input. */
    public static TableSource findIfPresent(SqlEngine engine, String dir, TableSchema table) {
        List<String> found = new ArrayList<>();
        for (String suffix : SUFFIXES) {
            String p = child(dir, table.name() + suffix);
            if (engine.holds(p)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() > 1) {
            throw new BadInputException(table.name() + ": several input files for one table, keep one of " + found);
        }
        String file = found.get(0);
        return new TableSource(table, file, file.endsWith(".parquet") ? "parquet" : "csv");
    }

    /** {@code name} inside the folder {@code dir}, a local path or a URI. */
    static String child(String dir, String name) {
        return isLocal(dir) && !dir.startsWith("file:") ? Path.of(dir).resolve(name).toString()
                : dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Whether {@code location} is on this machine's file system: a plain path or a {@code file:} URI. */
    public static boolean isLocal(String location) {
        return !location.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") || location.startsWith("file:");
    }

    /** The file's name, its location's last part. */
    public String fileName() {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The file on this machine, or null when it lives elsewhere (an {@code hdfs://} or {@code s3a://} URI). */
    public Path localFile() {
        return localPath(location);
    }

    /** {@code location} on this machine (a plain path or a {@code file:} URI), or null when it is a URI elsewhere. */
    static Path localPath(String location) {
        if (!isLocal(location)) {
            return null;
        }
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }
}
