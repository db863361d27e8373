package org.telesynth.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BudgetRefusedException;
import org.telesynth.ledger.Ledger;
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

/**
 * The ledger from the command line: a refusal says how to proceed, exit 3 over the cap, study ledgers only for a
 * simulated fleet. The contract itself (cap, concurrency, crashes, history) is LedgerContract's, on every backend.
 */
class LedgerTest {

    private static LedgerEntry entry(double epsilon, double delta) {
        return new LedgerEntry("run", "test", LedgerEntry.describe(List.of(new PrivacyEvent.PureDp(epsilon, "x"))), epsilon, delta,
                "", Instant.now().toString(), false);
    }

    @Test
    void refusal_saysHowToProceed_capSpentShowAndStudyLedger(@TempDir Path data) {
        Ledger ledger = Ledger.of(data);
        ledger.init(1.0, 1e-5);
        ledger.charge(entry(0.75, 0));
        String m = assertThrows(BudgetRefusedException.class, () -> ledger.charge(entry(0.5, 0))).getMessage();
        for (String hint : List.of("cap epsilon 1.0", "spent epsilon 0.750000", "in 1 release)", "a smaller --epsilon",
                "budget init --data " + ledger.data() + " --epsilon E --delta D",
                "budget show --data " + ledger.data(), "--study makes a study ledger")) {
            assertTrue(m.contains(hint), "missing '" + hint + "' in: " + m);
        }
        assertEquals(1, m.lines().count(), "one line");
    }

    @Test
    void budgetInitStudy_onlyForASimulatedFleet(@TempDir Path tmp) {
        Path data = tmp.resolve("user");
        assertEquals(ExitCode.OK, CliRunner.run("budget", "init", "--data", mkdir(data), "--epsilon", "1", "--delta", "1e-5").code());
        CliRunner.Result refused = CliRunner.run("budget", "init", "--data", data.toString(), "--study");
        assertEquals(ExitCode.BAD_INPUT, refused.code());
        assertTrue(refused.err().contains("public data only"), refused.err());
        assertTrue(!Ledger.of(data).isStudy());
        Path sim = tmp.resolve("sim");
        assertEquals(ExitCode.OK, CliRunner.run("simulate", "-q", "--out", sim.toString(), "--devices", "300", "--seed", "1").code());
        Path real = tmp.resolve("real");
        assertEquals(ExitCode.OK, CliRunner.run("load", "-q", "--in", sim.toString(), "--out", real.toString()).code());
        CliRunner.Result made = CliRunner.run("budget", "init", "--data", real.toString(), "--study");
        assertEquals(ExitCode.OK, made.code(), made.err());
        assertTrue(made.out().startsWith("study ledger"), made.out());
        assertTrue(Ledger.of(real).isStudy());
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
    void budgetPlan_recorded_holdsAReleaseToItsAllowance_overrideIsLogged_historyListsIt(@TempDir Path data) throws Exception {
        assertEquals(ExitCode.OK, CliRunner.run("budget", "init", "--data", data.toString(), "--epsilon", "2", "--delta", "1e-5").code());
        CliRunner.Result plan = CliRunner.run("budget", "plan", "--data", data.toString(), "--releases", "4", "--strategy", "decaying", "--record");
        assertEquals(ExitCode.OK, plan.code(), plan.err());
        assertTrue(plan.out().contains("release 1    epsilon 1.06667") && plan.out().contains("release 4    epsilon 0.133333"),
                "halving over 4 releases of 2.0: 16/15, 8/15, 4/15, 2/15\n" + plan.out());
        CliRunner.Result over = CliRunner.run("budget", "charge", "--data", data.toString(), "--epsilon", "1.5");
        assertEquals(ExitCode.BUDGET_REFUSED, over.code());
        assertTrue(over.err().contains("budget refused by the policy: release 1 of 4"), over.err());
        assertEquals(ExitCode.OK, CliRunner.run("budget", "charge", "--data", data.toString(), "--epsilon", "1.5", "--override").code());
        CliRunner.Result history = CliRunner.run("budget", "history", "--data", data.toString(), "--json");
        assertEquals(ExitCode.OK, history.code(), history.err());
        com.fasterxml.jackson.databind.JsonNode rows = org.telesynth.io.Manifests.json().readTree(history.out());
        assertEquals(2, rows.size());
        assertEquals("refused", rows.get(0).path("outcome").asText());
        assertEquals("charged", rows.get(1).path("outcome").asText());
        assertTrue(rows.get(1).path("detail").asText().startsWith("override: release 1 of 4"), rows.toString());
        assertEquals(ExitCode.BAD_INPUT, CliRunner.run("budget", "plan", "--data", data.toString(), "--releases", "3", "--strategy", "greedy").code());
    }
}
