package org.telesynth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "synthesize-pe", mixinStandardHelpOptions = true,
        description = "Private Evolution, training-free: one total (epsilon, delta); a population of device records drawn"
                + " from public domains, evolved over T rounds in which every real device votes for its nearest synthetic"
                + " record (Gaussian noise on the votes); the conditional variant draws from and steers it to noisy workload"
                + " marginals;"
                + " child rows on the devices drawn from it. Charged once to the ledger before any data is read.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth synthesize-pe --in data/agg --data data/real --epsilon 4 --delta \\",
                "      1e-5 --out data/synth/pe",
                "  telesynth synthesize-pe --in data/agg --data data/real --epsilon 4 --seed 7 \\",
                "      --iterations 12 --population 50000 --out /tmp/pe",
                "Budget split, variation, blocking, distance, workload marginals, vanilla vs conditional: the pe: section of"
                        + " config/default.yaml; see docs/methods/pe.md."})
final class SynthesizePeCommand implements Callable<Integer> {
    @Mixin
    ReleaseOptions options;

    @Option(names = "--iterations", paramLabel = "T", description = "Rounds of voting (default: config, 16).")
    Integer iterations;

    @Option(names = "--population", paramLabel = "N", description = "Synthetic records per round (default: config, 50000).")
    Integer population;

    @Override
    public Integer call() {
        return options.release("pe", ReleaseOptions.given("iterations", iterations, "population", population));
    }
}
