package org.telesynth.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;
import org.telesynth.BudgetRefusedException;
import org.telesynth.Progress;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.pipeline.Stages;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.LedgerEntry;
import org.telesynth.report.Comparison;
import org.telesynth.report.QueryScore;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.ReleaseRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sweep: the shared stages once (simulate or load, aggregate, the real answers, the half-split noise floor and
 * the cross-table floor), the budget checked for every cell not yet paid for before the first cell runs, then the
 * cells ({@link CellRun}, each in its own JVM, {@code parallel} at a time within memory), then the results table
 * and the page. A finished cell (its result.json, written last) is skipped, so a killed sweep re-run finishes only
 * the missing cells; a cell killed mid-release resumes under its charge (a seeded release recomputes the same
 * output), so no cell is ever charged twice.
 */
public final class Sweep {
    /**
     * @param out     working directory
     * @param in      tables to load instead of simulating, or null
     * @param data    a loaded dataset to sweep instead, or null
     * @param ledger  with {@code data}: charge that dataset's own ledger (must be {@code data}); null: a study ledger
     * @param devices simulated devices (no {@code in} or {@code data})
     * @param days    simulated days
     * @param events  simulate the raw event tables too (the cells release their summaries and answer the event questions)
     * @param simulationSeed seed of the simulated fleet (its floor fleet takes seed + 1)
     * @param bar     peer queries passed that make a method good enough, for the recommendation
     */
    public record Options(Path out, Path in, Path data, Path ledger, int devices, int days, boolean events, long simulationSeed, Path config,
                          SweepPlan plan, int parallel, int bar) {
        public Options {
            if (in != null && data != null) {
                throw new BadInputException("give --in (tables to load) or --data (a loaded dataset), not both");
            }
            if (ledger != null && (data == null || !OutputPaths.real(ledger).equals(OutputPaths.real(data)))) {
                throw new BadInputException("--ledger must be the --data folder whose ledger the sweep charges (a dataset's ledger lives in it)");
            }
            if (devices < 1 || days < 1) {
                throw new BadInputException("--devices and --days must be at least 1");
            }
            if (parallel < 1) {
                throw new BadInputException("--parallel must be at least 1, not " + parallel);
            }
            if (bar < 0 || bar > 21) {
                throw new BadInputException("--bar is a count of the peers' 21 queries, 0 to 21, not " + bar);
            }
        }
    }

    /** What the sweep produced: a row per finished cell, and the cells that failed with their last line. */
    public record Outcome(List<Map<String, Object>> rows, Map<String, String> failures, SweepReport.Summary summary) {
    }

    private Sweep() {
    }

    public static Outcome run(Options o, Progress progress) {
        ReleaseConfig config = ReleaseConfig.load(o.config());
        // each method's configuration (with its variant's overlay) once, before anything is read or written
        Map<String, ReleaseConfig> configs = new LinkedHashMap<>();
        o.plan().methods().forEach(m -> configs.put(m, SweepMethod.of(m).config(o.config())));
        SweepLayout layout = new SweepLayout(o.out().toAbsolutePath().normalize());
        SweepPlan plan = o.plan();
        List<SweepCell> cells = plan.cells();
        if (o.ledger() != null) {
            // a named (production) ledger: refused before anything is written unless its cap admits every unpaid cell
            checkRoom(Ledger.of(o.data()), unpaid(cells, plan, configs, Ledger.of(o.data())), plan);
        }
        Stages stages = new Stages(config, progress);
        Path real;
        boolean simulated = o.in() == null && o.data() == null;
        if (o.ledger() != null) {
            real = o.data().toAbsolutePath().normalize();
        } else {
            Path raw = o.data() != null ? o.data() : o.in() != null ? o.in() : layout.raw();
            if (simulated) {
                stages.simulate(raw, o.devices(), o.days(), o.simulationSeed(), o.events());
            }
            real = layout.out().resolve("real");
            stages.load(raw, real, null, null);
            studyLedger(Ledger.of(real), cells, plan, configs, progress);
        }
        stages.aggregate(real, layout.agg());
        List<QuerySpec> suite = QuerySuite.forTables(real);
        stages.benchmark("benchmark real", real, layout.realAnswers(), suite);
        Path[] halves = stages.noiseFloor(real, layout.halves(), suite);
        Comparison ceiling = Comparison.run(halves[0], halves[1], suite, null);
        Double floorTvd = null;
        if (simulated) {
            Path floor = stages.floorFleet(layout.rawFloor(), o.devices(), o.days(), o.simulationSeed());
            floorTvd = stages.timed("fidelity floor", () -> CrossTableFidelity.measure(real, floor, config).mean());
        }
        long devices = o.devices(); // the public setting, not the loaded count: a count read from the data is private
        writeSettings(layout, real, o, floorTvd, ceiling);
        List<SweepCell> todo = new ArrayList<>();
        for (SweepCell c : cells) {
            Map<String, Object> done = CellRun.read(layout, c);
            boolean current = done != null && new Stages(configs.get(c.method()), progress).released(SweepMethod.of(c.method()).method(),
                    new ReleaseRequest(c.epsilon(), plan.delta()), c.seed(), layout.agg(), real, layout.cell(c).resolve("synth"));
            if (!current) {
                todo.add(c);
            }
        }
        Map<String, String> failures = runCells(layout, todo, cells.size(), o, devices, progress);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SweepCell c : cells) {
            Map<String, Object> row = CellRun.read(layout, c);
            if (row != null) {
                rows.add(row);
            }
        }
        SweepResults.write(rows, layout.resultsParquet(), layout.resultsCsv());
        SweepReport.Summary summary = SweepReport.write(layout, SweepResults.read(layout.resultsParquet()), plan, o.bar(), ceiling,
                simulated, failures);
        return new Outcome(rows, failures, summary);
    }

    /** The cells whose release the ledger holds no charge for (by their seeded run ids). */
    private static List<SweepCell> unpaid(List<SweepCell> cells, SweepPlan plan, Map<String, ReleaseConfig> configs, Ledger ledger) {
        Map<String, LedgerEntry> charged = SweepPlan.byRunId(ledger.read().entries());
        return cells.stream().filter(c -> !charged.containsKey(runId(c, plan, configs.get(c.method())))).toList();
    }

    /** A cell's seeded run id: what its release is charged under (under its method's configuration, with any variant). */
    static String runId(SweepCell c, SweepPlan plan, ReleaseConfig config) {
        return ReleaseRunner.seededRunId(ReleaseRunner.parameterHash(SweepMethod.of(c.method()).method(), new ReleaseRequest(c.epsilon(), plan.delta()),
                config, c.seed()), c.seed());
    }

    private static void checkRoom(Ledger ledger, List<SweepCell> unpaid, SweepPlan plan) {
        Ledger.State s = ledger.read();
        double[] need = plan.need(unpaid);
        double leftEps = s.capEpsilon() - s.spentEpsilon();
        double leftDelta = s.capDelta() - s.spentDelta();
        // a study ledger (public data) records every cell and refuses none
        if (!ledger.isStudy() && (need[0] > leftEps + 1e-9 || need[1] > leftDelta + 1e-12)) {
            Path data = ledger.data();
            throw new BudgetRefusedException(String.format(Locale.ROOT,
                    "budget refused before the first cell: the sweep's %d unpaid cells need epsilon %.6g, delta %.3g, but %s has only"
                            + " epsilon %.6g, delta %.3g left (cap epsilon %s, delta %s; spent epsilon %.6g, delta %.3g in %d releases). To proceed:"
                            + " sweep without --ledger (a study ledger of the sweep's own copy), or fewer cells; or raise the cap with telesynth"
                            + " budget init --data %s --epsilon E --delta D; see every charge with telesynth budget show --data %s",
                    unpaid.size(), need[0], need[1], data, Math.max(0, leftEps), Math.max(0, leftDelta), s.capEpsilon(), s.capDelta(),
                    s.spentEpsilon(), s.spentDelta(), s.entries().size(), data, data));
        }
    }

    /**
     * Makes the sweep's own dataset ledger a study ledger with room for every unpaid cell, and says so. Its dataset
     * is the sweep's copy of the data; a study ledger is for evaluating methods, and nothing released on it is for
     * sharing.
     */
    private static void studyLedger(Ledger ledger, List<SweepCell> cells, SweepPlan plan, Map<String, ReleaseConfig> configs, Progress progress) {
        Ledger.State s = ledger.read();
        double[] need = plan.need(unpaid(cells, plan, configs, ledger));
        double cap = Math.max(s.capEpsilon(), s.spentEpsilon() + need[0]);
        double capDelta = Math.min(0.5, Math.max(s.capDelta(), s.spentDelta() + need[1]));
        if (cap != s.capEpsilon() || capDelta != s.capDelta()) {
            ledger.init(cap, capDelta);
        }
        ledger.markStudy("sweep", "an evaluation ledger of the sweep's own copy of the data: releases charged here compare methods and are not for sharing");
        progress.step(String.format(Locale.ROOT, "study ledger %s: cap epsilon %.6g, delta %.3g, room for all %d cells (an evaluation"
                + " ledger of the sweep's own copy of the data: nothing released on it is for sharing)", ledger.location(), cap, capDelta, cells.size()));
    }

    private static void writeSettings(SweepLayout layout, Path real, Options o, Double floorTvd, Comparison ceiling) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("real", real.toString());
        m.put("config", o.config() == null ? null : o.config().toAbsolutePath().normalize().toString());
        m.put("delta", o.plan().delta());
        m.put("plan", o.plan().json());
        m.put("fidelity_floor_mean_tvd", floorTvd);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("passed", ceiling.passed());
        c.put("peer_passed", ceiling.queries().stream().filter(q -> q.peerScored() && q.passed()).count());
        m.put("real_halves", c);
        Manifests.write(layout.settings(), m);
    }

    private static Map<String, String> runCells(SweepLayout layout, List<SweepCell> todo, int total, Options o, long devices, Progress progress) {
        Map<String, String> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
        if (todo.isEmpty()) {
            progress.step("sweep: all " + total + " cells are done (kept)");
            return failures;
        }
        double largest = todo.stream().mapToDouble(c -> CellMemory.peakGb(c.method(), devices)).max().orElse(1);
        int parallel = CellMemory.parallel(o.parallel(), largest);
        if (parallel < o.parallel()) {
            progress.warn(String.format(Locale.ROOT, "--parallel %d lowered to %d: a cell needs up to %.1f GB here", o.parallel(), parallel, largest));
        }
        progress.step(String.format("sweep: %d of %d cells to run (%d done), %d at a time", todo.size(), total, total - todo.size(), parallel));
        long started = System.nanoTime();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepCell c : todo) {
                futures.add(pool.submit(() -> {
                    CellProcess.Outcome r = CellProcess.run(layout, c, devices);
                    int n = finished.incrementAndGet();
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    double eta = elapsed / n * (todo.size() - n);
                    String line;
                    Map<String, Object> row = r.exitCode() == 0 ? CellRun.read(layout, c) : null;
                    if (row == null) {
                        failures.put(c.id(), "exit " + r.exitCode() + ": " + r.lastLine());
                        line = c.id() + ": FAILED (exit " + r.exitCode() + ", " + layout.cell(c).resolve("log.txt") + "): " + r.lastLine();
                    } else {
                        line = String.format(Locale.ROOT, "%s: %s of %s peer queries, error %s, relations %s of %s, %.0f s", c.id(),
                                row.get("peer_passed"), row.get("peer_queries"), row.get("median_normalized_error") == null ? "-"
                                        : String.format(Locale.ROOT, "%.2f", ((Number) row.get("median_normalized_error")).doubleValue()),
                                row.get("relations_held"), row.get("relations_checked"), ((Number) row.get("cell_seconds")).doubleValue());
                    }
                    synchronized (progress) {
                        progress.step(bar(n, todo.size()) + " " + line + String.format(Locale.ROOT, "; ETA %s", duration(eta)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    /** A text bar of {@code done} of {@code total}, 20 wide. */
    static String bar(int done, int total) {
        int filled = (int) Math.round(20.0 * done / total);
        return String.format("[%s%s] %d/%d", "#".repeat(filled), "-".repeat(20 - filled), done, total);
    }

    static String duration(double seconds) {
        return seconds < 90 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
}
