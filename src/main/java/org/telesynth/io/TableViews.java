package org.telesynth.io;

import org.telesynth.BadInputException;
import org.telesynth.schema.EventSummaries;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;

/**
 * Creates one DuckDB view per reporting table over {@code <dir>/<table>.parquet}, named exactly like the table, and
 * one per raw event table (docs/SCHEMA-events.md) that the directory holds, and one per event summary it holds or
 * can compute from its event tables; event tables are never required.
 */
public final class TableViews {
    private TableViews() {
    }

    /** Views for every table present in {@code dir}; with {@code requireAll}, a missing table is bad input. */
    public static void create(Connection c, Path dir, boolean requireAll) {
        create(c, dir, requireAll, null);
    }

    /**
     * As {@link #create(Connection, Path, boolean)}, each view keeping only the rows that satisfy {@code where}
     * (a SQL condition over the table's columns, e.g. a split of the devices by a hash of guid), or all when null.
     */
    public static void create(Connection c, Path dir, boolean requireAll, String where) {
        create(c, dir, requireAll, where, "");
    }

    /** Views for every table of {@code dir} (all required) in the schema {@code schema}, e.g. {@code real."system_userwait"}. */
    public static void createIn(Connection c, Path dir, String schema) {
        Duck.exec(c, "CREATE SCHEMA IF NOT EXISTS " + schema);
        create(c, dir, true, null, schema + ".");
    }

    private static void create(Connection c, Path dir, boolean requireAll, String where, String qualifier) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("not a directory: " + dir);
        }
        List<TableSchema> tables = new java.util.ArrayList<>(Schema.tables());
        tables.addAll(org.telesynth.schema.EventSchema.tables());
        for (TableSchema t : tables) {
            Path file = dir.resolve(t.fileName());
            boolean required = requireAll && Schema.find(t.name()).isPresent();
            if (Files.exists(file)) {
                try {
                    Duck.exec(c, "CREATE OR REPLACE VIEW " + qualifier + "\"" + t.name() + "\" AS SELECT * FROM read_parquet("
                            + Duck.literal(file.toString()) + ")" + (where == null ? "" : " WHERE " + where));
                } catch (IllegalStateException e) {
                    // the view reads the file's footer: an empty, truncated or foreign file fails here, before any stage starts
                    throw new BadInputException(t.name() + ": " + file + " is not a readable Parquet file (" + e.getMessage() + ")", e);
                }
            } else if (required) {
                throw new BadInputException(t.name() + ": missing table file " + file);
            }
        }
        // the event summaries: a release's files, or on raw data the same summaries computed from its event tables
        // (unbounded: the truth an analyst's query over the summaries would see), so one query text runs on both
        for (EventSummaries.Summary s : EventSummaries.all()) {
            Path file = dir.resolve(s.table().fileName());
            String view = qualifier + "\"" + s.table().name() + "\"";
            if (Files.exists(file)) {
                Duck.exec(c, "CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM read_parquet(" + Duck.literal(file.toString()) + ")"
                        + (where == null ? "" : " WHERE " + where));
            } else if (Files.exists(dir.resolve(s.source() + ".parquet"))) {
                Duck.exec(c, "CREATE OR REPLACE VIEW " + view + " AS " + s.over(qualifier + "\"" + s.source() + "\""));
            }
        }
    }

    /** Whether {@code dir} holds the named table, or (for an event summary) the event table it is made from. */
    public static boolean holds(Path dir, String table) {
        if (Files.exists(dir.resolve(table + ".parquet"))) {
            return true;
        }
        return EventSummaries.find(table).map(s -> Files.exists(dir.resolve(s.source() + ".parquet"))).orElse(false);
    }
}
