package org.telesynth.sim;

import org.duckdb.DuckDBAppender;
import org.telesynth.Progress;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.io.StagedOutput;
import org.telesynth.schema.Domains;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the simulated fleet: all 19 reporting tables as {@code <out>/<table>.parquet}, and with
 * {@code --events} the seven raw event tables of docs/SCHEMA-events.md from the same device stories. Devices are drawn in
 * Java ({@link DeviceStory}) into a DuckDB table; each child table is then one SQL expansion of those stories
 * (resources {@code sim/tables/*.sql}), streamed by DuckDB to ZSTD Parquet, sorted so that the same options give
 * byte-identical files. Memory stays bounded: DuckDB spills to the staging folder beyond its limit.
 */
public final class FleetSimulator {
    private static final String TABLES = "/org/telesynth/sim/tables/";
    /** Devices per expansion of a large fleet; smaller fleets are written in one (see {@link #writeInChunks}). */
    static final int CHUNK_DEVICES = 100_000;

    private FleetSimulator() {
    }

    /** Simulates into {@code out} atomically and returns rows written per table. */
    public static Map<String, Long> simulate(Path out, SimulationOptions options, Progress progress) {
        return simulate(out, options, progress, CHUNK_DEVICES);
    }

    /** As {@link #simulate(Path, SimulationOptions, Progress)}, expanding at most {@code chunkDevices} devices at once. */
    static Map<String, Long> simulate(Path out, SimulationOptions options, Progress progress, int chunkDevices) {
        OutputPaths.checkApart("--out", out);
        if (options.profile() == SimulationOptions.Profile.eventlog) {
            return EventLogSimulator.simulate(out, options, progress);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (StagedOutput staged = new StagedOutput(out)) {
            Connection c = Duck.open(0, "3GB", staged.scratch("spill"));
            try {
                Catalogs.create(c);
                appendDevices(c, options, progress);
                runScript(c, substitute(resource("_prelude.sql"), options));
                List<TableSchema> tables = new java.util.ArrayList<>(Schema.tables());
                if (options.events()) {
                    tables.addAll(org.telesynth.schema.EventSchema.tables()); // the raw events of the same device stories
                }
                boolean chunked = options.devices() > chunkDevices;
                if (chunked) {
                    Duck.exec(c, "ALTER TABLE dev RENAME TO dev_all");
                }
                for (TableSchema table : tables) {
                    long t0 = System.nanoTime();
                    Path file = staged.file(table.fileName());
                    if (chunked) {
                        writeInChunks(c, table, options, file, staged.scratch("chunks"), chunkDevices);
                    } else {
                        // one expansion: web_cat_usage builds the browsing rows, web_cat_pivot_duration reuses them
                        writeTable(c, table, options, file, table.name().equals("system_web_cat_usage"));
                    }
                    long n = Duck.queryLong(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(file.toString()) + ")");
                    rows.put(table.name(), n);
                    progress.step(String.format("  %-40s %,12d rows  %5.1f s", table.name(), n, (System.nanoTime() - t0) / 1e9));
                }
                Manifests.write(staged.file("manifest.json"), options.manifest(rows,
                        (System.nanoTime() - started) / 1e9));
            } catch (SQLException e) {
                throw new IllegalStateException("simulator catalogue: " + e.getMessage(), e);
            } finally {
                Duck.close(c);
            }
            staged.commit();
        }
        return rows;
    }

    /**
     * Writes one table in one sorted expansion of all device stories: the path of every fleet up to
     * {@link #CHUNK_DEVICES} devices (and so of every test), whose bytes earlier releases were made from.
     */
    private static void writeTable(Connection c, TableSchema table, SimulationOptions options, Path file, boolean buildWebRows) {
        if (buildWebRows) {
            Duck.exec(c, "CREATE OR REPLACE TEMP TABLE web_rows AS " + substitute(resource("_web_rows.sql"), options));
        }
        Duck.copyToParquet(c, typedQuery(table, substitute(resource(table.name() + ".sql"), options)), file);
    }

    /**
     * Writes one table of a large fleet chunk by chunk of device ids, then concatenates the sorted chunks in id
     * order into the one file. Every row depends only on its own device's story and the sort key {@code _ord}
     * grows with the device id, so the rows and their order are those of one expansion, while each sort holds one
     * chunk: at real volume (about 450 rows per device) one table of 1 M devices sorted at once ran DuckDB out of
     * its 3 GB. The concatenation streams, because DuckDB keeps the files' and rows' order (preserve_insertion_order).
     */
    private static void writeInChunks(Connection c, TableSchema table, SimulationOptions options, Path file,
                                      Path scratch, int chunkDevices) {
        List<Path> parts = new java.util.ArrayList<>();
        try {
            java.nio.file.Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (long from = 0; from < options.devices(); from += chunkDevices) {
            Duck.exec(c, "CREATE OR REPLACE VIEW dev AS SELECT * FROM dev_all WHERE id >= " + from
                    + " AND id < " + (from + chunkDevices));
            Path part = scratch.resolve(table.name() + "." + parts.size() + ".parquet");
            writeTable(c, table, options, part, usesWebRows(table)); // each chunk's own browsing rows
            parts.add(part);
        }
        String files = parts.stream().map(p -> Duck.literal(p.toString())).collect(Collectors.joining(", "));
        Duck.copyToParquet(c, "SELECT * FROM read_parquet([" + files + "])", file);
        for (Path part : parts) {
            try {
                java.nio.file.Files.delete(part);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean usesWebRows(TableSchema table) {
        return table.name().equals("system_web_cat_usage") || table.name().equals("system_web_cat_pivot_duration");
    }

    private static void appendDevices(Connection c, SimulationOptions options, Progress progress) {
        long t0 = System.nanoTime();
        Duck.exec(c, DeviceColumns.createTableSql());
        DeviceStory story = new DeviceStory(options.seed(), options.days());
        int tenth = Math.max(1, options.devices() / 10);
        try (DuckDBAppender appender = Catalogs.appender(c, "dev")) {
            for (long i = 0; i < options.devices(); i++) {
                story.append(i, appender);
                if ((i + 1) % tenth == 0 && options.devices() >= 100_000) {
                    progress.step(String.format("  devices %,d / %,d", i + 1, options.devices()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("device generation failed: " + e.getMessage(), e);
        }
        progress.step(String.format("  %-40s %,12d rows  %5.1f s", "devices (latent stories)", options.devices(),
                (System.nanoTime() - t0) / 1e9));
    }

    /** Casts the template's columns to the contract's exact types and order, sorted for reproducible bytes. */
    static String typedQuery(TableSchema table, String template) {
        String columns = table.columns().stream()
                .map(col -> "CAST(x." + col.sqlName() + " AS " + col.type() + ") AS " + col.sqlName())
                .collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM (" + template + ") x ORDER BY x._ord";
    }

    static String substitute(String sql, SimulationOptions options) {
        String categories = Domains.WEB_CATEGORIES.stream().map(Duck::literal).collect(Collectors.joining(", ", "[", "]"));
        return sql.replace("${start}", "DATE '" + options.start() + "'")
                .replace("${days}", Integer.toString(options.days()))
                .replace("${salt}", Long.toString(DeviceStory.mix(options.seed() ^ 0x5DEECE66DL)))
                .replace("${categories}", categories);
    }

    static void runScript(Connection c, String script) {
        for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                Duck.exec(c, statement);
            }
        }
    }

    static String resource(String name) {
        try (InputStream in = FleetSimulator.class.getResourceAsStream(TABLES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing simulator template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
