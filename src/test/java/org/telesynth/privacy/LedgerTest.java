package org.telesynth.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BudgetRefusedException;
import org.telesynth.cli.CliRunner;
import org.telesynth.cli.ExitCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger: cap, refusal with exit 3, real parallel JVMs charging at once, and a writer killed mid-flight. */
class LedgerTest {

    private static LedgerEntry entry(double epsilon, double delta) {
        return new LedgerEntry("run", "test", LedgerEntry.describe(List.of(new PrivacyEvent.PureDp(epsilon, "x"))), epsilon, delta,
                "", Instant.now().toString(), false);
    }

    @Test
    void charge_withinCap_recorded_overCap_refusedWithWhatIsLeft(@TempDir Path data) {
        Ledger ledger = new Ledger(data);
        ledger.init(1.0, 1e-5);
        ledger.charge(entry(0.6, 0));
        BudgetRefusedException e = assertThrows(BudgetRefusedException.class, () -> ledger.charge(entry(0.6, 0)));
        assertTrue(e.getMessage().contains("only epsilon 0.400000"), e.getMessage());
        assertEquals(1, ledger.read().entries().size());
        assertEquals(0.6, ledger.read().spentEpsilon(), 1e-12);
    }

    @Test
    void refusal_saysHowToProceed_capSpentShowAndStudyLedger(@TempDir Path data) {
        Ledger ledger = new Ledger(data);
        ledger.init(1.0, 1e-5);
        ledger.charge(entry(0.75, 0));
        String m = assertThrows(BudgetRefusedException.class, () -> ledger.charge(entry(0.5, 0))).getMessage();
        for (String hint : List.of("cap epsilon 1.0", "spent epsilon 0.750000", "in 1 release)", "a smaller --epsilon",
                "budget init --data " + ledger.file().getParent().getParent() + " --epsilon E --delta D",
                "budget show --data " + ledger.file().getParent().getParent(), "--study makes a study ledger")) {
            assertTrue(m.contains(hint), "missing '" + hint + "' in: " + m);
        }
        assertEquals(1, m.lines().count(), "one line");
    }

    @Test
    void studyLedger_recordsEveryCharge_andNeverRefuses_growingItsCapToWhatIsSpent(@TempDir Path data) {
        Ledger ledger = new Ledger(data);
        ledger.init(1.0, 1e-5);
        ledger.markStudy("test", "public data");
        assertTrue(ledger.isStudy());
        ledger.charge(entry(0.75, 1e-5));
        Ledger.State s = ledger.charge(entry(0.75, 1e-5));
        assertEquals(2, s.entries().size());
        assertEquals(1.5, s.spentEpsilon(), 1e-12);
        assertEquals(1.5, s.capEpsilon(), 1e-12, "the cap grows to what is spent, so the ledger stays valid");
        assertEquals(2e-5, s.capDelta(), 1e-18);
        assertEquals("test", ledger.study().path("made_by").asText());
    }

    @Test
    void budgetInitStudy_onlyForASimulatedFleet(@TempDir Path tmp) {
        Path data = tmp.resolve("user");
        assertEquals(ExitCode.OK, CliRunner.run("budget", "init", "--data", mkdir(data), "--epsilon", "1", "--delta", "1e-5").code());
        CliRunner.Result refused = CliRunner.run("budget", "init", "--data", data.toString(), "--study");
        assertEquals(ExitCode.BAD_INPUT, refused.code());
        assertTrue(refused.err().contains("public data only"), refused.err());
        assertTrue(!new Ledger(data).isStudy());
        Path sim = tmp.resolve("sim");
        assertEquals(ExitCode.OK, CliRunner.run("simulate", "-q", "--out", sim.toString(), "--devices", "300", "--seed", "1").code());
        Path real = tmp.resolve("real");
        assertEquals(ExitCode.OK, CliRunner.run("load", "-q", "--in", sim.toString(), "--out", real.toString()).code());
        CliRunner.Result made = CliRunner.run("budget", "init", "--data", real.toString(), "--study");
        assertEquals(ExitCode.OK, made.code(), made.err());
        assertTrue(made.out().startsWith("study ledger"), made.out());
        assertTrue(new Ledger(real).isStudy());
    }

    private static String mkdir(Path p) {
        try {
            return Files.createDirectories(p).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void budgetCommand_overCap_exitThree(@TempDir Path data) {
        assertEquals(ExitCode.OK, CliRunner.run("budget", "init", "--data", data.toString(), "--epsilon", "1", "--delta", "1e-5").code());
        CliRunner.Result r = CliRunner.run("budget", "charge", "--data", data.toString(), "--epsilon", "1.5");
        assertEquals(ExitCode.BUDGET_REFUSED, r.code());
        assertTrue(r.err().contains("budget refused") && r.err().contains("left"), r.err());
        CliRunner.Result none = CliRunner.run("budget", "show", "--data", data.resolve("..").resolve("nowhere").toString());
        assertEquals(ExitCode.BAD_INPUT, none.code());
    }

    @Test
    void init_belowWhatIsSpent_refused(@TempDir Path data) {
        Ledger ledger = new Ledger(data);
        ledger.init(2, 1e-5);
        ledger.charge(entry(1.5, 0));
        assertThrows(org.telesynth.BadInputException.class, () -> ledger.init(1, 1e-5));
        assertEquals(2, ledger.read().capEpsilon());
    }

    @Test
    void eightProcessesChargingAtOnce_neverExceedTheCap_loseNoEntry(@TempDir Path data) throws Exception {
        new Ledger(data).init(3.0, 1e-5);
        int processes = 8;
        int chargesEach = 5;
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            running.add(cli(data, "budget", "charge", "--data", data.toString(), "--epsilon", "0.1",
                    "--method", "p" + p, "--repeat", String.valueOf(chargesEach)));
        }
        int accepted = 0;
        for (Process p : running) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a charging process hung");
            String out = new String(p.getInputStream().readAllBytes());
            accepted += (int) out.lines().filter(l -> l.startsWith("charged")).count();
        }
        Ledger.State s = new Ledger(data).read();
        assertEquals(30, accepted, "40 charges of 0.1 against a cap of 3.0: exactly 30 fit");
        assertEquals(accepted, s.entries().size(), "every accepted charge is in the ledger");
        assertTrue(s.spentEpsilon() <= 3.0 + 1e-9, "spent " + s.spentEpsilon());
    }

    @Test
    void writerKilledMidFlight_ledgerStaysReadable(@TempDir Path data) throws Exception {
        new Ledger(data).init(1e6, 1e-5);
        for (int round = 0; round < 5; round++) {
            int before = new Ledger(data).read().entries().size();
            Process p = cli(data, "budget", "charge", "--data", data.toString(), "--epsilon", "0.001", "--repeat", "100000");
            // kill it while it is writing: once its first charge has landed (a JVM start takes seconds on a busy
            // machine, so a fixed sleep could kill it before it wrote anything), then a little later each round
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (new Ledger(data).read().entries().size() == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(50L * round);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Ledger.State s = new Ledger(data).read();
            assertEquals(s.entries().size() * 0.001, s.spentEpsilon(), 1e-6);
        }
        long leftovers;
        try (var files = Files.list(data.resolve(".telesynth"))) {
            leftovers = files.filter(f -> f.getFileName().toString().startsWith("ledger.json.tmp")).count();
        }
        assertTrue(leftovers <= 5, "at most one stray temp file per killed writer: " + leftovers);
        assertTrue(new Ledger(data).read().entries().size() > 0, "the killed writers did write before dying");
        new Ledger(data).charge(entry(0.5, 0));
    }

    /** The real command line in its own JVM (the test's classpath). */
    private static Process cli(Path data, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), "org.telesynth.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
