package org.telesynth.cli;

import org.telesynth.pipeline.HeadlineTable;
import org.telesynth.pipeline.Pipeline;
import org.telesynth.sim.FleetSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The whole chain on the embedded default: simulate the fleet (unless --in is given), load it,"
                + " aggregate, release it with one method (--method, default pertable) under one (epsilon, delta), answer the query suite on"
                + " real and synthetic tables, compare them (with the half-split noise floor) and print a headline"
                + " table. Stages whose inputs and parameters are unchanged are skipped (no release is charged twice).",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth run", "  telesynth run --devices 200000 --epsilon 1 --seed 7 --out data",
                "  telesynth run --method marginal --devices 200000 --seed 1",
                "  telesynth run --in /exports/fleet-csv --epsilon 4 --delta 1e-6"})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "data", paramLabel = "DIR",
            description = "Working directory: raw/, real/, agg/, synth/, answers/, reports/. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--in", paramLabel = "DIR", description = "Load these tables (Parquet or CSV) instead of simulating.")
    Path in;

    @Option(names = "--devices", defaultValue = "100000", paramLabel = "N", description = "Simulated devices. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--days", defaultValue = "30", paramLabel = "D", description = "Simulated days. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--events", description = "Simulate the raw event tables too (simulate --events): the release adds their"
            + " device-level summaries and the run the seven event questions (docs/SCHEMA-events.md).")
    boolean events;

    @Option(names = "--epsilon", defaultValue = "4", paramLabel = "E", description = "Total epsilon of the release. Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--delta", defaultValue = "1e-5", paramLabel = "D", description = "Total delta. Default: ${DEFAULT-VALUE}.")
    double delta;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (default: built-in config/default.yaml).")
    Path config;

    @Option(names = "--method", defaultValue = "pertable", paramLabel = "M",
            description = "Release method: pertable, marginal, dpvae or pe. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--holdout-share", paramLabel = "F", description = "Hold this share of the devices out of the release (load"
            + " --holdout-share), into OUT/holdout/, for the audit's privacy attacks.")
    Double holdoutShare;

    @Option(names = "--gates", description = "Audit the release after compare (docs/audit.md) into OUT/audit/<method>/; exit 4 when a gate"
            + " fails. The verdict is recorded in the release's private provenance.")
    boolean gates;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonOption json;

    @Mixin
    QuietOption quiet;

    @picocli.CommandLine.Mixin
    LedgerOption ledger;

    @Override
    public Integer call() {
        ConsoleProgress progress = new ConsoleProgress(System.err, quiet.quiet);
        Pipeline.Headline h = new Pipeline(out, in, devices, days, events, seed.seed, epsilon, delta, config, method, holdoutShare, gates).run(progress);
        if (json.json) {
            JsonOption.print(HeadlineTable.json(h, out));
            return h.audit() != null && h.audit().verdict() == org.telesynth.audit.Verdict.FAIL ? ExitCode.GATE_FAILED : ExitCode.OK;
        }
        progress.step("summary of " + out.resolve("real"));
        System.out.print(FleetSummary.table(FleetSummary.of(out.resolve("real"))));
        System.out.print(HeadlineTable.of(h));
        Path report = out.resolve("reports").resolve(h.method()).resolve("report.html");
        System.out.println("reports: " + report + " (internal: contains real data)");
        if (h.audit() != null) {
            System.out.printf("audit: %s (%s tier), %s (private)%n", h.audit().verdict(), h.audit().tier(),
                    out.resolve("audit").resolve(h.method()).resolve("audit.html"));
            if (h.audit().verdict() == org.telesynth.audit.Verdict.FAIL) {
                System.out.println("audit FAIL: this release is not for sharing (recorded in its private provenance)");
                return ExitCode.GATE_FAILED;
            }
        }
        System.out.print(whatNext(report));
        return ExitCode.OK;
    }

    /** The next steps a new user would take, as commands to copy. */
    private String whatNext(Path report) {
        String real = out.resolve("real").toString();
        String synth = out.resolve("synth").resolve(method).toString();
        return String.format("%nnext:%n"
                        + "  open the report      %s%n"
                        + "  audit the release    telesynth audit --real %s --synth %s --out %s%n"
                        + "  compare methods      telesynth sweep --methods pertable,marginal,pe --epsilons 1,4 --seeds 1 --out sweep%n"
                        + "  another epsilon      telesynth run --out %s --epsilon 1%s%n",
                report.toUri(), real, synth, out.resolve("audit").resolve(method), out, in == null ? "   (a study ledger records it)" : "");
    }
}
