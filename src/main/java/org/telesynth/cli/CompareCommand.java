package org.telesynth.cli;

import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.report.CompareStage;
import org.telesynth.report.Comparison;
import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.fidelity.FidelityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Score synthetic query answers against real ones (directories of <query>.csv, as benchmark writes"
                + " them) and write OUT/report.json, report.md and report.html: the published peer score per query,"
                + " group coverage, cell errors, rank agreement, and the peers' own scores beside ours.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth compare --real data/answers/real --synth data/answers/pertable \\",
                "      --out data/reports/pertable",
                "  telesynth compare --real data/answers/real --synth data/answers/marginal \\",
                "      --out data/reports/marginal \\",
                "      --noise-floor data/real",
                "  telesynth compare --real data/answers/real --synth data/answers/marginal \\",
                "      --out data/reports/marginal \\",
                "      --real-tables data/real --synth-tables data/synth/marginal --fidelity-floor data/raw-floor",
                "  telesynth compare --real data/answers/real --synth data/answers/marginal \\",
                "      --out data/reports/marginal --shareable",
                "The report holds real data (internal); OUT/shareable.html leaves every real number out."})
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "DIR", description = "Real answers (<query>.csv).")
    Path real;

    @Option(names = "--synth", required = true, paramLabel = "DIR", description = "Synthetic answers (<query>.csv).")
    Path synth;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the reports go.")
    Path out;

    @Option(names = "--noise-floor", paramLabel = "REAL_TABLES",
            description = "Real tables: split the devices in two halves, run the suite on both and report every error"
                    + " as a multiple of the half-vs-half error.")
    Path noiseFloor;

    @Option(names = "--queries", paramLabel = "DIR", description = "Query metadata directory instead of the built-in suite.")
    Path queries;

    @Option(names = "--real-tables", paramLabel = "REAL_TABLES", description = "With --synth-tables: add the cross-table fidelity"
            + " of the synthetic tables against these real ones (P(child feature | device attribute), docs/compare.md).")
    Path realTables;

    @Option(names = "--synth-tables", paramLabel = "SYNTH_TABLES", description = "The synthetic tables, for the cross-table fidelity.")
    Path synthTables;

    @Option(names = "--fidelity-floor", paramLabel = "TABLES", description = "An independent fleet of the same size and story:"
            + " its cross-table fidelity against --real-tables is the noise floor.")
    Path fidelityFloor;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (its device attributes and clamps) for the fidelity measure.")
    Path config;

    @Option(names = "--shareable", description = "Also write OUT/shareable.html and shareable.md: the release's privacy facts and its synthetic answers"
            + " only, every number computed from the real data left out (the main report is internal: it holds real data).")
    boolean shareable;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @picocli.CommandLine.Mixin
    LedgerOption ledger;

    @Override
    public Integer call() {
        List<QuerySpec> suite = queries == null ? QuerySuite.forAnswers(real) : QuerySuite.load(queries);
        ConsoleProgress progress = quiet.progress();
        if ((realTables == null) != (synthTables == null) || (fidelityFloor != null && realTables == null)) {
            throw new org.telesynth.BadInputException("--real-tables and --synth-tables go together (and --fidelity-floor needs them)");
        }
        FidelityReport fidelity = null;
        org.telesynth.report.QualityScore quality = null;
        if (realTables != null) {
            org.telesynth.config.ReleaseConfig c = org.telesynth.config.ReleaseConfig.load(config);
            progress.step("cross-table fidelity of " + synthTables + " against " + realTables);
            fidelity = new FidelityReport(CrossTableFidelity.measure(realTables, synthTables, c),
                    fidelityFloor == null ? null : CrossTableFidelity.measure(realTables, fidelityFloor, c));
            progress.step("column shapes and pair trends of " + synthTables);
            quality = org.telesynth.report.QualityScore.of(org.telesynth.audit.ShapesAndTrends.measure(realTables, synthTables,
                    c.audit().sampleRows()), fidelity);
        }
        CompareStage.Extras extras = new CompareStage.Extras(org.telesynth.report.ReportContext.of(real, synth, realTables != null ? realTables
                : noiseFloor, synthTables), quality, shareable);
        Comparison c = CompareStage.run(real, synth, out, suite, noiseFloor, null, fidelity, extras, progress);
        c.onlyInSynth().forEach(n -> progress.warn("only in --synth, not scored: " + n));
        c.unknown().forEach(n -> progress.warn("no metadata for " + n + ", not scored"));
        c.skipped().forEach((n, why) -> progress.warn("skipped, not scored: " + n + " (" + why + ")"));
        if (json.json) {
            JsonOption.printFile(out.resolve("report.json"));
            return ExitCode.OK;
        }
        if (shareable) {
            System.out.println("shareable version (no real-data numbers): " + out.resolve("shareable.html"));
        }
        System.out.printf("passed %d of %d queries (mean score %.2f)%s; reports in %s%n", c.passed(), c.queries().size(),
                c.meanScore(), c.medianNormalizedError() == null ? "" : String.format(", median normalised error %.2f",
                        c.medianNormalizedError()), out);
        return ExitCode.OK;
    }
}
