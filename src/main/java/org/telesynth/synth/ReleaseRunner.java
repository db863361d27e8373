package org.telesynth.synth;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.AbsentTables;
import org.telesynth.io.Duck;
import org.telesynth.io.Hashes;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.Accountant;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.LedgerEntry;
import org.telesynth.privacy.RandomSource;
import org.telesynth.privacy.Spent;

import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one release path every method takes, in this order: check the paths, let the method validate its public
 * settings into a plan (bad settings stop here), compose the plan (it must fit the request), check that the input
 * belongs to the dataset of {@code --data} and that AGG was bounded as the plan assumes, charge the ledger (a
 * refusal stops here, exit 3, nothing written), and only then read the private input and write the synthetic tables
 * into a staging folder, stamp each table file's Parquet footer with the release's public provenance
 * ({@link ParquetProvenance}), write the public manifest ({@link ReleaseManifest}: public settings and released values
 * only) and the private provenance ({@link ReleaseProvenance}, beside the ledger), and move the tables into place.
 * Whatever the method, the tables AGG lists as absent from the input ({@link AbsentTables}) are written empty.
 */
public final class ReleaseRunner {
    private ReleaseRunner() {
    }

    /**
     * Where a release reads and writes.
     *
     * @param in   the private input: AGG, or the event log folder
     * @param data the dataset whose ledger is charged (REAL)
     * @param out  the synthetic tables' directory
     * @param replace whether an earlier release in {@code out} may be replaced ({@code --force}); without it a
     *                non-empty {@code out} is refused, since that release was paid for
     */
    public record Paths(Path in, Path data, Path out, boolean replace, boolean overrideAllowance) {
        /** Without overriding the budget policy's allowance. */
        public Paths(Path in, Path data, Path out, boolean replace) {
            this(in, data, out, replace, false);
        }

        public Paths(Path in, Path data, Path out) {
            this(in, data, out, false);
        }
    }

    /** What a release produced: its public manifest, and the rows it wrote per table. */
    public record Result(Map<String, Object> manifest, Map<String, Long> rows) {
    }

    /**
     * One release.
     *
     * @param seed   the seed behind {@code random}, or null when it is secure (recorded in the manifest)
     * @param random the release's randomness
     */
    public static <P extends SynthesisPlan> Result release(Synthesizer<P> method, ReleaseConfig config, ReleaseRequest request,
                                                           Paths paths, Long seed, RandomSource random, Progress progress) {
        long started = System.nanoTime();
        long cpuStarted = org.telesynth.StageCost.processCpuNanos();
        if (!Files.isDirectory(paths.in())) {
            throw new BadInputException("--in: not a directory: " + paths.in() + (method.input() == Synthesizer.Input.AGG
                    ? " (run telesynth aggregate first)" : ""));
        }
        if (!Files.isDirectory(paths.data())) {
            throw new BadInputException("--data: not a directory: " + paths.data());
        }
        OutputPaths.checkApart("--out", paths.out(), "--in", paths.in(), "--data", paths.data());
        if (!paths.replace()) {
            OutputPaths.checkNoEarlierRelease("--out", paths.out());
        }
        if (!request.engine().equals(org.telesynth.engine.Engines.DUCKDB) && !method.measuresOnEngines()) {
            throw new BadInputException("--engine " + request.engine() + ": synthesize-" + method.name() + " measures on duckdb only");
        }
        org.telesynth.engine.Engines.requireAvailable(request.engine());
        method.checkInput(paths.in());
        if (method.input() == Synthesizer.Input.AGG) {
            // public (HeldEventSummaries): the event summaries AGG holds, from its manifest; the plan budgets them
            config = config.withEventSummaries(org.telesynth.io.HeldEventSummaries.of(paths.in()));
        }
        P plan = method.plan(config, request);
        Spent spent = Accountant.standard().compose(plan.events(), request.delta());
        if (spent.epsilon() > request.epsilon() * (1 + 1e-9) || spent.delta() > request.delta() * (1 + 1e-9)) {
            throw new IllegalStateException("the plan composes to (" + spent.epsilon() + ", " + spent.delta() + "), over the requested ("
                    + request.epsilon() + ", " + request.delta() + ")");
        }
        Ledger ledger = Ledger.of(paths.data());
        DatasetBinding.check(method.input(), paths, config, ledger);
        // public (AbsentTables): which tables the export lacked, from AGG's manifest, never from the tables
        List<String> absent = method.input() == Synthesizer.Input.AGG ? AbsentTables.of(paths.in()) : List.of();
        String parameterHash = parameterHash(method.name(), request, config, seed);
        // a seeded run is reproducible down to its id; a secure one gets a fresh id
        String runId = seed == null ? UUID.randomUUID().toString() : seededRunId(parameterHash, seed);
        if (seed != null) {
            progress.warn("--seed " + seed + ": the output is reproducible and NOT fit for release (the noise can be re-derived)");
        }
        if (resumable(ledger, runId, parameterHash, paths.in())) {
            progress.step("resuming the interrupted release " + runId + " under its charge in " + ledger.location() + " (no new charge)");
        } else {
            ledger.charge(new LedgerEntry(runId, method.name(), LedgerEntry.describe(plan.events()), spent.epsilon(), spent.delta(),
                    parameterHash, Instant.now().toString(), seed != null), paths.overrideAllowance());
            progress.step(String.format("charged epsilon %.4g, delta %.3g to %s", spent.epsilon(), spent.delta(), ledger.location()));
        }
        Map<String, String> footer = ParquetProvenance.of(method.name(), runId, request, seed != null);
        try (StagedOutput staged = new StagedOutput(paths.out(), ledger.privateDirectory().resolve("scratch"), footer)) {
            Map<String, Long> rows = new LinkedHashMap<>(method.synthesize(paths.in(), plan, random, staged, progress));
            emptyAbsent(absent, staged, rows, progress);
            // the empty tables of absent ones (and any writer that could not attach the keys) are stamped here
            ParquetProvenance.stamp(staged.directory(), footer, staged.scratch("provenance-spill"));
            Map<String, Object> manifest = ReleaseManifest.of(method.name(), runId, request, plan, spent, parameterHash, seed,
                    rows, absent);
            Path manifestFile = staged.file("manifest.json");
            Manifests.write(manifestFile, manifest);
            // the private side first: if the move below fails, run sees a provenance with no release and releases again
            ReleaseProvenance.write(ledger, runId, paths, Hashes.sha256(manifestFile), rows,
                    new org.telesynth.StageCost((System.nanoTime() - started) / 1e9, (org.telesynth.StageCost.processCpuNanos() - cpuStarted) / 1e9,
                            org.telesynth.StageCost.peakRss()));
            staged.commit();
            // until here the entry reads "charged": a kill -9 before this line leaves it so, marking an interrupted release
            ledger.markReleased(runId);
            return new Result(manifest, rows);
        }
    }

    /**
     * Replaces the synthetic table of each absent table with an empty one (the contract's columns and types): the
     * real table is empty by the export's shape, not by chance, and noise drawn for its coverage must not give it
     * rows. Post-processing only. The plan still measured it (each method splits its budget over the 19 tables),
     * so that share of the budget buys nothing; it is spent all the same, and the events say so.
     */
    private static void emptyAbsent(List<String> absent, StagedOutput staged, Map<String, Long> rows, Progress progress) {
        if (absent.isEmpty()) {
            return;
        }
        try (Connection c = Duck.open(1, null, null)) {
            for (String name : absent) {
                TableSchema t = Schema.table(name);
                Path file = staged.file(t.fileName());
                Files.deleteIfExists(file);
                AbsentTables.writeEmpty(c, t, file);
                rows.put(name, 0L);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        progress.step("  absent from the input, written empty: " + String.join(", ", absent));
    }

    /**
     * Whether this release was charged before and killed before its tables were marked in place, so that it may
     * finish under that charge. Only a seeded release qualifies: its run id is derived from its parameters and seed,
     * and it recomputes exactly the same output from the same input, so finishing it publishes no more than the one
     * output that was paid for. The input must be the one the interrupted run read, where its provenance says so.
     */
    private static boolean resumable(Ledger ledger, String runId, String parameterHash, Path in) {
        LedgerEntry earlier = ledger.entry(runId);
        if (earlier == null || !earlier.seeded() || !LedgerEntry.CHARGED.equals(earlier.outcome()) || !parameterHash.equals(earlier.parameterHash())) {
            return false;
        }
        com.fasterxml.jackson.databind.JsonNode provenance = Manifests.readIfPresent(ledger.privateDirectory().resolve("releases").resolve(runId + ".json"));
        return provenance == null || Manifests.json().valueToTree(ReleaseProvenance.inputHashes(in)).equals(provenance.path("input_hashes"));
    }

    /** The run id of a seeded release: derived from its parameters and seed, so a re-run of it is recognisable. */
    public static String seededRunId(String parameterHash, long seed) {
        return UUID.nameUUIDFromBytes((parameterHash + "/" + seed).getBytes()).toString();
    }

    /** A hash of everything that defines a release but the data: method, request, config, seed. */
    public static String parameterHash(String method, ReleaseRequest request, ReleaseConfig config, Long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("epsilon", request.epsilon());
        p.put("delta", request.delta());
        p.put("options", request.options());
        p.put("config", config.hash());
        p.put("seed", seed);
        return Hashes.sha256(p.toString().getBytes());
    }
}
