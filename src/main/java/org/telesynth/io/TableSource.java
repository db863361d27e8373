package org.telesynth.io;

import org.telesynth.BadInputException;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one input table lives ({@code <table>.parquet}, {@code <table>.csv} or {@code <table>.csv.gz}) and the
 * DuckDB expression that reads it. CSV is read as text throughout, so that every cast, and every cast failure, is
 * ours to report with the table and column it concerns.
 *
 * @param table  the contract table
 * @param file   the input file
 * @param format {@code parquet} or {@code csv}
 */
public record TableSource(TableSchema table, Path file, String format) {

    private static final List<String> SUFFIXES = List.of(".parquet", ".csv", ".csv.gz");

    /** The one file for {@code table} in {@code dir}; none or several is bad input. */
    public static TableSource find(Path dir, TableSchema table) {
        TableSource source = findIfPresent(dir, table);
        if (source == null) {
            throw new BadInputException(table.name() + ": missing required table (no " + table.name()
                    + ".parquet, .csv or .csv.gz in " + dir + ")");
        }
        return source;
    }

    /** The one file for {@code table} in {@code dir}, or null when there is none; several is bad input. */
    public static TableSource findIfPresent(Path dir, TableSchema table) {
        List<Path> found = new ArrayList<>();
        for (String suffix : SUFFIXES) {
            Path p = dir.resolve(table.name() + suffix);
            if (Files.isRegularFile(p)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() > 1) {
            throw new BadInputException(table.name() + ": several input files for one table, keep one of " + found);
        }
        Path file = found.get(0);
        return new TableSource(table, file, file.toString().endsWith(".parquet") ? "parquet" : "csv");
    }

    /** A table function reading the file. */
    public String readSql() {
        String path = Duck.literal(file.toString());
        return format.equals("parquet") ? "read_parquet(" + path + ")"
                : "read_csv(" + path + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')";
    }
}
