package org.telesynth.cli;

import org.telesynth.BadInputException;
import org.telesynth.engine.Engines;
import picocli.CommandLine.Option;

/** Shared {@code --engine} and {@code --spark-master} of the stages that run on either engine (load, aggregate, and synthesize-marginal's measurements). */
public final class EngineOption {
    @Option(names = "--engine", defaultValue = "duckdb", paramLabel = "E", description = "Where the SQL runs: duckdb (embedded)"
            + " or spark (the same SQL on Apache Spark, the same output; built on first use, docs/spark.md). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--spark-master", paramLabel = "URL", description = "With --engine spark: local[*] (the default),"
            + " spark://host:7077 or yarn.")
    String sparkMaster;

    /** Refuses an unknown engine, or a master without Spark, before anything is read. */
    void check() {
        if (!Engines.NAMES.contains(engine)) {
            throw new BadInputException("--engine must be one of " + String.join(", ", Engines.NAMES) + ", not " + engine);
        }
        if (sparkMaster != null && !engine.equals(Engines.SPARK)) {
            throw new BadInputException("--spark-master goes with --engine spark");
        }
    }
}
