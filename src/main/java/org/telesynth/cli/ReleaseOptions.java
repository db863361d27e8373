package org.telesynth.cli;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.pipeline.Synthesizers;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.ReleaseRunner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** The options every synthesize-* command shares, and the release call through the registry. */
final class ReleaseOptions {
    @Option(names = "--in", required = true, paramLabel = "AGG", description = "aggregate's output.")
    Path agg;

    @Option(names = "--data", required = true, paramLabel = "REAL", description = "The real tables AGG was aggregated from (their ledger is charged).")
    Path data;

    @Option(names = "--epsilon", defaultValue = "4", paramLabel = "E", description = "Total epsilon, in [0.001, 1000]. Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--delta", defaultValue = "1e-5", paramLabel = "D", description = "Total delta, in (0, 1). Default: ${DEFAULT-VALUE}.")
    double delta;

    @Option(names = "--out", required = true, paramLabel = "SYNTH", description = "Output directory (apart from --in and --data).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration laid over the built-in config/default.yaml.")
    Path config;

    @Option(names = "--force", description = "Replace the release already in --out (it was paid for: without --force a non-empty --out is refused).")
    boolean force;

    @Mixin
    QuietOption quiet;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonOption json;

    @Mixin
    LedgerOption ledger;

    @Option(names = "--override", description = "Release even over the budget policy's per-release allowance (never over"
            + " the cap); recorded in the ledger's audit log.")
    boolean override;

    /** Releases with the named method; {@code options} are its command-line options that were given. */
    int release(String method, Map<String, Integer> options) {
        return release(method, options, null);
    }

    /** As above, the measurements on the engine {@code engine} names (null: DuckDB). */
    int release(String method, Map<String, Integer> options, EngineOption engine) {
        // a release's progress carries no timings: how long a step takes depends on the real data
        ConsoleProgress progress = quiet.untimedProgress();
        ReleaseConfig c = ReleaseConfig.load(config);
        ReleaseRequest request = engine == null ? new ReleaseRequest(epsilon, delta, options)
                : new ReleaseRequest(epsilon, delta, options, engine.engine, engine.sparkMaster);
        var result = ReleaseRunner.release(Synthesizers.get(method), c, request, new ReleaseRunner.Paths(agg, data, out, force, override), seed.seed,
                org.telesynth.privacy.RandomSource.of(seed.seed), progress);
        if (json.json) {
            // the release's public manifest: mechanism outputs and public settings only
            JsonOption.print(result.manifest());
            return ExitCode.OK;
        }
        Map<?, ?> privacy = (Map<?, ?>) result.manifest().get("privacy");
        System.out.printf("released %s with epsilon %s, delta %s into %s%n", method, privacy.get("epsilon"), privacy.get("delta"), out);
        return ExitCode.OK;
    }

    /** A map of the options that were given (null ones left out). */
    static Map<String, Integer> given(Object... nameValue) {
        Map<String, Integer> m = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) {
                m.put((String) nameValue[i], (Integer) nameValue[i + 1]);
            }
        }
        return m;
    }
}
