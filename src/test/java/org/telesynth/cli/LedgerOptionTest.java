package org.telesynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad values of the shared-ledger options: exit 2, one line naming the option, nothing written, nothing charged. */
class LedgerOptionTest {
    private static void refused(String expected, String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        List<String> said = r.err().lines().filter(l -> l.startsWith("telesynth: ")).toList();
        assertEquals(1, said.size(), r.err());
        assertTrue(said.get(0).contains(expected), "expected '" + expected + "' in: " + r.err());
    }

    @Test
    void aLedgerUriThatNamesNoBackend_isAUsageError(@TempDir Path data) {
        refused("--ledger must be file: (the default) or jdbc:postgresql://", "budget", "show", "--data", data.toString(), "--ledger", "mysql://x");
        refused("--ledger must be file:", "budget", "init", "--data", data.toString(), "--ledger", "jdbc:sqlite:x.db", "--epsilon", "1",
                "--delta", "1e-5");
        assertFalse(Files.exists(data.resolve(".telesynth")), "nothing written");
    }

    @Test
    void badPlansAndMigrations_areRefusedBeforeAnythingIsRecorded(@TempDir Path data) {
        assertEquals(ExitCode.OK, CliRunner.run("budget", "init", "--data", data.toString(), "--epsilon", "1", "--delta", "1e-5").code());
        refused("--releases must be in [1, 10000], not 0", "budget", "plan", "--data", data.toString(), "--releases", "0", "--record");
        assertFalse(Files.exists(data.resolve(".telesynth/policy.json")), "no policy recorded");
        refused("budget migrate moves a file ledger into a database one", "budget", "migrate", "--data", data.toString(), "--to", "file:");
        refused("--to must be file: (the default) or jdbc:postgresql://", "budget", "migrate", "--data", data.toString(), "--to", "jdbc:mysql://x");
        assertFalse(Files.exists(data.resolve(".telesynth/ledger-migrated.json")), "the file ledger stays open");
    }
}
