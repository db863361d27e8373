package org.telesynth.cli;

import org.telesynth.agg.Aggregator;
import org.telesynth.config.ReleaseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Bound each device's contribution (at most k rows per table, picked by a hash of the row's grain;"
                + " numeric values clamped to public bounds; rows outside the public window dropped) and build the"
                + " device profile. Input: loaded real tables; output: AGG, read only by the synthesizers.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth aggregate --in data/real --out data/agg",
                "  telesynth aggregate --in data/real --out data/agg --config my-config.yaml",
                "  telesynth aggregate --in data/real --out data/agg --engine spark",
                "  telesynth aggregate --in data/real --out data/agg --engine spark \\",
                "      --spark-master spark://head:7077"})
final class AggregateCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "REAL", description = "Loaded real tables (load's output).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "AGG", description = "Output directory.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (default: the built-in config/default.yaml).")
    Path config;

    @Mixin
    EngineOption engine;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ConsoleProgress progress = quiet.progress();
        engine.check();
        ReleaseConfig c = ReleaseConfig.load(config);
        progress.step("aggregating " + in + " -> " + out + " (" + c.source() + ")");
        Map<String, Long> rows = Aggregator.run(in, out, c, engine.engine, engine.sparkMaster, progress);
        if (json.json) {
            JsonOption.print(Map.of("out", out.toAbsolutePath().normalize().toString(), "config", c.source(), "rows_kept", rows,
                    "total_rows_kept", rows.values().stream().mapToLong(Long::longValue).sum()));
            return ExitCode.OK;
        }
        System.out.printf("aggregated %d tables, %,d rows kept, into %s%n", rows.size(),
                rows.values().stream().mapToLong(Long::longValue).sum(), out);
        return ExitCode.OK;
    }
}
