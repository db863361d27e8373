package org.telesynth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "synthesize-pertable", mixinStandardHelpOptions = true,
        description = "The per-table baseline: one total (epsilon, delta) split over noisy device count, per-table"
                + " coverage, rows-per-device histograms and one-way marginals (DP partition selection for open"
                + " domains), charged once to the ledger before any data is read; child rows hang off random"
                + " synthetic devices (no cross-table relation, by design).",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth synthesize-pertable --in data/agg --data data/real --epsilon 4 \\",
                "      --delta 1e-5 --out data/synth/pertable"})
final class SynthesizePertableCommand implements Callable<Integer> {
    @Mixin
    ReleaseOptions options;

    @Override
    public Integer call() {
        return options.release("pertable", Map.of());
    }
}
