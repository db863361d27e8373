package org.telesynth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "synthesize-dpvae", mixinStandardHelpOptions = true,
        description = "The DP-VAE method: one total (epsilon, delta); a variational autoencoder over the device profile"
                + " (device attributes, every child table's presence and rows per device) trained with DP-SGD (Poisson"
                + " sampling, per-example clipping, Gaussian noise, RDP accounting); synthetic devices decoded from it;"
                + " child rows on the devices it makes present, columns from noisy marginals crossed with device"
                + " attributes. Charged once to the ledger before any data is read.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth synthesize-dpvae --in data/agg --data data/real --epsilon 4 \\",
                "      --delta 1e-5 --out data/synth/dpvae",
                "  telesynth synthesize-dpvae --in data/agg --data data/real --epsilon 4 --seed \\",
                "      7 --epochs 5 --batch-size 2048 --out /tmp/v",
                "  telesynth synthesize-dpvae --eventlog --in data/eventlog --data \\",
                "      data/eventlog --epsilon 4 --out data/synth/eventlog",
                "Budget split, network size, clip: the dpvae: section of config/default.yaml; see docs/methods/dpvae.md."})
final class SynthesizeDpvaeCommand implements Callable<Integer> {
    @Mixin
    ReleaseOptions options;

    @Option(names = "--epochs", paramLabel = "N", description = "Expected passes over the devices (default: config, 15).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Expected batch size of the Poisson sampling (default: config, 4096).")
    Integer batchSize;

    @Option(names = "--eventlog", description = "Event-log mode: --in is simulate --profile eventlog's output (eventlog.parquet),"
            + " the unit a user; writes a synthetic eventlog.parquet (see docs/methods/dpvae.md).")
    boolean eventlog;

    @Override
    public Integer call() {
        return options.release(eventlog ? "dpvae-eventlog" : "dpvae", ReleaseOptions.given("epochs", epochs, "batch_size", batchSize));
    }
}
