package org.telesynth.cli;

import org.telesynth.io.Manifests;
import org.telesynth.sweep.Sweep;
import org.telesynth.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Methods x epsilons x seeds on one dataset: one load, aggregate and real benchmark, then each cell a seeded release"
                + " (in its own JVM, --parallel at a time) with its benchmark, comparison with the half-split noise floor, cross-table"
                + " fidelity and relations; then OUT/results.parquet and results.csv (one row per cell), sweep.md and sweep.html"
                + " (privacy-utility and cost curves, per-query pass rates, the recommendation).",
                "Cells are charged to a study ledger the sweep makes with room for every cell, or with --ledger to the dataset's own"
                        + " ledger, refused (exit 3) before the first cell unless its cap admits the whole sweep. A finished cell is kept:"
                        + " re-run a killed sweep to finish only the missing cells, never charged twice.",
                "Private: the scores compare with the real answers (docs/sweep.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth sweep --out study", "  telesynth sweep --methods pertable,marginal,dpvae,pe --epsilons \\",
                "      0.5,1,2,4,8,16 --seeds 1,2,3"
                + " --devices 200000 --parallel 2 --out study",
                "  telesynth sweep --in /exports/fleet-csv --methods marginal --epsilons 1,4 \\",
                "      --seeds 1 --out study",
                "  telesynth sweep --data real --ledger real --methods marginal --epsilons 4 \\",
                "      --seeds 1 --out study --json"})
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "sweep", paramLabel = "DIR", description = "Working directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--in", paramLabel = "DIR", description = "Load these tables (Parquet or CSV) instead of simulating.")
    Path in;

    @Option(names = "--data", paramLabel = "REAL", description = "Sweep this loaded dataset (a study copy in OUT/real, unless --ledger).")
    Path data;

    @Option(names = "--ledger", paramLabel = "REAL", description = "Charge the --data dataset's own ledger instead of a study ledger"
            + " (refused before the first cell unless its cap admits every cell).")
    Path ledger;

    @Option(names = "--methods", split = ",", defaultValue = "pertable,marginal,dpvae,pe", paramLabel = "M,...",
            description = "Release methods: pertable, pertable+dpvae (the per-table baseline with its DP-VAE device model), marginal,"
                    + " dpvae, pe. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--epsilons", split = ",", defaultValue = "1,4,16", paramLabel = "E,...", description = "Total epsilons. Default: ${DEFAULT-VALUE}.")
    List<Double> epsilons;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", paramLabel = "S,...",
            description = "Release seeds (every cell is seeded: reproducible, for evaluation). Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--delta", defaultValue = "1e-5", paramLabel = "D", description = "Total delta of each cell. Default: ${DEFAULT-VALUE}.")
    double delta;

    @Option(names = "--devices", defaultValue = "100000", paramLabel = "N", description = "Simulated devices. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--events", description = "Simulate the raw event tables too: every cell releases their summaries and"
            + " answers the seven event questions (docs/SCHEMA-events.md).")
    boolean events;

    @Option(names = "--days", defaultValue = "30", paramLabel = "D", description = "Simulated days. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--simulation-seed", defaultValue = "1", paramLabel = "S", description = "Seed of the simulated fleet. Default: ${DEFAULT-VALUE}.")
    long simulationSeed;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (default: built-in config/default.yaml).")
    Path config;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N",
            description = "Cells at a time, lowered to what fits in memory. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--bar", defaultValue = "14", paramLabel = "K",
            description = "Peer queries passed (of 21) that make a method good enough, for the recommendation. Default: ${DEFAULT-VALUE}.")
    int bar;

    @Option(names = "--json", description = "Print one JSON document on stdout (the result rows and the recommendation).")
    boolean json;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        SweepPlan plan = new SweepPlan(methods, epsilons, seeds, delta);
        Sweep.Options options = new Sweep.Options(out, in, data, ledger, devices, days, events, simulationSeed, config, plan, parallel, bar);
        Sweep.Outcome o = Sweep.run(options, quiet.progress());
        Path dir = out.toAbsolutePath().normalize();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out", dir.toString());
            m.put("private", true);
            m.put("rows", o.rows());
            m.put("failures", o.failures());
            m.put("recommendation", o.summary());
            System.out.println(Manifests.json().valueToTree(m).toPrettyString());
        } else {
            System.out.printf("%d cells: %s, %s (private)%n", o.rows().size(), dir.resolve("results.parquet"), dir.resolve("sweep.html"));
            int width = o.summary().smallestEpsilon().keySet().stream().mapToInt(String::length).max().orElse(0);
            o.summary().smallestEpsilon().forEach((m, e) -> System.out.printf("%-" + width + "s reaches %d of 21 at epsilon %s%n", m, bar,
                    e == null ? "- (not reached)" : e));
        }
        if (!o.failures().isEmpty()) {
            System.err.println("telesynth: " + o.failures().size() + " cells failed (logs in " + dir.resolve("cells") + "/<cell>/log.txt): "
                    + String.join(", ", o.failures().keySet()));
            return ExitCode.RUNTIME_FAILURE;
        }
        return ExitCode.OK;
    }
}
