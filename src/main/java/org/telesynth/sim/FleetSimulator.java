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

    private FleetSimulator() {
    }

    /** Simulates into {@code out} atomically and returns rows written per table. */
    public static Map<String, Long> simulate(Path out, SimulationOptions options, Progress progress) {
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
                for (TableSchema table : tables) {
                    long t0 = System.nanoTime();
                    if (table.name().equals("system_web_cat_usage")) {
                        Duck.exec(c, "CREATE TEMP TABLE web_rows AS " + substitute(resource("_web_rows.sql"), options));
                    }
                    Path file = staged.file(table.fileName());
                    Duck.copyToParquet(c, typedQuery(table, substitute(resource(table.name() + ".sql"), options)), file);
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
