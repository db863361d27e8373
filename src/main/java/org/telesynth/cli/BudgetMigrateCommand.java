package org.telesynth.cli;

import org.telesynth.ledger.LedgerMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Move a dataset's file ledger (cap, entries, audit log) into a database ledger, exactly once: the"
                + " file ledger then refuses charges. Idempotent; a target holding a different history for the dataset"
                + " is refused (exit 2).",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth budget migrate --data data/real --from file: \\",
                "      --to jdbc:postgresql://ledger.internal/telesynth?user=ci"})
final class BudgetMigrateCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The real tables' directory.")
    Path data;

    @Option(names = "--from", defaultValue = "file:", paramLabel = "URI", description = "The ledger to move. Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URI", description = "The database ledger, jdbc:postgresql://...")
    String to;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        LedgerMigration.Result r = LedgerMigration.migrate(data, from, to);
        if (json.json) {
            JsonOption.print(r);
            return ExitCode.OK;
        }
        System.out.printf("%s dataset %s: %d entries, %d audit rows%n", r.alreadyDone() ? "already migrated," : "migrated", r.datasetId(),
                r.entries(), r.auditRows());
        return ExitCode.OK;
    }
}
