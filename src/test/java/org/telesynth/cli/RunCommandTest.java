package org.telesynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.ledger.Ledger;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run} end to end on a small fleet: the headline table, the layout, and no second charge on a re-run. */
class RunCommandTest {
    @Test
    void run_printsHeadline_thenRerunSkipsEveryStageAndChargesNothing(@TempDir Path tmp) {
        String out = tmp.resolve("data").toString();
        CliRunner.Result first = CliRunner.run("run", "--out", out, "--devices", "5000", "--seed", "3", "--epsilon", "2");
        assertEquals(ExitCode.OK, first.code(), first.err());
        for (String line : new String[]{"privacy spent", "queries passed (peer score)", "median normalised error",
                "column means within 10/25/50 %", "wall time"}) {
            assertTrue(first.out().contains(line), "headline lacks '" + line + "':\n" + first.out());
        }
        assertTrue(first.out().contains("epsilon 2.000"), first.out());
        for (String dir : new String[]{"raw", "real", "agg", "synth/pertable", "answers/real", "answers/pertable", "reports/pertable"}) {
            assertTrue(Files.isDirectory(tmp.resolve("data").resolve(dir)), dir);
        }
        CliRunner.Result second = CliRunner.run("run", "--out", out, "--devices", "5000", "--seed", "3", "--epsilon", "2");
        assertEquals(ExitCode.OK, second.code(), second.err());
        assertTrue(second.err().contains("no new charge"), second.err());
        for (String stage : new String[]{"benchmark real: unchanged", "benchmark: unchanged", "compare: unchanged"}) {
            assertTrue(second.err().contains(stage), stage + " in:\n" + second.err());
        }
        assertEquals(first.out().lines().filter(l -> l.startsWith("queries passed")).toList(),
                second.out().lines().filter(l -> l.startsWith("queries passed")).toList(), "the kept report gives the same headline");
        for (String next : new String[]{"next:", "open the report", "telesynth audit --real", "telesynth sweep", "--epsilon 1"}) {
            assertTrue(first.out().contains(next), "what-next lines lack '" + next + "':\n" + first.out());
        }
        assertEquals(1, Ledger.of(tmp.resolve("data/real")).read().entries().size());
    }

    /** run --method releases with each method of the registry through the same chain and headline. */
    @Test
    void runThenRunAtAnotherEpsilon_onTheSimulatedDefault_isRecordedOnAStudyLedger_notRefused(@TempDir Path tmp) {
        String out = tmp.resolve("w").toString();
        CliRunner.Result first = CliRunner.run("run", "--out", out, "--devices", "3000", "--seed", "4");
        assertEquals(ExitCode.OK, first.code(), first.err());
        CliRunner.Result second = CliRunner.run("run", "--out", out, "--devices", "3000", "--seed", "4", "--epsilon", "1");
        assertEquals(ExitCode.OK, second.code(), second.err());
        org.telesynth.ledger.Ledger ledger = org.telesynth.ledger.Ledger.of(tmp.resolve("w").resolve("real"));
        assertTrue(ledger.isStudy());
        assertEquals(2, ledger.read().entries().size());
        assertEquals(5.0, ledger.read().spentEpsilon(), 1e-9, "both releases recorded: default epsilon 4, then 1");
    }

    @Test
    void run_withEachOtherMethod_releasesAndReports(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("small.yaml"), "pe: {iterations: 2, population: 2000}\ndpvae: {epochs: 1, batch_size: 512}\n");
        for (String method : new String[]{"marginal", "dpvae", "pe"}) {
            Path out = tmp.resolve(method);
            CliRunner.Result r = CliRunner.run("run", "--out", out.toString(), "--devices", "3000", "--seed", "5", "--epsilon", "2",
                    "--method", method, "--config", config.toString());
            assertEquals(ExitCode.OK, r.code(), r.err());
            assertTrue(r.out().contains("method") && r.out().contains(method), r.out());
            assertTrue(Files.isRegularFile(out.resolve("reports").resolve(method).resolve("report.html")), method);
            assertEquals(method, Ledger.of(out.resolve("real")).read().entries().get(0).method());
        }
    }

    @Test
    void run_withAnUnknownMethodOrBadEpsilon_exitsTwoBeforeAnyStage(@TempDir Path tmp) {
        for (String[] bad : new String[][]{{"--method", "magic"}, {"--epsilon", "1e-9"}, {"--epsilon", "1e308"}}) {
            CliRunner.Result r = CliRunner.run("run", "--out", tmp.resolve("w").toString(), "--devices", "3000", bad[0], bad[1]);
            assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(Files.notExists(tmp.resolve("w")), "nothing written");
        }
    }

    /** run --holdout-share --gates audits the release (full tier) and keeps the verdict on the private side only. */
    @Test
    void run_withGates_auditsTheRelease_andKeepsTheVerdictPrivate(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("w");
        CliRunner.Result r = CliRunner.run("run", "--out", out.toString(), "--devices", "3000", "--seed", "6", "--holdout-share", "0.2", "--gates");
        assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.GATE_FAILED, r.err());
        assertTrue(r.out().contains(r.code() == ExitCode.OK ? "audit: " : "this release is not for sharing"), r.out());
        assertTrue(Files.exists(out.resolve("audit/pertable/audit.json")));
        assertTrue(Files.readString(out.resolve("audit/pertable/audit.json")).contains("\"tier\" : \"full\""));
        assertTrue(Files.exists(out.resolve("holdout/system_sysinfo_unique_normalized.parquet")));
        String runId = Files.readString(out.resolve("synth/pertable/manifest.json")).replaceAll("(?s).*\"run_id\" : \"([^\"]+)\".*", "$1");
        String provenance = Files.readString(out.resolve("real/.telesynth/releases/" + runId + ".json"));
        assertTrue(provenance.contains("\"audit\"") && provenance.contains("\"shareable\""), provenance);
        assertTrue(!Files.readString(out.resolve("synth/pertable/manifest.json")).contains("verdict"), "no real-data verdict in the public manifest");
    }
}
