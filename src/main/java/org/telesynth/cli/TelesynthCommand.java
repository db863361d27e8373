package org.telesynth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: lists the stages; each stage is its own subcommand. */
@Command(name = "telesynth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Differentially private synthetic device telemetry: simulate or load the 19 reporting tables,"
                + " release DP synthetic copies under one device-level budget, and score them on the analyst queries.",
        subcommands = {SimulateCommand.class, LoadCommand.class, AggregateCommand.class, SynthesizePertableCommand.class,
                SynthesizeMarginalCommand.class, SynthesizeDpvaeCommand.class, SynthesizePeCommand.class, CalibrateCommand.class,
                SqlCommand.class, ExportCommand.class, BenchmarkCommand.class, CompareCommand.class, AuditCommand.class,
                BudgetCommand.class, MechanismsCommand.class, RunCommand.class, SweepCommand.class, SweepCellCommand.class,
                ConfigCommand.class, picocli.AutoComplete.GenerateCompletion.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  telesynth run                      # the whole chain on the simulated fleet",
                "  telesynth simulate --out data/raw --devices 200000 --seed 7",
                "  telesynth load --in data/raw --out data/real   # validate any export",
                "  telesynth sql --tables data/raw \"SELECT count(*) FROM system_userwait\"",
                "  telesynth benchmark --tables data/real --out data/answers/real",
                "  telesynth calibrate --tables data/raw   # against the real-fleet facts",
                "",
                "  source <(telesynth generate-completion)        # bash/zsh completion",
                "",
                "Exit codes: 0 ok, 1 runtime failure, 2 usage or bad input, 3 privacy budget refused,",
                "4 an audit gate failed. Every command takes -q and --json."})
public final class TelesynthCommand {
    @Option(names = "--stacktrace", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace on failure (default: one line).")
    boolean stacktrace;
}
