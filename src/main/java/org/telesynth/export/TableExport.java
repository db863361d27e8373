package org.telesynth.export;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.io.StagedOutput;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The {@code export} stage: every contract table found in a table set ({@code <table>.parquet}) written as
 * {@code OUT/<table>.csv} or {@code OUT/<table>.parquet}, its columns in contract order, plus {@code OUT/metadata.json}
 * ({@link SdvMetadata}) and a copy of the table set's {@code manifest.json} when it has one (so that {@code load} of
 * the export carries the provenance on, as it does for any input). A Parquet export keeps each file's key-value
 * metadata (a synthetic table's provenance, {@code release_status} included). All tables go through one DuckDB connection, and
 * into a staging folder that is moved into place only when every table is written: a failed export leaves
 * {@code OUT} as it was.
 */
public final class TableExport {
    public static final String METADATA = "metadata.json";
    private static final String MANIFEST = "manifest.json";

    private TableExport() {
    }

    /**
     * What an export wrote.
     *
     * @param rows rows written per table, in contract order
     */
    public record Result(Path out, ExportFormat format, Map<String, Long> rows, boolean manifestCopied) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Exports the contract tables of {@code tables} into {@code out}.
     *
     * @throws BadInputException when {@code tables} is not a directory or holds no contract table, a table lacks a
     *                           contract column, or {@code out} overlaps {@code tables}, holds a dataset's ledger, or
     *                           holds a table in the other format (load would then find two files for one table)
     */
    public static Result run(Path tables, Path out, ExportFormat format, Progress progress) {
        if (!Files.isDirectory(tables)) {
            throw new BadInputException("--tables: not a directory: " + tables);
        }
        OutputPaths.checkApart("--out", out, "--tables", tables);
        if (Files.exists(out.resolve(".telesynth"))) {
            throw new BadInputException("--out: " + out + " holds a dataset's ledger (.telesynth/): export to a directory of its own");
        }
        List<TableSchema> present = Schema.tables().stream().filter(t -> Files.isRegularFile(tables.resolve(t.fileName()))).toList();
        if (present.isEmpty()) {
            throw new BadInputException("--tables: no contract table (<table>.parquet) in " + tables);
        }
        for (TableSchema t : present) {
            Path clash = out.resolve(t.name() + "." + format.other().extension());
            if (Files.exists(clash)) {
                throw new BadInputException("--out: " + out + " already holds " + clash.getFileName() + "; a " + format.extension()
                        + " export beside it would leave two files for one table: choose another directory");
            }
        }
        if (present.stream().noneMatch(t -> t.name().equals(Schema.SYSINFO))) {
            progress.warn("no " + Schema.SYSINFO + " in " + tables + ": metadata.json has no relationships");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean manifest;
        try (StagedOutput staged = new StagedOutput(out)) {
            try (Connection c = Duck.open(0, "2GB", staged.scratch("spill"))) {
                TableViews.create(c, tables, false);
                for (TableSchema t : present) {
                    requireColumns(c, t, tables.resolve(t.fileName()));
                    String file = t.name() + "." + format.extension();
                    Map<String, String> footer = Duck.parquetKvMetadata(c, tables.resolve(t.fileName()));
                    long n = copy(c, "SELECT " + t.sqlColumnList() + " FROM " + Column.quote(t.name()), staged.file(file),
                            format.copyOptions(footer));
                    rows.put(t.name(), n);
                    progress.step(String.format("  %-45s %,12d rows  -> %s", t.name(), n, file));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(Duck.message(e), e);
            }
            Manifests.write(staged.file(METADATA), SdvMetadata.of(present));
            manifest = copyManifest(tables.resolve(MANIFEST), staged.file(MANIFEST));
            staged.commit();
        }
        return new Result(out, format, rows, manifest);
    }

    /** Copies the table set's manifest, byte for byte, when there is one; whether there was. */
    private static boolean copyManifest(Path source, Path target) {
        if (!Files.isRegularFile(source)) {
            return false;
        }
        try {
            Files.copy(source, target);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source, e);
        }
    }

    /** Refuses a table file that lacks a contract column (the metadata would describe a column the file has not). */
    private static void requireColumns(Connection c, TableSchema t, Path file) throws SQLException {
        List<String> has = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name FROM (DESCRIBE " + Column.quote(t.name()) + ")")) {
            while (rs.next()) {
                has.add(rs.getString(1));
            }
        }
        for (String name : t.columnNames()) {
            if (!has.contains(name)) {
                throw new BadInputException(t.name() + "." + name + ": missing column in " + file + " (the file has " + has + ")");
            }
        }
    }

    /** COPY {@code query} to {@code file}; the number of rows written. */
    private static long copy(Connection c, String query, Path file, String options) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COPY (" + query + ") TO " + Duck.literal(file.toString()) + " " + options);
            return Math.max(0, s.getUpdateCount());
        }
    }
}
