package org.telesynth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "synthesize-marginal", mixinStandardHelpOptions = true,
        description = "The marginal method: one total (epsilon, delta); a tree-structured graphical model over device"
                + " attributes and every child table's presence, its edges chosen by the exponential mechanism for the"
                + " query workload, measured with Gaussian noise; child rows on the devices the model makes present,"
                + " each column drawn from a noisy marginal crossed with its configured parent (a row column or a device"
                + " attribute). Charged once to the ledger before any data is read.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth synthesize-marginal --in data/agg --data data/real --epsilon 4 --delta 1e-5 --out data/synth/marginal",
                "  telesynth synthesize-marginal --in data/agg --data data/real --epsilon 1 --delta 1e-5 --seed 7 --out /tmp/m --config my.yaml",
                "Budget split, row clip and parents: the marginal: section of config/default.yaml; see docs/methods/marginal.md."})
final class SynthesizeMarginalCommand implements Callable<Integer> {
    @Mixin
    ReleaseOptions options;

    @Override
    public Integer call() {
        return options.release("marginal", Map.of());
    }
}
