package org.telesynth.bench;

import org.telesynth.Progress;
import org.telesynth.io.AbsentTables;
import org.telesynth.schema.EventSchema;
import org.telesynth.schema.TableSchema;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.io.SqlGuard;
import org.telesynth.io.StagedOutput;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code benchmark} stage: runs the query suite over one table set and writes each answer as
 * {@code <out>/<query>.csv} (DuckDB's CSV: header, NULL as empty) plus {@code timings.json}. Every table must be
 * present before anything runs; outputs are staged and moved into place together. Each query must parse as exactly
 * one SELECT, and runs on a connection that can open only the tables and the staging folder. A query that reads a
 * table the table set's manifest lists as absent ({@link AbsentTables}: the export lacked it) is not run but
 * skipped, with its reason in {@code skipped.json} and a warning: its answer would be about an empty table.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /**
     * Options of one run. {@code threads <= 0} uses every core; {@code memoryLimit} null keeps DuckDB's default;
     * {@code deviceFilter} is a SQL condition on guid applied to every table (null: all devices).
     */
    public record Options(boolean keepGoing, int threads, String memoryLimit, String deviceFilter) {
        public Options(boolean keepGoing, int threads, String memoryLimit) {
            this(keepGoing, threads, memoryLimit, null);
        }

        /** The same options over one of two disjoint halves of the devices (half 0 or 1, split by a hash of guid). */
        public Options half(int half) {
            if (half != 0 && half != 1) {
                throw new IllegalArgumentException("half must be 0 or 1, got " + half);
            }
            return new Options(keepGoing, threads, memoryLimit, "hash(guid) % 2 = " + half);
        }
    }

    /** Seconds per query, the queries that failed with DuckDB's message, and the skipped ones with the reason. */
    public record Result(Map<String, Double> seconds, Map<String, String> failures, Map<String, String> skipped) {
    }

    /** The file of an answer directory naming each skipped query and why ({@code {"<query>": "<reason>"}}). */
    public static final String SKIPPED = "skipped.json";

    public static Result run(Path tables, Path out, List<QuerySpec> queries, Options options, Progress progress) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> absent = AbsentTables.of(tables);
        long started = System.nanoTime();
        OutputPaths.checkApart("--out", out, "--tables", tables);
        try (StagedOutput staged = new StagedOutput(out)) {
            Connection c = Duck.open(options.threads(), options.memoryLimit(), staged.scratch("spill"));
            try (c) {
                Path real = OutputPaths.real(tables);
                TableViews.create(c, real, true, options.deviceFilter());
                for (QuerySpec q : queries) {
                    SqlGuard.requireOneSelect(c, q.sql(), "query " + q.name());
                }
                // from here DuckDB opens nothing but the tables and the staging folder: a query cannot write elsewhere
                List<TableSchema> readable = new ArrayList<>(Schema.releasable());
                readable.addAll(EventSchema.tables());
                SqlGuard.lockDown(c, readable.stream().map(t -> real.resolve(t.fileName())).toList(),
                        OutputPaths.real(staged.directory()));
                for (QuerySpec q : queries) {
                    List<String> missing = q.tables().stream().filter(absent::contains).toList();
                    List<String> noEvents = q.tables().stream().filter(t -> Schema.find(t).isEmpty() && !TableViews.holds(real, t)).toList();
                    if (!missing.isEmpty() || !noEvents.isEmpty()) {
                        String reason = !missing.isEmpty()
                                ? "reads " + String.join(", ", missing) + ", absent from the input (load.optional_tables)"
                                : "reads " + String.join(", ", noEvents) + ", which these tables lack (no event data: docs/SCHEMA-events.md)";
                        skipped.put(q.name(), reason);
                        progress.warn("skipped " + q.name() + ": " + reason);
                        continue;
                    }
                    long t0 = System.nanoTime();
                    try {
                        // the text is one SELECT (checked above); the newline ends a trailing line comment
                        Duck.exec(c, "COPY (" + stripTrailingSemicolon(q.sql()) + "\n) TO "
                                + Duck.literal(staged.file(q.name() + ".csv").toString()) + " (HEADER, DELIMITER ',')");
                    } catch (IllegalStateException e) {
                        failures.put(q.name(), e.getMessage());
                        progress.warn("query " + q.name() + " failed: " + e.getMessage());
                        if (!options.keepGoing()) {
                            throw new QueryFailedException(q.name(), e.getMessage());
                        }
                        continue;
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    seconds.put(q.name(), s);
                    progress.step(String.format("  %-62s %6.2f s", q.name(), s));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(Duck.message(e), e);
            }
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("tables", tables.toAbsolutePath().normalize().toString());
            timings.put("seconds", seconds);
            timings.put("total_seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
            timings.put("failures", failures);
            timings.put("skipped", skipped);
            Manifests.write(staged.file("timings.json"), timings);
            // which tables these answers are of (the release's public manifest, or the real tables' private one), for compare
            com.fasterxml.jackson.databind.JsonNode source = Manifests.readIfPresent(tables.resolve("manifest.json"));
            if (source != null) {
                Manifests.writeAtomically(staged.file("source-manifest.json"), source);
            }
            if (!skipped.isEmpty()) {
                Manifests.write(staged.file(SKIPPED), new LinkedHashMap<>(skipped));
            }
            staged.commit();
        }
        return new Result(seconds, failures, skipped);
    }

    private static String stripTrailingSemicolon(String sql) {
        return sql.strip().replaceFirst(";\\s*$", "");
    }

    /** A query of the suite failed (exit 1: the suite or the tables are wrong, not the user's arguments). */
    public static final class QueryFailedException extends RuntimeException {
        public QueryFailedException(String query, String message) {
            super("query " + query + " failed: " + message);
        }
    }
}
