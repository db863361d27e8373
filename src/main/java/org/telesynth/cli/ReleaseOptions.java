package org.telesynth.cli;

import org.telesynth.agg.ReleaseConfig;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.ReleaseRunner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The options every synthesize-* command shares, and the release call around the method's own work. */
final class ReleaseOptions {
    @Option(names = "--in", required = true, paramLabel = "AGG", description = "aggregate's output.")
    Path agg;

    @Option(names = "--data", required = true, paramLabel = "REAL", description = "The real tables' directory (its ledger is charged).")
    Path data;

    @Option(names = "--epsilon", defaultValue = "4", paramLabel = "E", description = "Total epsilon. Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--delta", defaultValue = "1e-5", paramLabel = "D", description = "Total delta. Default: ${DEFAULT-VALUE}.")
    double delta;

    @Option(names = "--out", required = true, paramLabel = "SYNTH", description = "Output directory.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (default: built-in config/default.yaml).")
    Path config;

    @Mixin
    QuietOption quiet;

    @Mixin
    SeedOption seed;

    /** A method's release: its plan's events, and its work over the staged output. */
    record Method(List<PrivacyEvent> events, Work work) {
    }

    interface Work {
        Map<String, Long> run(RandomSource random, ConsoleProgress progress, StagedOutput staged);
    }

    /** Composes, charges, runs and reports one release; {@code method} builds the plan (once) from the config. */
    int release(String name, Function<ReleaseConfig, Method> method) {
        return release(name, Map.of(), method);
    }

    /** As above, with the method's own command-line parameters (recorded in the manifest and the parameter hash). */
    int release(String name, Map<String, Object> methodParameters, Function<ReleaseConfig, Method> method) {
        ConsoleProgress progress = quiet.progress();
        ReleaseConfig c = ReleaseConfig.load(config);
        RandomSource random = seed.source(progress);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epsilon", epsilon);
        params.put("delta", delta);
        params.putAll(methodParameters);
        var request = new ReleaseRunner.Request(name, epsilon, delta, agg, data, out, c, seed.seed, params);
        Method m = method.apply(c);
        Map<String, Object> manifest = ReleaseRunner.release(request, m.events(), staged -> m.work().run(random, progress, staged), progress);
        System.out.printf("released %s with epsilon %s, delta %s into %s%n", manifest.get("method"),
                ((Map<?, ?>) manifest.get("privacy")).get("epsilon"), ((Map<?, ?>) manifest.get("privacy")).get("delta"), out);
        return ExitCode.OK;
    }
}
