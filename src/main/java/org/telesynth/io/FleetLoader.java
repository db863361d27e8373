package org.telesynth.io;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.ledger.Ledger;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.engine.Engines;
import org.telesynth.engine.SqlEngine;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code load} stage: reads the 19 tables (Parquet, CSV or gzipped CSV), validates each against the contract
 * and writes typed ZSTD Parquet, {@code <out>/<table>.parquet}, plus {@code manifest.json}. Everything is written
 * into a staging folder and moved into place only when every table has passed, so bad input leaves the output
 * directory exactly as it was.
 */
public final class FleetLoader {
    private FleetLoader() {
    }

    /** What was loaded from one table; an absent one ({@link AbsentTables}) has no file and the format {@code absent}. */
    public record TableLoad(String file, String format, long rows, long droppedOrphanRows, long droppedOrphanDevices,
                            List<String> droppedColumns) {
    }

    /**
     * @param dropOrphans drop child rows whose guid is not in the device table (reported) instead of failing
     * @return per table, in contract order, what was loaded
     * @throws BadInputException naming table and column of every problem
     */
    public static Map<String, TableLoad> load(Path in, Path out, boolean dropOrphans, Progress progress) {
        return load(in, out, dropOrphans, ReleaseConfig.load(null), progress);
    }

    /**
     * As above; {@code config}'s budget is the cap of the ledger that load creates for a newly loaded dataset. The
     * dataset keeps its id (and its ledger, spending included) when {@code out} already holds one: loading again
     * into the same place never resets a budget.
     */
    public static Map<String, TableLoad> load(Path in, Path out, boolean dropOrphans, ReleaseConfig config, Progress progress) {
        return load(in, out, dropOrphans, config, null, progress);
    }

    /**
     * Devices set aside from a loaded dataset: every table's rows of the devices whose keyed hash falls under
     * {@code share} go to {@code dir}, not to the dataset. The key is a random secret kept in the dataset's private
     * folder ({@code .telesynth/holdout.key}), so the split is stable when the data is loaded again and cannot be
     * predicted from a guid. No release reads the holdout; the audit's privacy attacks compare members with it.
     */
    public record Holdout(double share, Path dir) {
        public Holdout {
            checkShare(share);
        }

        /** Refuses (bad input) a share outside (0, 1). */
        public static void checkShare(double share) {
            if (!(share > 0 && share < 1)) {
                throw new BadInputException("--holdout-share must be in (0, 1), not " + share);
            }
        }
    }

    /**
     * As above, setting {@code holdout} aside when it is not null. Every problem of the input is found in one run
     * (each missing table, each missing column, each failed check with its first bad row) and reported together in
     * one bad-input message; nothing is written then. A table of {@code config}'s {@code load.optional_tables} that
     * is missing is written empty with the contract's columns and listed as absent ({@link AbsentTables}).
     *
     * @throws BadInputException listing every problem found
     */
    public static Map<String, TableLoad> load(Path in, Path out, boolean dropOrphans, ReleaseConfig config, Holdout holdout, Progress progress) {
        return load(Input.local(in), out, dropOrphans, config, holdout, progress);
    }

    /**
     * Where the input tables are and which engine reads them: {@code location} is a local folder or, on Spark, any
     * Hadoop-compatible folder URI ({@code hdfs://}, {@code s3a://}); {@code engine} and {@code master} as
     * {@link Engines#open} takes them.
     */
    public record Input(String location, String engine, String master) {
        public static Input local(Path dir) {
            return new Input(dir.toString(), Engines.DUCKDB, null);
        }
    }

    /** As above, reading {@code input} with its engine; the dataset, its manifest and ledger are written to the local {@code out}. */
    public static Map<String, TableLoad> load(Input input, Path out, boolean dropOrphans, ReleaseConfig config, Holdout holdout, Progress progress) {
        Path in = TableSource.localPath(input.location());
        if (in != null && !Files.isDirectory(in)) {
            throw new BadInputException("--in: not a directory: " + in);
        }
        if (in == null && Engines.DUCKDB.equals(input.engine())) {
            throw new BadInputException("--in: " + input.location() + " is not a local folder; a Hadoop URI needs --engine spark");
        }
        if (holdout != null && !Engines.DUCKDB.equals(input.engine())) {
            throw new BadInputException("--holdout-share: the holdout split runs on the default engine only (load without --engine spark)");
        }
        if (in != null) {
            OutputPaths.checkApart("--out", out, "--in", in);
        } else {
            OutputPaths.checkApart("--out", out);
        }
        if (holdout != null) {
            OutputPaths.checkApart("--holdout", holdout.dir(), "--in", in, "--out", out);
        }
        String dir = in != null ? in.toString() : input.location();
        HoldoutKey key = holdout == null ? null : HoldoutKey.of(out);
        Ledger existing = Files.isDirectory(out) ? Ledger.of(out) : null;
        // a directory loaded before keeps its id (and so its ledger); new data get the id of their content
        String keptId = existing != null && existing.exists() ? existing.read().datasetId() : Dataset.idOrNull(out);
        String[] chosenId = new String[1];
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        Map<String, TableLoad> loaded = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        try (StagedOutput staged = new StagedOutput(out);
             StagedOutput held = holdout == null ? null : new StagedOutput(holdout.dir());
             SqlEngine c = Engines.open(input.engine(), input.master(), "2GB", staged.scratch("spill"))) {
            if (in == null && !c.isFolder(dir)) {
                throw new BadInputException("--in: not a folder: " + dir);
            }
            // every table's file first, so that a missing one is known before any table is written
            Map<String, String> unfound = new LinkedHashMap<>();
            Map<String, TableSource> sources = new LinkedHashMap<>();
            for (TableSchema t : Schema.tables()) {
                boolean optional = config.optionalTables().contains(t.name());
                try {
                    TableSource source = optional ? TableSource.findIfPresent(c, dir, t) : TableSource.find(c, dir, t);
                    if (source == null) {
                        absent.add(t.name());
                    } else {
                        sources.put(t.name(), source);
                    }
                } catch (BadInputException e) {
                    unfound.put(t.name(), e.getMessage());
                }
            }
            Tables tables = new Tables(c, staged, held, key == null ? null : key.heldSql(holdout.share()), dropOrphans, problems,
                    !unfound.isEmpty(), progress);
            // problems in contract order, table by table
            for (TableSchema t : Schema.tables()) {
                if (unfound.containsKey(t.name())) {
                    problems.add(unfound.get(t.name()));
                } else if (absent.contains(t.name())) {
                    loaded.put(t.name(), tables.absent(t));
                } else if (sources.containsKey(t.name())) {
                    TableLoad l = tables.load(sources.get(t.name()));
                    if (l != null) {
                        loaded.put(t.name(), l);
                    }
                }
            }
            // the raw event tables (docs/SCHEMA-events.md) are optional: each one present is checked like the rest
            for (TableSchema t : org.telesynth.schema.EventSchema.optionalTables()) {
                try {
                    TableSource source = TableSource.findIfPresent(c, dir, t);
                    TableLoad l = source == null ? null : tables.load(source);
                    if (l != null) {
                        loaded.put(t.name(), l);
                    }
                } catch (BadInputException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                // thrown inside the staging: nothing reaches --out or --holdout
                throw new BadInputException(summary(in, problems));
            }
            String datasetId = keptId != null ? keptId : Dataset.contentId(staged.directory());
            chosenId[0] = datasetId;
            Map<String, Object> manifest = Manifests.load(in != null ? in.toAbsolutePath().normalize().toString() : dir, dropOrphans, loaded, absent,
                    in == null ? null : Manifests.readIfPresent(in.resolve("manifest.json")),
                    (System.nanoTime() - started) / 1e9);
            manifest.put(Dataset.KEY, datasetId);
            if (holdout != null) {
                manifest.put("holdout", Map.of("share", holdout.share(), "dir", holdout.dir().toAbsolutePath().normalize().toString()));
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("stage", "holdout");
                h.put("holdout_of", datasetId);
                h.put("share", holdout.share());
                h.put(AbsentTables.KEY, absent);
                Manifests.write(held.file("manifest.json"), h);
                held.commit();
                key.save(out);
            }
            Manifests.write(staged.file("manifest.json"), manifest);
            staged.commit();
        }
        // the dataset's ledger, made here (under its lock) and by budget init only: a release never makes one
        Ledger.of(out).createIfAbsent(config.capEpsilon(), config.capDelta(), chosenId[0]);
        return loaded;
    }

    /** The one-line message of a failed load: the problem itself, or how many there are and every one of them. */
    static String summary(Path in, List<String> problems) {
        return problems.size() == 1 ? problems.get(0) : problems.size() + " problems in " + in + ": " + String.join("; ", problems);
    }

    /**
     * Loads the tables one by one into the staging folders, adding what is wrong with each to {@code problems}.
     * Once anything is wrong the rest are still checked but no longer written: the load will fail, and the checks
     * are all the user needs from it.
     */
    private static final class Tables {
        private final SqlEngine c;
        private final StagedOutput staged;
        private final StagedOutput held;
        private final String heldSql;
        private final boolean dropOrphans;
        private final List<String> problems;
        /** Whether a table's file was missing (or doubled) before any was loaded: then nothing is written. */
        private final boolean failing;
        private final Progress progress;
        /** Whether {@code device_guids} holds the device table's guids (it passed), so orphans can be counted. */
        private boolean devicesKnown;

        Tables(SqlEngine c, StagedOutput staged, StagedOutput held, String heldSql, boolean dropOrphans, List<String> problems,
               boolean failing, Progress progress) {
            this.c = c;
            this.staged = staged;
            this.held = held;
            this.heldSql = heldSql;
            this.dropOrphans = dropOrphans;
            this.problems = problems;
            this.failing = failing;
            this.progress = progress;
        }

        private boolean writing() {
            return !failing && problems.isEmpty();
        }

        TableLoad absent(TableSchema t) {
            progress.warn(t.name() + ": absent from the input, loaded as an empty table (load.optional_tables)");
            if (writing()) {
                c.write(AbsentTables.emptySelect(t), staged.file(t.fileName()));
                if (held != null) {
                    c.write(AbsentTables.emptySelect(t), held.file(t.fileName()));
                }
            }
            return new TableLoad(null, "absent", 0, 0, 0, List.of());
        }

        /** The table's load, or null when it has problems (added to {@code problems}). */
        TableLoad load(TableSource source) {
            TableSchema t = source.table();
            String view = "input_" + t.name();
            try {
                c.input(view, source.location(), source.format());
            } catch (IllegalStateException e) {
                problems.add(TableCheck.unreadable(source, e).getMessage());
                return null;
            }
            view = Column.quote(view);
            TableCheck.Result checked = TableCheck.run(c, view, source, progress);
            problems.addAll(checked.problems());
            Map<String, String> mapping = checked.mapping();
            if (!mapping.containsKey("guid")) {
                return null;
            }
            String guid = Column.quote(mapping.get("guid"));
            long rows = checked.rows();
            long orphanRows = 0;
            long orphanDevices = 0;
            String filter = "";
            if (t.name().equals(Schema.SYSINFO)) {
                if (!checked.passed()) {
                    return null;
                }
                c.table("device_guids", "SELECT DISTINCT CAST(" + guid + " AS STRING) AS guid FROM " + view);
                devicesKnown = true;
            } else if (devicesKnown) {
                String orphan = " FROM " + view + " WHERE CAST(" + guid + " AS STRING) NOT IN (SELECT guid FROM device_guids)";
                orphanRows = c.queryLong("SELECT count(*)" + orphan);
                if (orphanRows > 0) {
                    orphanDevices = c.queryLong("SELECT count(DISTINCT " + guid + ")" + orphan);
                    if (!dropOrphans) {
                        problems.add(t.name() + ".guid: " + orphanRows + " rows from " + orphanDevices
                                + " devices have a guid absent from " + Schema.SYSINFO + " (--drop-orphans drops them)");
                        return null;
                    }
                    progress.warn(String.format("%s: dropped %,d orphan rows from %,d devices absent from %s", t.name(),
                            orphanRows, orphanDevices, Schema.SYSINFO));
                    filter = " WHERE CAST(" + guid + " AS STRING) IN (SELECT guid FROM device_guids)";
                }
            }
            if (!checked.passed() || !writing()) {
                return null;
            }
            List<String> columns = new ArrayList<>();
            for (Column col : t.columns()) {
                columns.add(TableCheck.castExpression(col, mapping.get(col.name())) + " AS " + col.sqlName());
            }
            String select = "SELECT " + String.join(", ", columns) + " FROM " + view + filter;
            if (held == null) {
                c.write(select, staged.file(t.fileName()));
            } else {
                String isHeld = heldSql.replace("GUID", "CAST(" + guid + " AS VARCHAR)");
                String and = filter.isEmpty() ? " WHERE " : " AND ";
                c.write(select + and + "NOT " + isHeld, staged.file(t.fileName()));
                c.write(select + and + isHeld, held.file(t.fileName()));
            }
            long kept = rows - orphanRows;
            progress.step(String.format("  %-45s %,12d rows  (%s)", t.name(), kept, source.fileName()));
            return new TableLoad(source.fileName(), source.format(), kept, orphanRows, orphanDevices, checked.dropped());
        }
    }
}
