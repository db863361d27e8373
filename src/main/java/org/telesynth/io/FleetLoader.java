package org.telesynth.io;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.Ledger;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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

    /** What was loaded from one table. */
    public record TableLoad(String file, String format, long rows, long droppedOrphanRows, long droppedOrphanDevices,
                            List<String> droppedColumns) {
    }

    /**
     * @param dropOrphans drop child rows whose guid is not in the device table (reported) instead of failing
     * @return per table, in contract order, what was loaded
     * @throws BadInputException naming table and column on the first problem
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
        if (!Files.isDirectory(in)) {
            throw new BadInputException("--in: not a directory: " + in);
        }
        OutputPaths.checkApart("--out", out, "--in", in);
        Ledger existing = Files.isDirectory(out) ? new Ledger(out) : null;
        String datasetId = existing != null && existing.exists() ? existing.read().datasetId() : Dataset.idOrNew(out);
        List<TableSource> sources = Schema.tables().stream().map(t -> TableSource.find(in, t)).toList();
        long started = System.nanoTime();
        Map<String, TableLoad> loaded = new LinkedHashMap<>();
        try (StagedOutput staged = new StagedOutput(out)) {
            Connection c = Duck.open(0, "2GB", staged.scratch("spill"));
            try (c) {
                for (TableSource source : sources) {
                    loaded.put(source.table().name(), loadTable(c, source, staged, dropOrphans, progress));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            Map<String, Object> manifest = Manifests.load(in, dropOrphans, loaded, Manifests.readIfPresent(in.resolve("manifest.json")),
                    (System.nanoTime() - started) / 1e9);
            manifest.put(Dataset.KEY, datasetId);
            Manifests.write(staged.file("manifest.json"), manifest);
            staged.commit();
        }
        // the dataset's ledger, made here (under its lock) and by budget init only: a release never makes one
        new Ledger(out).createIfAbsent(config.capEpsilon(), config.capDelta(), datasetId);
        return loaded;
    }

    private static TableLoad loadTable(Connection c, TableSource source, StagedOutput staged, boolean dropOrphans,
                                       Progress progress) {
        TableSchema t = source.table();
        String view = "input_" + t.name();
        try {
            Duck.exec(c, "CREATE OR REPLACE TEMP VIEW " + Column.quote(view) + " AS SELECT * FROM " + source.readSql());
        } catch (IllegalStateException e) {
            throw TableCheck.unreadable(source, new SQLException(e.getMessage(), e));
        }
        view = Column.quote(view);
        TableCheck.Result checked = TableCheck.run(c, view, source, progress);
        Map<String, String> mapping = checked.mapping();
        String guid = Column.quote(mapping.get("guid"));
        long rows = checked.rows();
        long orphanRows = 0;
        long orphanDevices = 0;
        String filter = "";
        if (t.name().equals(Schema.SYSINFO)) {
            Duck.exec(c, "CREATE OR REPLACE TEMP TABLE device_guids AS SELECT DISTINCT CAST(" + guid + " AS VARCHAR) AS guid FROM " + view);
        } else {
            String orphan = " FROM " + view + " WHERE CAST(" + guid + " AS VARCHAR) NOT IN (SELECT guid FROM device_guids)";
            orphanRows = Duck.queryLong(c, "SELECT count(*)" + orphan);
            if (orphanRows > 0) {
                orphanDevices = Duck.queryLong(c, "SELECT count(DISTINCT " + guid + ")" + orphan);
                if (!dropOrphans) {
                    throw new BadInputException(t.name() + ".guid: " + orphanRows + " rows from " + orphanDevices
                            + " devices have a guid absent from " + Schema.SYSINFO + " (--drop-orphans drops them)");
                }
                progress.warn(String.format("%s: dropped %,d orphan rows from %,d devices absent from %s", t.name(),
                        orphanRows, orphanDevices, Schema.SYSINFO));
                filter = " WHERE CAST(" + guid + " AS VARCHAR) IN (SELECT guid FROM device_guids)";
            }
        }
        List<String> columns = new ArrayList<>();
        for (Column col : t.columns()) {
            columns.add(TableCheck.castExpression(col, mapping.get(col.name())) + " AS " + col.sqlName());
        }
        Duck.copyToParquet(c, "SELECT " + String.join(", ", columns) + " FROM " + view + filter, staged.file(t.fileName()));
        long kept = rows - orphanRows;
        progress.step(String.format("  %-45s %,12d rows  (%s)", t.name(), kept, source.file().getFileName()));
        return new TableLoad(source.file().getFileName().toString(), source.format(), kept, orphanRows, orphanDevices, checked.dropped());
    }
}
