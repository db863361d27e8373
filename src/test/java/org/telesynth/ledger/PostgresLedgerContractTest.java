package org.telesynth.ledger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BadInputException;
import org.telesynth.cli.CliRunner;
import org.telesynth.cli.ExitCode;
import org.telesynth.privacy.LedgerEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger contract on a real PostgreSQL server, and what only a shared ledger does: migration and identity. */
class PostgresLedgerContractTest extends LedgerContract {
    private String url;

    @BeforeEach
    void server() {
        url = PostgresServer.url();
    }

    @Override
    String uri() {
        return url;
    }

    /** One transaction per charge: an entry and its log row commit together or not at all. */
    @Override
    void assertEntriesMatchTheLog(long entries, long chargedRows, int killed) {
        assertEquals(entries, chargedRows);
    }

    @Test
    void migrate_movesCapEntriesAndLog_once_thenTheFileLedgerRefusesCharges(@TempDir Path data) {
        FileLedger file = new FileLedger(data);
        file.init(2.0, 1e-5);
        LedgerEntry a = entry(0.5, 0);
        file.charge(a);
        file.charge(entry(0.25, 1e-6));
        assertThrows(org.telesynth.BudgetRefusedException.class, () -> file.charge(entry(5, 0)));
        LedgerMigration.Result r = LedgerMigration.migrate(data, "file:", url);
        assertEquals(2, r.entries());
        assertEquals(3, r.auditRows());
        Ledger db = Ledger.of(data, url);
        Ledger.State s = db.read();
        assertEquals(file.read().entries(), s.entries(), "the same entries, in order");
        assertEquals(2.0, s.capEpsilon());
        assertEquals(0.75, s.spentEpsilon(), 1e-12);
        assertEquals(List.of(AuditRecord.CHARGED, AuditRecord.CHARGED, AuditRecord.REFUSED), db.history().stream().map(AuditRecord::outcome).toList());
        assertTrue(db.history().get(0).detail().contains("migrated from"));
        BadInputException closed = assertThrows(BadInputException.class, () -> file.charge(entry(0.1, 0)));
        assertTrue(closed.getMessage().contains("was moved to"), closed.getMessage());
        assertTrue(LedgerMigration.migrate(data, "file:", url).alreadyDone(), "idempotent");
        assertEquals(2, db.read().entries().size(), "nothing copied twice");
        db.charge(entry(0.1, 0));
        assertEquals(3, Ledger.of(data, url).read().entries().size());
    }

    @Test
    void migrate_refusesATargetWithADifferentHistoryForTheDataset(@TempDir Path tmp) throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        new FileLedger(a).init(1.0, 1e-5);
        new FileLedger(a).charge(entry(0.5, 0));
        LedgerMigration.migrate(a, "file:", url);
        Path b = Files.createDirectories(tmp.resolve("b"));
        new FileLedger(b).createIfAbsent(1.0, 1e-5, new FileLedger(a).read().datasetId());
        new FileLedger(b).charge(entry(0.2, 0));
        BadInputException e = assertThrows(BadInputException.class, () -> LedgerMigration.migrate(b, "file:", url));
        assertTrue(e.getMessage().contains("already holds a different history"), e.getMessage());
        assertEquals(1, Ledger.of(a, url).read().entries().size());
    }

    @Test
    void aCopiedOrReloadedDataset_findsItsBudgetAlreadySpent(@TempDir Path tmp) throws IOException {
        Path raw = tmp.resolve("raw");
        // a fleet of its own (the server outlives the test: the same rows would find an earlier run's budget, rightly)
        ok("simulate", "-q", "--out", raw.toString(), "--devices", "300", "--seed", String.valueOf(System.nanoTime()));
        Path real = tmp.resolve("real");
        ok("load", "-q", "--ledger", url, "--in", raw.toString(), "--out", real.toString());
        ok("budget", "charge", "--ledger", url, "--data", real.toString(), "--epsilon", "1.5");
        Path copy = tmp.resolve("copy");
        copyTree(real, copy);
        assertEquals(1.5, Ledger.of(copy, url).read().spentEpsilon(), 1e-12, "a copy is the same dataset: no fresh budget");
        Path again = tmp.resolve("again");
        ok("load", "-q", "--ledger", url, "--in", raw.toString(), "--out", again.toString());
        assertEquals(Ledger.of(real, url).read().datasetId(), Ledger.of(again, url).read().datasetId(), "the id is derived from the rows");
        assertEquals(1.5, Ledger.of(again, url).read().spentEpsilon(), 1e-12, "loading the same data again gives no fresh budget either");
        CliRunner.Result over = CliRunner.run("budget", "charge", "--ledger", url, "--data", copy.toString(), "--epsilon", "3");
        assertEquals(ExitCode.BUDGET_REFUSED, over.code(), over.err());
    }

    private static void ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(ExitCode.OK, r.code(), String.join(" ", args) + "\n" + r.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
