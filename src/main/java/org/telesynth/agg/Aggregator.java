package org.telesynth.agg;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.config.Clamp;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.engine.Engines;
import org.telesynth.engine.SqlEngine;
import org.telesynth.io.AbsentTables;
import org.telesynth.io.BuildInfo;
import org.telesynth.io.Dataset;
import org.telesynth.io.HeldEventSummaries;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.io.StagedOutput;
import org.telesynth.schema.Column;
import org.telesynth.schema.EventSchema;
import org.telesynth.schema.EventSummaries;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aggregate} stage, the only one that reads raw rows: per child table the rows inside the public window,
 * at most k per device (the first k by a keyed hash of the row's grain, never by its values' size) with every
 * numeric value clamped to its public bounds; the two device tables with their timestamps clamped; the device-level
 * summary of each raw event table the input holds, bounded the same way; and {@code device_profile.parquet}, one
 * row per device with its sysinfo and cpu attributes and, per child table, presence, days present and rows per
 * present day. Everything lands in AGG atomically. AGG is private-side data: only the synthesizers read it, through
 * mechanisms. The SQL is portable ({@link SqlEngine}): DuckDB runs it here, Spark on a cluster, to the same AGG.
 */
public final class Aggregator {
    private Aggregator() {
    }

    /** The default engine's aggregate (DuckDB). */
    public static Map<String, Long> run(Path real, Path agg, ReleaseConfig config, Progress progress) {
        return run(real, agg, config, Engines.DUCKDB, null, progress);
    }

    /**
     * Aggregates {@code real} into {@code agg} on the named engine ({@code duckdb} or {@code spark}, {@code master}
     * Spark's master URL or null): the same SQL on either, so the same AGG.
     */
    public static Map<String, Long> run(Path real, Path agg, ReleaseConfig config, String engineName, String master, Progress progress) {
        long started = System.nanoTime();
        OutputPaths.checkApart("--out", agg, "--in", real);
        // AGG names the dataset it came from, so a release can check it charges that dataset's ledger
        String datasetId = Dataset.id(real, "--in");
        for (TableSchema t : Schema.tables()) {
            if (!Files.isRegularFile(real.resolve(t.fileName()))) {
                throw new BadInputException(t.name() + ": missing table file " + real.resolve(t.fileName()));
            }
        }
        // which event tables the export held is a fact about its files, public like its absent tables: the release
        // reads the list from AGG's manifest to know which summaries it writes (and plans their budget)
        List<TableSchema> events = EventSchema.tables().stream().filter(t -> Files.exists(real.resolve(t.fileName()))).toList();
        List<EventSummaries.Summary> summaries = EventSummaries.of(events.stream().map(TableSchema::name).toList());
        ReleaseConfig bounds = config.withEventSummaries(summaries.stream().map(s -> s.table().name()).toList());
        Map<String, Long> rows = new LinkedHashMap<>();
        String engineUsed;
        try (StagedOutput staged = new StagedOutput(agg)) {
            try (SqlEngine engine = Engines.open(engineName, master, "3GB", staged.scratch("spill"))) {
                engineUsed = engine.name();
                progress.step("  engine " + engine.name() + (master == null ? "" : " (" + master + ")"));
                for (TableSchema t : Schema.tables()) {
                    input(engine, t, real);
                }
                for (TableSchema t : events) {
                    input(engine, t, real);
                }
                checkWindow(engine, bounds, progress);
                for (TableSchema t : Schema.tables()) {
                    write(engine, t, boundedSql(engine, t, bounds, Column.quote(t.name())), staged, rows, progress);
                }
                for (EventSummaries.Summary s : summaries) {
                    String source = s.over(windowed(EventSchema.find(s.source()).orElseThrow(), bounds));
                    write(engine, s.table(), boundedSql(engine, s.table(), bounds, "(" + source + ")"), staged, rows, progress);
                }
                engine.write(DeviceProfile.sql(engine, bounds), staged.file(DeviceProfile.FILE));
                progress.step("  device_profile written");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", "aggregate");
            m.put("code", BuildInfo.describe());
            m.put("engine", engineUsed);
            m.put(Dataset.KEY, datasetId);
            m.put("input", real.toAbsolutePath().normalize().toString());
            m.put("input_manifest", Manifests.readIfPresent(real.resolve("manifest.json")));
            m.put("config", config.source());
            m.put("config_hash", config.hash());
            // what the bounding depends on: a release refuses an AGG whose bounding is not its plan's
            m.put("bounding", config.bounding());
            m.put("rows", rows);
            // carried from REAL's manifest (a public fact about the export's files, see AbsentTables): every release
            // reads it from here to empty those synthetic tables; their REAL tables are empty, so are AGG's
            m.put(AbsentTables.KEY, AbsentTables.of(real));
            m.put(HeldEventSummaries.KEY, bounds.eventSummaries());
            m.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
            Manifests.write(staged.file("manifest.json"), m);
            staged.commit();
        }
        return rows;
    }

    /** A view over one input table; the engine reads its footer here, so a broken file is bad input before any work. */
    private static void input(SqlEngine engine, TableSchema t, Path real) {
        Path file = real.resolve(t.fileName());
        try {
            engine.view(t.name(), file);
        } catch (RuntimeException e) {
            throw new BadInputException(t.name() + ": " + file + " is not a readable Parquet file (" + e.getMessage() + ")", e);
        }
    }

    /** The view under which a bounded table written to AGG is read back (by the device profile). */
    static String boundedView(TableSchema t) {
        return "bounded_" + t.name();
    }

    private static void write(SqlEngine engine, TableSchema t, String sql, StagedOutput staged, Map<String, Long> rows, Progress progress) {
        long t0 = System.nanoTime();
        long n = engine.write(sql, staged.file(t.fileName()));
        engine.view(boundedView(t), staged.file(t.fileName()));
        rows.put(t.name(), n);
        // private-side progress (aggregate reads raw rows; its output is AGG, never released)
        progress.step(String.format("  %-45s %,12d rows kept   %.1f s", t.name(), n, (System.nanoTime() - t0) / 1e9));
    }

    /** An event table's rows inside the release window (by its day, or by the day of its timestamp). */
    static String windowed(TableSchema event, ReleaseConfig config) {
        String day = event.column("dt").isPresent() ? "dt" : "CAST(ts AS DATE)";
        return "(SELECT * FROM " + Column.quote(event.name()) + " WHERE " + day + " >= DATE '" + config.start() + "' AND " + day
                + " < DATE '" + config.start().plusDays(config.days()) + "')";
    }

    /**
     * Warns for each table whose rows the window drops, and refuses the data (bad input) when the window keeps less
     * than {@code window.min_kept_share} of a table's rows. This reads only row counts, for the operator: aggregate
     * runs on the private side, and nothing here reaches a release.
     */
    static void checkWindow(SqlEngine engine, ReleaseConfig config, Progress progress) {
        for (TableSchema t : Schema.tables()) {
            if (t.column("dt").isEmpty()) {
                continue;
            }
            String in = "dt >= DATE '" + config.start() + "' AND dt < DATE '" + config.start().plusDays(config.days()) + "'";
            long all = engine.queryLong("SELECT count(*) FROM " + Column.quote(t.name()));
            long kept = engine.queryLong("SELECT count(*) FROM " + Column.quote(t.name()) + " WHERE " + in);
            if (all == 0 || kept == all) {
                continue;
            }
            String what = String.format("%s: the window %s + %d days keeps %,d of %,d rows (%.1f %%)", t.name(), config.start(),
                    config.days(), kept, all, 100.0 * kept / all);
            if (kept < config.windowMinKeptShare() * all) {
                throw new BadInputException(what + ", under window.min_kept_share " + config.windowMinKeptShare()
                        + ": set window.start and window.days to the data's dates");
            }
            progress.warn(what);
        }
    }

    /**
     * The bounded, clamped rows of one table over {@code from}, a relation with the table's columns (its view, or an
     * event summary's SELECT), sorted by its grain (deterministic files): the rows inside the window, the first k of
     * each device by the keyed hash of the raw grain ({@link #boundKey}), every clamped column clamped. Portable SQL:
     * the window function sits in a subquery (Spark has no QUALIFY), and a clamped integer is rounded before its
     * cast (DuckDB's cast rounds, Spark's truncates; the clamps of integer columns are integers, so this is exact).
     */
    static String boundedSql(SqlEngine engine, TableSchema t, ReleaseConfig config, String from) {
        ReleaseConfig.TableConfig tc = config.table(t.name());
        List<String> select = new ArrayList<>();
        for (Column col : t.columns()) {
            Clamp clamp = tc.clamp(col.name());
            if (clamp != null && col.type().equals("TIMESTAMP")) {
                // device-table timestamps: clamped to [start + lo days, start + hi days]
                select.add("least(" + dayTs(config, clamp.hi()) + ", greatest(" + dayTs(config, clamp.lo()) + ", " + col.sqlName()
                        + ")) AS " + col.sqlName());
            } else if (clamp != null) {
                String clamped = clamp.clampSql(col.sqlName());
                select.add("CAST(" + (col.type().equals("DOUBLE") ? clamped : "round(" + clamped + ")") + " AS " + col.type() + ") AS "
                        + col.sqlName());
            } else {
                select.add(col.sqlName());
            }
        }
        String where = t.column("dt").isPresent() ? " WHERE dt >= DATE '" + config.start() + "' AND dt < DATE '"
                + config.start().plusDays(config.days()) + "'" : "";
        List<String> grain = t.grain().stream().map(g -> t.column(g).orElseThrow().sqlName()).toList();
        return "SELECT " + String.join(", ", select) + " FROM (SELECT *, row_number() OVER (PARTITION BY guid ORDER BY "
                + boundKey(engine, t) + ", " + String.join(", ", grain) + ") AS \"bound_rank\" FROM " + from + where
                + ") \"bounded\" WHERE \"bound_rank\" <= " + tc.k() + " ORDER BY " + String.join(", ", grain);
    }

    /**
     * The keyed hash that picks a device's k rows: MD5 of the row's grain as text (timestamps as epoch microseconds,
     * a NULL as {@code NULL~}) and a fixed key, the same on every engine, so DuckDB and Spark keep the same rows. It
     * depends on the grain only, never on a measured value.
     */
    static String boundKey(SqlEngine engine, TableSchema t) {
        List<String> parts = new ArrayList<>();
        for (String g : t.grain()) {
            Column col = t.column(g).orElseThrow();
            String text = col.type().equals("TIMESTAMP") ? "CAST(" + engine.epochMicros(col.sqlName()) + " AS STRING)"
                    : "CAST(" + col.sqlName() + " AS STRING)";
            parts.add("coalesce(" + text + ", 'NULL~')"); // no backslash: Spark's literals unescape it, DuckDB's do not
        }
        parts.add("'telesynth-bound'");
        return "md5(concat_ws('|', " + String.join(", ", parts) + "))";
    }

    private static String dayTs(ReleaseConfig config, double days) {
        return "TIMESTAMP '" + config.start().plusDays((long) days) + " 00:00:00'";
    }
}
