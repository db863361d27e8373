package org.telesynth.cli;

import org.telesynth.ledger.AuditRecord;
import org.telesynth.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the ledger's audit log: every attempt to charge, oldest first, with who, where, when, what it"
                + " asked and how it ended (charged, refused, rolled_back, migrated).",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth budget history --data data/real",
                "  telesynth budget history --data data/real --json \\",
                "      | jq '.[] | select(.outcome == \"refused\")'"})
final class BudgetHistoryCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The real tables' directory.")
    Path data;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Mixin
    LedgerOption ledgerOption;

    @Override
    public Integer call() {
        Ledger ledger = Ledger.of(data);
        ledger.read();
        List<AuditRecord> h = ledger.history();
        if (json.json) {
            JsonOption.print(h);
            return ExitCode.OK;
        }
        for (AuditRecord r : h) {
            System.out.printf(Locale.ROOT, "%s  %-11s %-20s epsilon %.6g  delta %.3g  %s  %s@%s%s%n", r.time(), r.outcome(), r.method(), r.epsilon(),
                    r.delta(), r.runId(), r.user(), r.host(), r.detail().isEmpty() ? "" : "  " + r.detail().lines().findFirst().orElse(""));
        }
        System.out.printf("%d attempts in %s%n", h.size(), ledger.location());
        return ExitCode.OK;
    }
}
