package org.telesynth.synth;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes synthetic tables with exactly the contract's schema, keeping SCHEMA.md's invariants by construction:
 * memory sysinfo_ram = the device's ram x 1024; cpu_metadata's cpucode = sysinfo's; acdc = the first two letters of
 * ac_dc_event_name; OS intervals tile the window (and the year before it), so every blocker day (blockers go only
 * to devices with an OS history) falls inside one; timestamps fall on their row's day; min <= avg <= max where a
 * table has such triples; every child guid is a synthetic device.
 *
 * <p>Vectorised: rows are made in chunks of whole devices (about a million rows), column by column on primitive
 * arrays (cells drawn with each model's {@link AliasTable}), and each array goes to DuckDB as one LIST value,
 * where one INSERT unnests the chunk, turns cells into labels, derives the dependent columns and casts to the
 * contract's types. No Java object and no appender call per row. Rows keep their generation order (devices,
 * then rows), so the same seed gives the same file. Drawing from released models is post-processing: callers
 * pass a fast seeded stream keyed once from the release's source.
 */
public final class ChildRowGenerator {
    private static final int CHUNK_ROWS = 1 << 20;

    private final Connection c;
    private final ReleaseConfig config;
    private final SyntheticDevices devices;
    private final RandomSource random;
    private final Path scratch;
    /** The key-value metadata each table file carries in its footer (a release's provenance), or empty. */
    private final Map<String, String> footer;
    /** Tables written so far (names each table's part files apart). */
    private int tablesWritten;

    /**
     * @param random  post-processing randomness only (cells, values, device choices); never noise
     * @param scratch a private folder for the staging database
     */
    public ChildRowGenerator(Connection c, ReleaseConfig config, RandomSource random, SyntheticDevices devices, Path scratch) {
        this(c, config, random, devices, scratch, Map.of());
    }

    /** Writing into a release's staged output: its scratch for the parts, its Parquet footer on every table file. */
    public ChildRowGenerator(Connection c, ReleaseConfig config, RandomSource random, SyntheticDevices devices, StagedOutput out) {
        this(c, config, random, devices, out.scratch("staging"), out.parquetFooter());
    }

    private ChildRowGenerator(Connection c, ReleaseConfig config, RandomSource random, SyntheticDevices devices, Path scratch,
                              Map<String, String> footer) {
        this.c = c;
        this.footer = footer;
        try {
            this.scratch = Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + scratch, e);
        }
        this.config = config;
        this.random = random;
        this.devices = devices;
    }

    /** One row per device for a device table; sysinfo's ram and cpucode are kept for the other tables. */
    public long writeDeviceTable(TableSchema t, RowSampler sampler, Path file) {
        int[] all = new int[devices.size()];
        int[] one = new int[devices.size()];
        for (int d = 0; d < all.length; d++) {
            all[d] = d;
            one[d] = 1;
        }
        return write(t, all, one, sampler, file);
    }

    /** Rows of a child table: {@code rowsPerDevice[i]} rows for device {@code deviceIdx[i]}. */
    public long writeChildTable(TableSchema t, int[] deviceIdx, int[] rowsPerDevice, RowSampler sampler, Path file) {
        if (t.name().equals("system_os_codename_history")) {
            for (int d : deviceIdx) {
                devices.hasOsHistory[d] = true;
            }
        }
        return write(t, deviceIdx, rowsPerDevice, sampler, file);
    }

    /** The post-processing stream rows are drawn with. */
    public RandomSource random() {
        return random;
    }

    /** Draws for {@code count} devices their numbers of rows from a released histogram over 1..k. */
    public int[] rowsPerDevice(int count, double[] histogram) {
        AliasTable buckets = AliasTable.of(histogram);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = buckets.draw(random) + 1;
        }
        return out;
    }

    private long write(TableSchema t, int[] present, int[] rowsOf, RowSampler sampler, Path file) {
        List<ColumnSpec> specs = ColumnSpec.of(t, config);
        List<RowSampler.Draw> draws = new ArrayList<>();
        for (ColumnSpec s : specs) {
            draws.add(sampler.draw(s));
        }
        ChunkSql sql = new ChunkSql(t, specs, draws, config, devices.guidKey(), devices.cpucodeLabels());
        if (t.name().equals(Schema.SYSINFO)) {
            devices.cpucodeModel = draws.get(sql.index("cpucode")).models().get(0);
        }
        // chunks of whole devices of about CHUNK_ROWS rows (bounded memory), each with its own stream keyed here in
        // order, so the output does not depend on which worker runs which chunk
        List<int[]> bounds = new ArrayList<>();
        for (int from = 0; from < present.length; ) {
            int to = from;
            long rows = 0;
            while (to < present.length && (rows == 0 || rows + rowsOf[to] <= CHUNK_ROWS)) {
                rows += rowsOf[to++];
            }
            bounds.add(new int[]{from, to, (int) rows});
            from = to;
        }
        if (bounds.isEmpty()) {
            bounds.add(new int[]{0, 0, 0}); // no device present: one empty chunk still gives the file its schema
        }
        List<Path> parts = new ArrayList<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            int[] b = bounds.get(i);
            // a fresh name per table: DuckDB caches a file's blocks by path and modification time, so a part file
            // rewritten under the same name within one clock tick could be read back stale
            Path part = scratch.resolve("part-" + tablesWritten + "-" + i + ".parquet");
            long key = random.nextLong();
            parts.add(part);
            String chunkTable = "syn_chunk_" + i;
            tasks.add(() -> {
                writeChunk(chunkTable, sql, specs, draws, present, rowsOf, b, RandomSource.seeded(key), part);
                return null;
            });
        }
        runAll(tasks);
        tablesWritten++;
        try {
            // read back in chunk order: the same seed gives the same file
            List<String> files = parts.stream().map(f -> Duck.literal(f.toString())).toList();
            Duck.copyToParquet(c, sql.contractRows("read_parquet([" + String.join(", ", files) + "])"), file, footer);
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        long rows = 0;
        for (int[] b : bounds) {
            rows += b[2];
        }
        return rows;
    }

    /** Runs the chunk tasks on one worker per core (each on its own DuckDB connection); the first failure is rethrown. */
    private static void runAll(List<Callable<Void>> tasks) {
        int workers = Math.max(1, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing synthetic rows", ex);
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One chunk: rows of devices present[b0..b1), drawn column by column, handed over as lists, written as a Parquet part. */
    private void writeChunk(String chunkTable, ChunkSql sql, List<ColumnSpec> specs, List<RowSampler.Draw> draws, int[] present,
                            int[] rowsOf, int[] b, RandomSource rng, Path part) {
        int m = b[2];
        int[] d = new int[m];
        int[] r = new int[m];
        int[] n = new int[m];
        for (int i = b[0], at = 0; i < b[1]; i++) {
            for (int k = 0; k < rowsOf[i]; k++, at++) {
                d[at] = present[i];
                r[at] = k;
                n[at] = rowsOf[i];
            }
        }
        boolean sysinfo = specs.get(0).table().name().equals(Schema.SYSINFO);
        int ramColumn = sysinfo ? sql.index("ram") : -1;
        int cpucodeColumn = sysinfo ? sql.index("cpucode") : -1;
        try (Connection own = c.unwrap(DuckDBConnection.class).duplicate()) {
            Duck.exec(own, "CREATE OR REPLACE TABLE " + chunkTable + " (" + sql.chunkDeclaration() + ")");
            try (DuckDBAppender a = own.unwrap(DuckDBConnection.class).createAppender("main", chunkTable)) {
                a.beginRow().append(d).append(r).append(n);
                int[][] drawn = drawAll(specs, draws, d, r, specs.isEmpty() ? null : config.entities().get(specs.get(0).table().name()), rng);
                for (int j = 0; j < specs.size(); j++) {
                    ColumnModel model = draws.get(j).models().get(0);
                    int[] cells = drawn[j];
                    if (sql.isText(j)) {
                        a.append(listPositions(model, cells));
                    } else {
                        boolean[] isNull = new boolean[m];
                        double[] values = numbers(model, cells, isNull, rng);
                        a.append(values, isNull);
                        if (j == ramColumn) {
                            for (int i = 0; i < m; i++) {
                                devices.ramGb[d[i]] = values[i]; // devices of different chunks are disjoint
                            }
                        }
                    }
                    if (j == cpucodeColumn) {
                        for (int i = 0; i < m; i++) {
                            devices.cpucode[d[i]] = listPosition(model, cells[i]);
                        }
                    }
                }
                if (sql.needsSecondOfDay()) {
                    int[] second = new int[m];
                    for (int i = 0; i < m; i++) {
                        second[i] = (int) (rng.nextDouble() * 86400);
                    }
                    a.append(second);
                }
                if (sql.needsDevice()) {
                    double[] ram = new double[m];
                    int[] cpucode = new int[m];
                    for (int i = 0; i < m; i++) {
                        ram[i] = devices.ramGb[d[i]];
                        cpucode[i] = devices.cpucode[d[i]];
                    }
                    a.append(ram).append(cpucode);
                }
                a.endRow();
            }
            // a temporary part of plain numbers: cheap to write; labels, guids and types come in the final, parallel pass
            Duck.exec(own, "COPY (" + sql.unnest(chunkTable) + ") TO " + Duck.literal(part.toString()) + " (FORMAT parquet, COMPRESSION lz4_raw)");
            Duck.exec(own, "DROP TABLE " + chunkTable);
        } catch (SQLException ex) {
            throw new IllegalStateException(Duck.message(ex), ex);
        }
    }

    /**
     * The cells of every modelled column of a chunk, parents before the columns conditioned on them. A column of the
     * table's entity slots is drawn for a device's first {@code slots} rows only, and its later rows repeat them in
     * turn (row r takes slot r mod slots), before any column conditioned on it is drawn: a device has a few
     * displays (or blocker names) that recur day after day, as real devices do, instead of a new one per row.
     * Post-processing: which rows share a draw is fixed by the public config.
     *
     * @param rowOfDevice each row's position among its device's rows (rows of a device are consecutive)
     * @param entities    the table's entity slots, or null
     */
    private static int[][] drawAll(List<ColumnSpec> specs, List<RowSampler.Draw> draws, int[] d, int[] rowOfDevice,
                                   ReleaseConfig.EntitySlots entities, RandomSource rng) {
        int[][] drawn = new int[specs.size()][];
        for (int pass = 0; pass < specs.size(); pass++) {
            boolean progress = false;
            for (int j = 0; j < specs.size(); j++) {
                if (drawn[j] != null) {
                    continue;
                }
                String parent = draws.get(j).parentColumn();
                int p = -1;
                if (parent != null) {
                    for (int i = 0; i < specs.size(); i++) {
                        if (specs.get(i).column().name().equals(parent)) {
                            p = i;
                        }
                    }
                    if (p < 0) {
                        throw new IllegalArgumentException(specs.get(j).label() + ": parent column " + parent + " is not modelled");
                    }
                    if (drawn[p] == null) {
                        continue;
                    }
                }
                drawn[j] = drawCells(draws.get(j), d, p < 0 ? null : drawn[p], p < 0 ? 1 : draws.get(p).models().get(0).cells(), rng);
                if (entities != null && entities.columns().contains(specs.get(j).column().name())) {
                    int[] cells = drawn[j];
                    for (int i = 0; i < cells.length; i++) {
                        int k = rowOfDevice[i];
                        if (k >= entities.slots()) {
                            cells[i] = cells[i - k + k % entities.slots()];
                        }
                    }
                }
                progress = true;
            }
            if (!progress) {
                break;
            }
        }
        for (int j = 0; j < specs.size(); j++) {
            if (drawn[j] == null) {
                throw new IllegalArgumentException(specs.get(j).label() + ": its parents form a cycle");
            }
        }
        return drawn;
    }

    /** A cell per row, drawn from the model of the row's group with its alias table. */
    static int[] drawCells(RowSampler.Draw draw, int[] deviceOfRow, int[] parentCells, int parentK, RandomSource random) {
        List<ColumnModel> models = draw.models();
        AliasTable[] tables = new AliasTable[models.size()];
        for (int g = 0; g < tables.length; g++) {
            tables[g] = models.get(g).aliasTable();
        }
        int[] cells = new int[deviceOfRow.length];
        for (int i = 0; i < cells.length; i++) {
            int g = 0;
            if (tables.length > 1) {
                int deviceGroup = draw.deviceGroup() == null ? 0 : draw.deviceGroup().applyAsInt(deviceOfRow[i]);
                g = deviceGroup * parentK + (parentCells == null ? 0 : parentCells[i]);
            }
            cells[i] = tables[g].draw(random);
        }
        return cells;
    }

    /** 1-based positions in the column's label list, 0 for the NULL cell: what SQL's list_extract takes. */
    private static int[] listPositions(ColumnModel m, int[] cells) {
        int[] out = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = listPosition(m, cells[i]);
        }
        return out;
    }

    private static int listPosition(ColumnModel m, int cell) {
        return m.isNull(cell) ? 0 : cell + 1;
    }

    /** The number each cell stands for, in staging units (value, day offset, or seconds for a TIMESTAMP), uniform inside a bin. */
    private double[] numbers(ColumnModel m, int[] cells, boolean[] isNull, RandomSource random) {
        ColumnSpec s = m.spec();
        int bins = config.numericBins();
        double[] out = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            int cell = cells[i];
            if (m.isNull(cell)) {
                isNull[i] = true;
                continue;
            }
            out[i] = switch (s.kind()) {
                case VALUES -> s.values()[cell];
                case DAY -> cell;
                case NUMERIC -> s.clamp().valueAt((cell + random.nextDouble()) / bins);
                // binned in days, staged in whole seconds
                case DEVICE_DAY -> Math.rint(s.clamp().valueAt((cell + random.nextDouble()) / bins) * 86400);
                default -> throw new IllegalStateException(s.label() + " is not numeric");
            };
        }
        return out;
    }
}
