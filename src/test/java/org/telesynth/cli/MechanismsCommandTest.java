package org.telesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.Progress;
import org.telesynth.io.Manifests;
import org.telesynth.sim.FleetSimulator;
import org.telesynth.sim.SimulationOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Gaussian-vs-Laplace study through the command line. */
class MechanismsCommandTest {
    private static Path eventLog;

    @BeforeAll
    static void eventLog(@TempDir Path tmp) {
        eventLog = tmp.resolve("eventlog");
        FleetSimulator.simulate(eventLog, new SimulationOptions(5_000, 30, 1, SimulationOptions.Profile.eventlog,
                SimulationOptions.DEFAULT_START), Progress.NONE);
    }

    @Test
    void mechanisms_writesEveryOutput_oneRowPerMechanismEpsilonRun(@TempDir Path tmp) throws IOException {
        CliRunner.Result r = CliRunner.run("mechanisms", "-q", "--in", eventLog.toString(), "--out", tmp.resolve("m").toString(),
                "--runs", "200", "--epsilons", "0.5,1,4", "--seed", "3");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("NOT fit for release"), "seeded runs warn: " + r.err());
        for (String f : new String[]{"runs.csv", "summary.json", "linf.png", "iou.png", "index.html"}) {
            assertTrue(Files.size(tmp.resolve("m").resolve(f)) > 0, f);
        }
        assertEquals(1 + 4 * 3 * 200, Files.readAllLines(tmp.resolve("m/runs.csv")).size());
        JsonNode summary = Manifests.json().readTree(tmp.resolve("m/summary.json").toFile());
        assertEquals(12, summary.get("results").size());
        // a 2-cell query at (1, 1e-5): Laplace noise variance 2 (2/1)^2 = 8 against the Gaussian's sigma^2 = 1 / rho,
        // rho about 0.018, so Laplace's median error is the smaller by far (the medians of 200 runs leave no doubt)
        double laplace = median(summary, "laplace", 1.0);
        double gaussian = median(summary, "gaussian", 1.0);
        assertTrue(laplace < gaussian, "laplace " + laplace + " vs gaussian " + gaussian);
        // errors shrink as epsilon grows
        assertTrue(median(summary, "discrete_laplace", 4.0) < median(summary, "discrete_laplace", 0.5));
    }

    @Test
    void mechanisms_sameSeed_identicalRuns(@TempDir Path tmp) {
        for (String d : new String[]{"a", "b"}) {
            assertEquals(ExitCode.OK, CliRunner.run("mechanisms", "-q", "--in", eventLog.toString(), "--out", tmp.resolve(d).toString(),
                    "--runs", "20", "--seed", "7").code());
        }
        assertEquals(FileHashes.sha256(tmp.resolve("a/runs.csv")), FileHashes.sha256(tmp.resolve("b/runs.csv")));
    }

    @Test
    void mechanisms_missingEventLog_exit2(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("mechanisms", "-q", "--in", tmp.toString(), "--out", tmp.resolve("m").toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains("no event log"), r.err());
    }

    @Test
    void mechanisms_theRealLogAsASyntheticArm_scoresPerfectly_besideTheDirectArms(@TempDir Path tmp) throws IOException {
        // a "release" that is the real log itself, at epsilon 4: every metric at its best value
        Path arm = tmp.resolve("arm/run-1");
        Files.createDirectories(arm);
        Files.copy(eventLog.resolve("eventlog.parquet"), arm.resolve("eventlog.parquet"));
        Files.writeString(arm.resolve("manifest.json"), "{\"request\": {\"epsilon\": 4.0}}");
        CliRunner.Result r = CliRunner.run("mechanisms", "-q", "--in", eventLog.toString(), "--out", tmp.resolve("m").toString(),
                "--runs", "10", "--epsilons", "1,4", "--seed", "3", "--synthetic", "itself=" + tmp.resolve("arm"));
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode summary = Manifests.json().readTree(tmp.resolve("m/summary.json").toFile());
        assertEquals(4 * 2 + 1, summary.get("results").size());
        JsonNode row = summary.get("results").get(8);
        assertEquals("itself", row.get("mechanism").asText());
        assertEquals("synthetic", row.get("kind").asText());
        assertEquals(4.0, row.get("epsilon").asDouble());
        assertEquals(0, row.at("/linf/p50").asDouble(), 1e-12);
        assertEquals(1, row.at("/iou/p50").asDouble(), 1e-12);
        assertEquals(1, row.at("/rate_coverage/p50").asDouble(), 1e-12);
        assertEquals(0, row.at("/hour_tv/p50").asDouble(), 1e-12);
        assertEquals(0, row.at("/events_per_user_ks/p50").asDouble(), 1e-12);
        assertTrue(Files.readString(tmp.resolve("m/runs.csv")).contains("itself,synthetic,4.0,0,0.000000,1.000000,1.000000,0.000000,0.000000"));
        assertTrue(summary.get("private").asText().contains("not for release"));
    }

    @Test
    void mechanisms_badSyntheticArm_exit2_oneLine_nothingWritten(@TempDir Path tmp) {
        for (String bad : new String[]{"noequals", "x=" + tmp.resolve("missing"), "x=" + tmp}) {
            CliRunner.Result r = CliRunner.run("mechanisms", "-q", "--in", eventLog.toString(), "--out", tmp.resolve("m").toString(),
                    "--synthetic", bad);
            assertEquals(ExitCode.BAD_INPUT, r.code(), bad + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--synthetic"), r.err());
            assertTrue(!Files.exists(tmp.resolve("m")), bad);
        }
    }

    @Test
    void synthesizeMarginalEventlog_noEventLog_exit2_oneLine_nothingWritten(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("synthesize-marginal", "-q", "--eventlog", "--in", tmp.toString(), "--data", tmp.toString(),
                "--epsilon", "1", "--delta", "1e-5", "--out", tmp.resolve("s").toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(!Files.exists(tmp.resolve("s")));
    }

    private static double median(JsonNode summary, String mechanism, double epsilon) {
        for (JsonNode row : summary.get("results")) {
            if (row.get("mechanism").asText().equals(mechanism) && row.get("epsilon").asDouble() == epsilon) {
                return row.at("/linf/p50").asDouble();
            }
        }
        throw new AssertionError("no row for " + mechanism + " at " + epsilon);
    }
}
