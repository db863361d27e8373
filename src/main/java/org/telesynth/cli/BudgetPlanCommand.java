package org.telesynth.cli;

import org.telesynth.ledger.BudgetPolicy;
import org.telesynth.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Split what the dataset's ledger has left over N releases (equal, decaying or reserve) and print the"
                + " per-release allowance; with --record the ledger holds later releases to it (a release over its"
                + " allowance exits 3 unless --override is given, which the audit log records).",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth budget plan --data data/real --releases 4 --strategy equal",
                "  telesynth budget plan --data data/real --releases 6 --strategy decaying \\",
                "      --record",
                "  telesynth budget plan --data data/real --releases 10 --strategy reserve --json"})
final class BudgetPlanCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The real tables' directory.")
    Path data;

    @Option(names = "--releases", required = true, paramLabel = "N", description = "How many more releases to plan for.")
    int releases;

    @Option(names = "--strategy", defaultValue = "equal", paramLabel = "S",
            description = "equal (the same each), decaying (halving: early releases get more), reserve (80 %% split equally,"
                    + " 20 %% kept back). Default: ${DEFAULT-VALUE}.")
    String strategy;

    @Option(names = "--record", description = "Record the plan in the ledger (replacing an earlier one).")
    boolean record;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Mixin
    LedgerOption ledgerOption;

    @Override
    public Integer call() {
        Ledger ledger = Ledger.of(data);
        BudgetPolicy policy = BudgetPolicy.plan(strategy, releases, ledger.read());
        if (record) {
            ledger.recordPolicy(policy);
        }
        if (json.json) {
            JsonOption.print(java.util.Map.of("recorded", record, "policy", policy));
            return ExitCode.OK;
        }
        System.out.print(policy.describe() + (record ? "recorded in " + ledger.location() + "\n" : "not recorded (add --record)\n"));
        return ExitCode.OK;
    }
}
