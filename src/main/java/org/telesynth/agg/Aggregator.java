package org.telesynth.agg;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.config.Clamp;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.AbsentTables;
import org.telesynth.io.BuildInfo;
import org.telesynth.io.Dataset;
import org.telesynth.io.Duck;
import org.telesynth.io.OutputPaths;
import org.telesynth.io.Manifests;
import org.telesynth.io.StagedOutput;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Column;
import org.telesynth.schema.EventSchema;
import org.telesynth.schema.EventSummaries;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aggregate} stage, the only one that reads raw rows: per child table the rows inside the public window,
 * at most k per device (the first k by a hash of the row's grain, never by its values' size) with every numeric
 * value clamped to its public bounds; the two device tables with their timestamps clamped; and
 * {@code device_profile.parquet}, one row per device with its sysinfo and cpu attributes and, per child table,
 * presence, days present and rows per present day. Everything lands in AGG atomically. AGG is private-side data:
 * only the synthesizers read it, through mechanisms.
 */
public final class Aggregator {
    private Aggregator() {
    }

    private static void write(Connection c, TableSchema t, String sql, StagedOutput staged, Map<String, Long> rows, Progress progress) {
        long t0 = System.nanoTime();
        Duck.copyToParquet(c, sql, staged.file(t.fileName()));
        long n = Duck.queryLong(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(staged.file(t.fileName()).toString()) + ")");
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

    public static Map<String, Long> run(Path real, Path agg, ReleaseConfig config, Progress progress) {
        long started = System.nanoTime();
        OutputPaths.checkApart("--out", agg, "--in", real);
        // AGG names the dataset it came from, so a release can check it charges that dataset's ledger
        String datasetId = Dataset.id(real, "--in");
        // which event tables the export held is a fact about its files, public like its absent tables: the release
        // reads the list from AGG's manifest to know which summaries it writes (and plans their budget)
        List<EventSummaries.Summary> summaries = EventSummaries.of(EventSchema.tables().stream().map(TableSchema::name)
                .filter(n -> java.nio.file.Files.exists(real.resolve(n + ".parquet"))).toList());
        config = config.withEventSummaries(summaries.stream().map(s -> s.table().name()).toList());
        Map<String, Long> rows = new LinkedHashMap<>();
        try (StagedOutput staged = new StagedOutput(agg)) {
            Connection c = Duck.open(0, "3GB", staged.scratch("spill"));
            try (c) {
                TableViews.create(c, real, true);
                checkWindow(c, config, progress);
                for (TableSchema t : Schema.tables()) {
                    write(c, t, boundedSql(t, config, Column.quote(t.name())), staged, rows, progress);
                }
                for (EventSummaries.Summary s : summaries) {
                    write(c, s.table(), boundedSql(s.table(), config, "(" + s.over(windowed(EventSchema.find(s.source()).orElseThrow(), config)) + ")"),
                            staged, rows, progress);
                }
                Duck.copyToParquet(c, DeviceProfile.sql(staged, config), staged.file(DeviceProfile.FILE));
                progress.step("  device_profile written");
            } catch (SQLException e) {
                throw new IllegalStateException(Duck.message(e), e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", "aggregate");
            m.put("code", BuildInfo.describe());
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
            m.put(org.telesynth.io.HeldEventSummaries.KEY, config.eventSummaries());
            m.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
            Manifests.write(staged.file("manifest.json"), m);
            staged.commit();
        }
        return rows;
    }

    /**
     * Warns for each table whose rows the window drops, and refuses the data (bad input) when the window keeps less
     * than {@code window.min_kept_share} of a table's rows. This reads only row counts, for the operator: aggregate
     * runs on the private side, and nothing here reaches a release.
     */
    static void checkWindow(Connection c, ReleaseConfig config, Progress progress) {
        for (TableSchema t : Schema.tables()) {
            if (t.column("dt").isEmpty()) {
                continue;
            }
            String in = "dt >= DATE '" + config.start() + "' AND dt < DATE '" + config.start().plusDays(config.days()) + "'";
            long all = Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\"");
            long kept = Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\" WHERE " + in);
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

    /** The bounded, clamped rows of one table, sorted by guid then grain (deterministic files). */
    static String boundedSql(TableSchema t, ReleaseConfig config) {
        return boundedSql(t, config, Column.quote(t.name()));
    }

    /**
     * As {@link #boundedSql(TableSchema, ReleaseConfig)} over {@code from}, a relation with the table's columns (the
     * table's view, or an event summary's SELECT): the same window, k by the keyed hash of the grain, and clamps.
     */
    static String boundedSql(TableSchema t, ReleaseConfig config, String from) {
        ReleaseConfig.TableConfig tc = config.table(t.name());
        List<String> select = new ArrayList<>();
        for (Column col : t.columns()) {
            Clamp clamp = tc.clamp(col.name());
            if (clamp != null && col.type().equals("TIMESTAMP")) {
                // device-table timestamps: clamped to [start + lo days, start + hi days]
                select.add("least(" + dayTs(config, clamp.hi()) + ", greatest(" + dayTs(config, clamp.lo()) + ", " + col.sqlName()
                        + ")) AS " + col.sqlName());
            } else if (clamp != null) {
                select.add("CAST(" + clamp.clampSql(col.sqlName()) + " AS " + col.type() + ") AS " + col.sqlName());
            } else {
                select.add(col.sqlName());
            }
        }
        String where = t.column("dt").isPresent() ? " WHERE dt >= DATE '" + config.start() + "' AND dt < DATE '"
                + config.start().plusDays(config.days()) + "'" : "";
        List<String> grain = t.grain().stream().map(g -> t.column(g).orElseThrow().sqlName()).toList();
        String key = "hash(" + String.join(", ", grain) + ", 'telesynth-bound')";
        return "SELECT " + String.join(", ", select) + " FROM " + from + where
                + " QUALIFY row_number() OVER (PARTITION BY guid ORDER BY " + key + ", " + String.join(", ", grain) + ") <= " + tc.k()
                + " ORDER BY " + String.join(", ", grain);
    }

    private static String dayTs(ReleaseConfig config, double days) {
        return "(TIMESTAMP '" + config.start() + "' + INTERVAL (" + (long) days + ") DAY)";
    }
}
