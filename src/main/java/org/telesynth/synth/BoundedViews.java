package org.telesynth.synth;

import org.telesynth.BadInputException;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.engine.DuckEngine;
import org.telesynth.engine.Engines;
import org.telesynth.engine.SqlEngine;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The views every measurement of a release reads AGG through, one per table (named like it) and
 * {@code device_profile}: each keeps only the devices that hold at most the plan's k rows of that table (1 for
 * the device tables and the profile). aggregate already bounds every device to k rows, so on a sound AGG nothing is
 * dropped and the views are plain; on an AGG bounded otherwise (a hand-made or altered one), a device over the
 * bound is left out whole rather than moving a measurement further than its planned sensitivity. So the bound that
 * a sensitivity rests on is enforced on the rows the measurement reads, not trusted from a manifest.
 *
 * <p>Whether a device is over the bound is read from the data, but it only decides which rows a measurement
 * sees, never what is released about them, and the view is the same relation either way when none is over.
 */
public final class BoundedViews {
    /** The profile's file in AGG. */
    public static final String PROFILE = "device_profile.parquet";

    private BoundedViews() {
    }

    /** Bad input unless every file the views read is in {@code agg} (the 19 tables and the summaries it lists). */
    public static void requireFiles(Path agg) {
        for (TableSchema t : Schema.tables()) {
            requireFile(agg.resolve(t.fileName()));
        }
        for (String summary : org.telesynth.io.HeldEventSummaries.of(agg)) {
            requireFile(agg.resolve(summary + ".parquet"));
        }
        requireFile(agg.resolve(PROFILE));
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--in: missing " + file + " (run telesynth aggregate again)");
        }
    }

    /** Creates the views over every table of the release in {@code agg} (all must be there) with the plan's bounds. */
    public static void create(Connection c, Path agg, ReleaseConfig config) {
        create(DuckEngine.over(c), agg, config);
    }

    /** As above on any engine (its portable SQL): the views the measurements read there. */
    public static void create(SqlEngine engine, Path agg, ReleaseConfig config) {
        for (TableSchema t : config.releaseTables()) {
            view(engine, t.name(), agg.resolve(t.fileName()), config.table(t.name()).k());
        }
        view(engine, "device_profile", agg.resolve(PROFILE), 1);
    }

    private static void view(SqlEngine engine, String name, Path file, int k) {
        requireFile(file);
        String source = "agg_file_" + name;
        String over = "over_k_" + name;
        engine.view(source, file);
        engine.table(over, "SELECT guid FROM " + source + " GROUP BY guid HAVING count(*) > " + k);
        boolean anyOver = engine.queryLong("SELECT count(*) FROM " + over) > 0;
        String bounded = "SELECT * FROM " + source + (anyOver ? " WHERE guid NOT IN (SELECT guid FROM " + over + ")" : "");
        if (engine.name().equals(Engines.SPARK)) {
            // a release scans each table dozens of times: Spark's cache (memory, then its executors' disks) reads
            // the files once; DuckDB reads Parquet fast enough to scan it each time
            engine.table(name, bounded);
        } else {
            engine.viewOf(name, bounded);
        }
    }
}
