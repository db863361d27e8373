package org.telesynth.ledger;

import org.telesynth.BadInputException;
import org.telesynth.privacy.LedgerEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code budget migrate}: moves a dataset's file ledger (cap, every entry, the audit log) into a database ledger,
 * exactly once. The copy is one transaction on the target; then the file ledger is marked moved, so it refuses
 * later charges (a charge there would spend the budget twice). Running it again finds the same history on the
 * target and does nothing; a target that holds a different history for the dataset is refused.
 */
public final class LedgerMigration {
    /** What a migration did. */
    public record Result(String datasetId, int entries, int auditRows, boolean alreadyDone) {
    }

    private LedgerMigration() {
    }

    public static Result migrate(Path data, String from, String to) {
        if (!LedgerLocation.isFile(from) || LedgerLocation.isFile(to)) {
            throw new BadInputException("budget migrate moves a file ledger into a database one: --from file: --to jdbc:postgresql://...,"
                    + " not --from " + LedgerLocation.redacted(from) + " --to " + LedgerLocation.redacted(to));
        }
        FileLedger source = new FileLedger(data);
        Ledger.State s = source.read();
        List<AuditRecord> history = source.history();
        JdbcLedger target = new JdbcLedger(data, LedgerLocation.check(to, "--to"), s.datasetId());
        if (target.exists()) {
            Ledger.State t = target.read();
            if (!same(s, t)) {
                throw new BadInputException("the target " + target.location() + " already holds a different history for dataset " + s.datasetId()
                        + " (" + t.entries().size() + " entries, cap epsilon " + t.capEpsilon() + ", against " + s.entries().size()
                        + " entries, cap epsilon " + s.capEpsilon() + " here): nothing was moved; reconcile the two by hand");
            }
            source.markMigrated(to);
            return new Result(s.datasetId(), s.entries().size(), history.size(), true);
        }
        List<AuditRecord> moved = new ArrayList<>();
        for (AuditRecord r : history) {
            moved.add(new AuditRecord(r.time(), r.runId(), r.method(), r.epsilon(), r.delta(), r.parameterHash(), r.seeded(), r.outcome(),
                    r.user(), r.host(), (r.detail().isEmpty() ? "" : r.detail() + " ") + "(migrated from " + source.file() + ")"));
        }
        target.importHistory(s, moved);
        source.markMigrated(to);
        return new Result(s.datasetId(), s.entries().size(), moved.size(), false);
    }

    /** The same cap and the same entries in the same order (run id, method, epsilon, delta, outcome). */
    private static boolean same(Ledger.State a, Ledger.State b) {
        if (a.capEpsilon() != b.capEpsilon() || a.capDelta() != b.capDelta() || a.entries().size() != b.entries().size()) {
            return false;
        }
        for (int i = 0; i < a.entries().size(); i++) {
            LedgerEntry x = a.entries().get(i);
            LedgerEntry y = b.entries().get(i);
            if (!x.runId().equals(y.runId()) || !x.method().equals(y.method()) || x.epsilon() != y.epsilon() || x.delta() != y.delta()
                    || !x.outcome().equals(y.outcome())) {
                return false;
            }
        }
        return true;
    }
}
