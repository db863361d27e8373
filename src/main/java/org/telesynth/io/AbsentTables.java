package org.telesynth.io;

import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables absent from the input: optional tables ({@code load.optional_tables}) that the export did not have.
 * {@code load} writes each as an empty table with the contract's columns and types and lists it under
 * {@value #KEY} in REAL's manifest; aggregate copies the list into AGG's, every release empties its synthetic
 * table and lists it in its public manifest, and benchmark skips the queries that read it.
 *
 * <p>The list is public. It says which files the export held, not anything about a device: neighbouring datasets
 * differ by all rows of one device, and removing a device removes rows, never a file (a table that loses its last
 * rows is an empty file, loaded as present, and is not listed). So the list is the same on both neighbours, and
 * releasing it costs no budget. It is read from the manifest only, never from the tables' contents.
 */
public final class AbsentTables {
    public static final String KEY = "absent_tables";

    private AbsentTables() {
    }

    /** The absent tables that {@code dir/manifest.json} lists (REAL, AGG or a release), in contract order; none without a manifest. */
    public static List<String> of(Path dir) {
        List<String> listed = Manifests.listed(dir, KEY);
        return Schema.tables().stream().map(TableSchema::name).filter(listed::contains).toList();
    }

    /** Writes {@code t} as an empty Parquet table with the contract's columns and types. */
    public static void writeEmpty(Connection c, TableSchema t, Path file) {
        Duck.copyToParquet(c, emptySelect(t), file);
    }

    /** A SELECT of no rows with {@code t}'s contract columns and types. */
    static String emptySelect(TableSchema t) {
        List<String> columns = new ArrayList<>();
        for (Column col : t.columns()) {
            columns.add("CAST(NULL AS " + TableCheck.portable(col) + ") AS " + col.sqlName());
        }
        return "SELECT " + String.join(", ", columns) + " WHERE false";
    }
}
