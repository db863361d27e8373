package org.telesynth.cli;

import org.telesynth.BadInputException;
import org.telesynth.bench.Benchmark;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Run the analyst query suite (24 questions, built in) over a table set and write each answer"
                + " as OUT/<query>.csv, plus OUT/timings.json. A failing query stops the run with its name and"
                + " DuckDB's message (exit 1); --keep-going runs the rest, writes their answers and still exits 1.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth benchmark --tables data/real --out data/answers/real",
                "  telesynth benchmark --tables data/synth/pertable --out data/answers/pertable \\",
                "      --only ram_utilization_histogram",
                "  telesynth benchmark --tables data/real --out /tmp/a --queries my-queries \\",
                "      --threads 2 --memory-limit 3GB"})
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Directory of <table>.parquet files.")
    Path tables;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the answers go.")
    Path out;

    @Option(names = "--queries", paramLabel = "DIR", description = "A query directory (<name>.sql + <name>.json) instead of the built-in suite.")
    Path queries;

    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Run only these queries (comma-separated).")
    List<String> only = List.of();

    @Option(names = "--keep-going", description = "Run every query even when one fails.")
    boolean keepGoing;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "DuckDB threads (0 = all cores).")
    int threads;

    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "DuckDB memory limit, e.g. 3GB (default: DuckDB's).")
    String memoryLimit;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        if (memoryLimit != null && !memoryLimit.strip().matches("(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
            throw new BadInputException("--memory-limit must be a size such as 3GB or 512MiB, not '" + memoryLimit + "'");
        }
        List<QuerySpec> suite = QuerySuite.select(queries == null ? QuerySuite.forTables(tables) : QuerySuite.load(queries), only);
        ConsoleProgress progress = quiet.progress();
        progress.step("running " + suite.size() + " queries over " + tables + " -> " + out);
        Benchmark.Result r = Benchmark.run(tables, out, suite, new Benchmark.Options(keepGoing, threads, memoryLimit), progress);
        double total = r.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
        if (json.json) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("out", out.toAbsolutePath().normalize().toString());
            m.put("queries", suite.size());
            m.put("answered", r.seconds().size());
            m.put("seconds", r.seconds());
            m.put("failures", r.failures());
            m.put("skipped", r.skipped());
            JsonOption.print(m);
            return r.failures().isEmpty() ? ExitCode.OK : ExitCode.RUNTIME_FAILURE;
        }
        System.out.printf("%d of %d queries answered in %.1f s%s, written to %s%n", r.seconds().size(), suite.size(), total,
                r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped (they read tables absent from the input)", out);
        return r.failures().isEmpty() ? ExitCode.OK : ExitCode.RUNTIME_FAILURE;
    }
}
