package org.telesynth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "synthesize-marginal", mixinStandardHelpOptions = true,
        description = "The marginal method: one total (epsilon, delta); a Bayesian network (up to two parents per"
                + " attribute, chosen by the exponential mechanism over every candidate) over device attributes and each"
                + " child table's device summaries (rows bucket, column levels, top categories), measured with Gaussian"
                + " noise; child rows on the devices the model makes present, as many as their rows bucket says, each"
                + " column drawn from a noisy marginal given the device's summary of it (and a configured row parent)."
                + " Charged once to the ledger before any data is read.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth synthesize-marginal --in data/agg --data data/real --epsilon 4 \\",
                "      --delta 1e-5 --out data/synth/marginal",
                "  telesynth synthesize-marginal --in data/agg --data data/real --epsilon 1 \\",
                "      --delta 1e-5 --seed 7 --out /tmp/m --config my.yaml",
                "  telesynth synthesize-marginal --in /mnt/agg --data /mnt/real --epsilon 4 \\",
                "      --delta 1e-5 --out /mnt/synth --engine spark --spark-master yarn",
                "With --engine spark the measurements (group-by counts over AGG) run on Spark and only the noisy"
                        + " counts reach this machine, which samples and writes the tables (docs/spark.md).",
                "  telesynth synthesize-marginal --eventlog --in data/eventlog --data \\",
                "      data/eventlog --epsilon 4 --out data/synth/eventlog",
                "Budget split, summaries, row clip and row parents: the marginal: section of config/default.yaml; see docs/methods/marginal.md."})
final class SynthesizeMarginalCommand implements Callable<Integer> {
    @Mixin
    ReleaseOptions options;

    @Mixin
    EngineOption engine;

    @Option(names = "--eventlog", description = "Event-log mode: --in is simulate --profile eventlog's output (eventlog.parquet),"
            + " the unit a user; user-level marginals, and a synthetic eventlog.parquet assembled user by user from them"
            + " (see docs/methods/eventlog.md).")
    boolean eventlog;

    @Override
    public Integer call() {
        return options.release(eventlog ? "marginal-eventlog" : "marginal", Map.of(), engine);
    }
}
