package org.telesynth.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BadInputException;
import org.telesynth.BudgetRefusedException;
import org.telesynth.privacy.LedgerEntry;
import org.telesynth.privacy.PrivacyEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's contract, the same for every backend: cap, refusal, policy, study, history, concurrency between
 * real JVMs, and clients killed mid-flight. Each backend's test class says which URI it runs on.
 */
abstract class LedgerContract {
    /** The backend under test. */
    abstract String uri();

    Ledger ledger(Path data) {
        return Ledger.of(data, uri());
    }

    static LedgerEntry entry(double epsilon, double delta) {
        return new LedgerEntry(UUID.randomUUID().toString(), "test", LedgerEntry.describe(List.of(new PrivacyEvent.PureDp(epsilon, "x"))),
                epsilon, delta, "h", Instant.now().toString(), false);
    }

    @Test
    void cap_chargeWithin_refuseOver_withWhatIsLeft(@TempDir Path data) {
        Ledger l = ledger(data);
        l.init(1.0, 1e-5);
        l.charge(entry(0.6, 0));
        BudgetRefusedException e = assertThrows(BudgetRefusedException.class, () -> l.charge(entry(0.6, 0)));
        assertTrue(e.getMessage().contains("only epsilon 0.400000") && e.getMessage().contains("To proceed"), e.getMessage());
        assertEquals(1, l.read().entries().size());
        assertEquals(0.6, l.read().spentEpsilon(), 1e-12);
        assertThrows(BudgetRefusedException.class, () -> l.charge(entry(0.1, 2e-5)), "delta over its cap");
        assertThrows(BadInputException.class, () -> l.init(0.5, 1e-5), "a cap below what is spent");
        assertEquals(1.0, l.read().capEpsilon());
    }

    @Test
    void noLedger_isBadInput_andReleasedMarksTheEntry(@TempDir Path data) {
        Ledger l = ledger(data);
        assertFalse(l.exists());
        assertThrows(BadInputException.class, l::read);
        l.init(2, 1e-5);
        LedgerEntry e = entry(0.5, 0);
        l.charge(e);
        assertEquals(LedgerEntry.CHARGED, l.entry(e.runId()).outcome());
        l.markReleased(e.runId());
        assertEquals(LedgerEntry.RELEASED, l.entry(e.runId()).outcome());
    }

    @Test
    void history_recordsEveryAttempt_chargedAndRefused_withWhoAndWhere(@TempDir Path data) {
        Ledger l = ledger(data);
        l.init(1.0, 1e-5);
        LedgerEntry ok = entry(0.75, 0);
        l.charge(ok);
        assertThrows(BudgetRefusedException.class, () -> l.charge(entry(0.5, 0)));
        List<AuditRecord> h = l.history();
        assertEquals(List.of(AuditRecord.CHARGED, AuditRecord.REFUSED), h.stream().map(AuditRecord::outcome).toList());
        assertEquals(ok.runId(), h.get(0).runId());
        assertEquals(0.5, h.get(1).epsilon());
        assertTrue(h.get(1).detail().startsWith("budget refused on epsilon"), h.get(1).detail());
        assertFalse(h.get(0).user().isEmpty() || h.get(0).host().isEmpty());
    }

    @Test
    void policy_holdsEachReleaseToItsAllowance_unlessOverridden_andLogsTheOverride(@TempDir Path data) {
        Ledger l = ledger(data);
        l.init(1.0, 1e-5);
        BudgetPolicy p = BudgetPolicy.plan("equal", 4, l.read());
        l.recordPolicy(p);
        assertEquals(p, l.policy());
        BudgetRefusedException e = assertThrows(BudgetRefusedException.class, () -> l.charge(entry(0.3, 0)));
        assertTrue(e.getMessage().contains("release 1 of 4 under the equal policy may spend epsilon 0.250000"), e.getMessage());
        l.charge(entry(0.25, 0));
        l.charge(entry(0.3, 0), true);
        List<AuditRecord> h = l.history();
        assertEquals(AuditRecord.CHARGED, h.get(h.size() - 1).outcome());
        assertTrue(h.get(h.size() - 1).detail().startsWith("override: release 2 of 4"), h.get(h.size() - 1).detail());
        assertThrows(BudgetRefusedException.class, () -> l.charge(entry(0.5, 0), true), "an override never passes the cap");
    }

    @Test
    void studyLedger_neverRefuses_andItsCapGrowsToWhatIsSpent(@TempDir Path data) {
        Ledger l = ledger(data);
        l.init(1.0, 1e-5);
        l.markStudy("test", "public data");
        l.charge(entry(0.75, 1e-5));
        Ledger.State s = l.charge(entry(0.75, 1e-5));
        assertEquals(1.5, s.spentEpsilon(), 1e-12);
        assertEquals(1.5, s.capEpsilon(), 1e-12);
    }

    @Test
    void eightJvmsRacingForTheLastBudget_exactlyWhatFitsIsCharged_everyAttemptLogged(@TempDir Path data) throws Exception {
        ledger(data).init(3.0, 1e-5);
        List<Process> clients = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            clients.add(cli(data, "budget", "charge", "--data", data.toString(), "--epsilon", "0.1", "--method", "p" + p, "--attempts", "10"));
        }
        int charged = 0;
        int refused = 0;
        for (Process p : clients) {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "a client hung");
            Map<?, ?> out = org.telesynth.io.Manifests.json().readValue(document(new String(p.getInputStream().readAllBytes())), Map.class);
            charged += ((Number) out.get("charged")).intValue();
            refused += ((Number) out.get("refused")).intValue();
        }
        Ledger.State s = ledger(data).read();
        assertEquals(30, charged, "80 charges of 0.1 against a cap of 3.0: exactly 30 fit");
        assertEquals(50, refused);
        assertEquals(30, s.entries().size(), "every charge is in the ledger");
        assertEquals(80, ledger(data).history().size(), "every attempt is in the audit log");
        assertEquals(s.entries().stream().mapToDouble(LedgerEntry::epsilon).sum(), s.spentEpsilon(), 1e-12);
        assertTrue(s.spentEpsilon() <= 3.0 + 1e-9);
    }

    @Test
    void clientsKilledMidFlight_leaveNoPartialEntry_andNoOverspend(@TempDir Path data) throws Exception {
        ledger(data).init(1000, 1e-5);
        Random random = new Random(7);
        List<Process> clients = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            clients.add(cli(data, "budget", "charge", "--data", data.toString(), "--epsilon", "0.001", "--method", "k" + p, "--attempts", "100000"));
        }
        // kill once charges are flowing (JVM starts take longer on a loaded machine), each at a random moment after
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (ledger(data).read().entries().size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (Process p : clients) {
            Thread.sleep(random.nextInt(400));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the client
        }
        for (Process p : clients) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        Ledger.State s = ledger(data).read();
        long chargedRows = ledger(data).history().stream().filter(r -> r.outcome().equals(AuditRecord.CHARGED)).count();
        assertTrue(s.entries().size() > 0, "the killed clients did charge before dying");
        assertEquals(s.entries().stream().mapToDouble(LedgerEntry::epsilon).sum(), s.spentEpsilon(), 1e-9);
        assertTrue(s.spentEpsilon() <= s.capEpsilon());
        assertEntriesMatchTheLog(s.entries().size(), chargedRows, clients.size());
        ledger(data).charge(entry(0.5, 0)); // and the ledger still works
    }

    /**
     * The client's JSON document: its stdout from the first line that opens an object (the JVM may print a warning
     * line of its own first, e.g. "[0.5s][warning][os,thread] ..." on a loaded machine).
     */
    static String document(String stdout) {
        int at = stdout.startsWith("{") ? 0 : stdout.indexOf("\n{") + 1;
        return stdout.substring(Math.max(0, at));
    }

    /** How the entries and the log's charged rows may differ after {@code killed} clients died mid-charge. */
    abstract void assertEntriesMatchTheLog(long entries, long chargedRows, int killed);

    /** The real command line in its own JVM on this backend (TELESYNTH_LEDGER). */
    Process cli(Path data, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Xlog:disable", "-Xlog:all=error:stderr", "-cp", System.getProperty("java.class.path"), "org.telesynth.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().put(LedgerLocation.ENV, uri());
        return b.start();
    }
}
