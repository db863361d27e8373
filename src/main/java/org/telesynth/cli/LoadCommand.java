package org.telesynth.cli;

import org.telesynth.io.FleetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Read the 19 reporting tables (<table>.parquet, .csv or .csv.gz), validate them against the"
                + " schema contract and write typed ZSTD Parquet to DIR/<table>.parquet, atomically. Bad input is"
                + " reported in one line naming every missing table, missing column and failed check (with its first"
                + " bad line or row), exit 2, and leaves --out untouched. Tables in load.optional_tables may be missing:"
                + " they are loaded empty and recorded as absent.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth load --in data/raw --out data/real",
                "  telesynth load --in /exports/fleet-csv --out data/real --drop-orphans",
                "  # 20 %% of devices to data/holdout",
                "  telesynth load --in data/raw --out data/real --holdout-share 0.2",
                "  # with load: {optional_tables: [...]} in optional.yaml",
                "  telesynth load --in /exports/partial --out data/real --config optional.yaml",
                "  # on Spark, from HDFS (docs/spark.md)",
                "  telesynth load --in hdfs://head:8020/exports/fleet --out data/real \\",
                "      --engine spark --spark-master yarn"})
final class LoadCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "DIR", description = "Directory of input tables: a local folder or,"
            + " with --engine spark, any Hadoop-compatible folder URI (hdfs://, s3a://, file:).")
    String in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--drop-orphans", description = "Drop child rows whose guid is not in"
            + " system_sysinfo_unique_normalized (and report them) instead of failing.")
    boolean dropOrphans;

    @Option(names = "--holdout-share", paramLabel = "F", description = "Set this share of the devices (all their rows) aside"
            + " in --holdout, by a keyed hash of guid: no release reads them, and audit compares members with them.")
    Double holdoutShare;

    @Option(names = "--holdout", paramLabel = "DIR", description = "Where the held-out devices go (default: a folder holdout beside --out).")
    Path holdoutDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (default: the built-in config/default.yaml):"
            + " load.optional_tables, and the budget cap of a new dataset's ledger.")
    Path config;

    @Mixin
    EngineOption engine;

    @Mixin
    QuietOption quiet;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @picocli.CommandLine.Mixin
    LedgerOption ledger;

    @Override
    public Integer call() {
        ConsoleProgress progress = quiet.progress();
        engine.check();
        progress.step("loading " + in + " -> " + out + (engine.engine.equals(org.telesynth.engine.Engines.DUCKDB) ? "" : " on " + engine.engine));
        FleetLoader.Holdout holdout = holdoutShare == null ? null : new FleetLoader.Holdout(holdoutShare,
                holdoutDir != null ? holdoutDir : out.toAbsolutePath().normalize().resolveSibling("holdout"));
        if (holdout == null && holdoutDir != null) {
            throw new org.telesynth.BadInputException("--holdout needs --holdout-share");
        }
        Map<String, FleetLoader.TableLoad> loaded = FleetLoader.load(new FleetLoader.Input(in, engine.engine, engine.sparkMaster), out, dropOrphans,
                org.telesynth.config.ReleaseConfig.load(config), holdout, progress);
        long rows = loaded.values().stream().mapToLong(FleetLoader.TableLoad::rows).sum();
        long dropped = loaded.values().stream().mapToLong(FleetLoader.TableLoad::droppedOrphanRows).sum();
        long absent = loaded.values().stream().filter(l -> l.file() == null).count();
        if (json.json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("out", out.toAbsolutePath().normalize().toString());
            m.put("tables", loaded.size() - absent);
            m.put("rows", rows);
            m.put("dropped_orphan_rows", dropped);
            m.put("absent_tables", loaded.entrySet().stream().filter(e -> e.getValue().file() == null).map(Map.Entry::getKey).toList());
            JsonOption.print(m);
            return ExitCode.OK;
        }
        System.out.printf("loaded %d tables, %,d rows, into %s%s%s%n", loaded.size() - absent, rows, out,
                dropped > 0 ? String.format(" (dropped %,d orphan rows)", dropped) : "",
                absent > 0 ? String.format(" (%d absent tables loaded empty)", absent) : "");
        return ExitCode.OK;
    }
}
