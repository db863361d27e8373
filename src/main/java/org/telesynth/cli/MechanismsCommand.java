package org.telesynth.cli;

import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;
import org.telesynth.privacy.study.MechanismStudy;
import org.telesynth.privacy.study.LogStats;
import org.telesynth.privacy.study.ProductCounts;
import org.telesynth.privacy.study.SyntheticArms;
import org.telesynth.report.MechanismStudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "mechanisms", mixinStandardHelpOptions = true,
        description = "The Gaussian-vs-Laplace study on an event log (simulate --profile eventlog): release per-product"
                + " user and error-user counts with Laplace, Gaussian and their discrete versions over an epsilon grid,"
                + " and measure the error of the derived error-rate z-scores. Writes runs.csv, summary.json, linf.png,"
                + " iou.png and index.html. Synthetic event logs join as more arms (--synthetic METHOD=DIR), scored by the"
                + " same metrics and by what only a log answers. A research tool on real data: it charges no ledger, and"
                + " its outputs are private.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth simulate --out data/eventlog --profile eventlog --devices 100000 \\",
                "      --seed 1",
                "  telesynth mechanisms --in data/eventlog --out data/mechanisms",
                "  telesynth mechanisms --in data/eventlog --out /tmp/m --runs 500 --epsilons \\",
                "      0.1,1,10 --delta 1e-6 --seed 3",
                "  telesynth mechanisms --in data/eventlog --out data/mechanisms \\",
                "      --synthetic marginal=data/synth/marginal --synthetic dpvae=data/synth/dpvae"})
final class MechanismsCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "PATH", description = "eventlog.parquet, or the directory holding it.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--runs", defaultValue = "100", paramLabel = "R", description = "Runs per mechanism and epsilon. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--epsilons", split = ",", defaultValue = "0.25,0.5,1,2,4,8", paramLabel = "E",
            description = "Epsilon grid. Default: ${DEFAULT-VALUE}.")
    List<Double> epsilons;

    @Option(names = "--delta", defaultValue = "1e-5", paramLabel = "D", description = "Delta of the Gaussian mechanisms. Default: ${DEFAULT-VALUE}.")
    double delta;

    @Option(names = "--synthetic", paramLabel = "METHOD=DIR",
            description = "A synthetic arm: DIR holds one synthetic event log (eventlog.parquet and its manifest) or one per"
                    + " subfolder, each a run at the epsilon its manifest records. Repeatable.")
    List<String> synthetic = List.of();

    @Mixin
    SeedOption seed;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ConsoleProgress progress = quiet.progress();
        RandomSource random = seed.source(progress);
        List<SyntheticArms.Arm> arms = synthetic.stream().map(SyntheticArms.Arm::parse).toList();
        arms.forEach(SyntheticArms.Arm::releases); // every arm's folder checked before the study runs
        ProductCounts truth = ProductCounts.read(in);
        progress.step("study: " + truth.products().size() + " products, " + epsilons.size() + " epsilons, " + runs + " runs");
        List<MechanismStudy.Run> results = new ArrayList<>(MechanismStudy.run(truth, epsilons, delta, runs, random, progress));
        if (!arms.isEmpty()) {
            results.addAll(SyntheticArms.score(LogStats.read(in, truth.products()), arms, progress));
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("stage", "mechanisms");
        provenance.put("code_version", VersionProvider.version());
        provenance.put("input", in.toAbsolutePath().normalize().toString());
        provenance.put("runs", runs);
        provenance.put("seed", seed.seed);
        provenance.put("synthetic", synthetic);
        try (StagedOutput staged = new StagedOutput(out)) {
            MechanismStudyReport.write(staged.directory(), truth, results, epsilons, delta, provenance);
            staged.commit();
        }
        if (json.json) {
            JsonOption.printFile(out.resolve("summary.json"));
            return ExitCode.OK;
        }
        System.out.printf("wrote %d runs to %s (runs.csv, summary.json, linf.png, iou.png, index.html)%n", results.size(), out);
        return ExitCode.OK;
    }
}
