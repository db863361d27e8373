package org.telesynth.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.LedgerEntry;
import org.telesynth.synth.ReleaseProvenance;
import org.telesynth.synth.Releases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 at random moments, 10 times for each of load, aggregate and a release, each in a JVM of its own (the real
 * command line). After every kill the inputs are byte-identical and the ledger readable; after the next, uninterrupted
 * run no staging is left (in the output, or in the private scratch beside the ledger), and every charge is either a
 * release in place or an entry still marked "charged", i.e. not completed.
 */
class FaultInjectionTest {
    private static final int KILLS = 10;

    @TempDir
    static Path work;
    static Path raw;
    static Path real;
    static Path agg;

    @BeforeAll
    static void fleet() {
        SmallFleet f = SmallFleet.make(work, 3000, 4);
        raw = f.raw();
        real = f.real();
        agg = f.agg();
    }

    /**
     * Starts the command line in a JVM of its own and kills it (SIGKILL) after {@code delayMs}, or lets it finish.
     *
     * @return -1 when it was killed, else how long it ran, in ms
     */
    private static long killAfter(long delayMs, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
            p.waitFor();
            return -1;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A directory's files and hashes, leaving out the ledger's private folder (a release writes there by design). */
    private static Map<String, String> tables(Path dir) {
        Map<String, String> all = new TreeMap<>(FileHashes.tree(dir));
        all.keySet().removeIf(k -> k.startsWith(".telesynth"));
        return all;
    }

    private static List<Path> staging(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList();
        }
    }

    private static void killRepeatedly(String stage, Path out, List<Path> inputs, long seed, String... args) throws Exception {
        Random random = new Random(seed);
        List<Map<String, String>> before = inputs.stream().map(FaultInjectionTest::tables).toList();
        int killed = 0;
        // kill delays span JVM start-up to the end of the stage (start-up, reading, writing the staging, the commit);
        // a run that ends before its kill shows how long the stage takes on this machine, so later delays stay
        // inside that (a fast idle machine finishes a 3,000-device load in under two seconds)
        int span = 2500;
        for (int i = 0; i < KILLS; i++) {
            long ran = killAfter(200 + random.nextInt(span), work.resolve(stage + "-" + i + ".log"), args);
            if (ran < 0) {
                killed++;
            } else {
                span = (int) Math.max(100, Math.min(span, ran - 250));
            }
            for (int k = 0; k < inputs.size(); k++) {
                assertEquals(before.get(k), tables(inputs.get(k)), stage + ": kill " + i + " changed " + inputs.get(k));
            }
        }
        // a JVM with DuckDB takes over a second to start, so most delays land inside the run
        assertTrue(killed >= KILLS / 2, stage + ": only " + killed + " of " + KILLS + " runs were killed before they ended");
        assertEquals(0, CliRunner.run(args).code(), stage + ": the run after the kills");
        assertEquals(List.of(), staging(out), stage + ": staging left in " + out);
    }

    @Test
    void load_killedTenTimes_leavesNoStaging_andTheInputIntact() throws Exception {
        Path out = work.resolve("load-out");
        killRepeatedly("load", out, List.of(raw), 1, "load", "-q", "--in", raw.toString(), "--out", out.toString());
        assertTrue(Files.exists(out.resolve("manifest.json")));
    }

    @Test
    void aggregate_killedTenTimes_leavesNoStaging_andTheInputIntact() throws Exception {
        Path out = work.resolve("agg-out");
        killRepeatedly("aggregate", out, List.of(real), 2, "aggregate", "-q", "--in", real.toString(), "--out", out.toString());
        assertTrue(Files.exists(out.resolve("device_profile.parquet")));
    }

    @Test
    void release_killedTenTimes_everyChargeIsAReleaseOrMarkedNotCompleted() throws Exception {
        Path data = Releases.dataset(work.resolve("data"), agg, 1000, 0.5);
        Path out = work.resolve("synth-out");
        killRepeatedly("synthesize", out, List.of(agg, data), 3, "synthesize-pertable", "-q", "--in", agg.toString(), "--data",
                data.toString(), "--epsilon", "1", "--out", out.toString(), "--force");
        Ledger.State s = Ledger.of(data).read(); // readable after ten kills
        assertFalse(s.entries().isEmpty());
        for (LedgerEntry e : s.entries()) {
            boolean released = e.outcome().equals(LedgerEntry.RELEASED);
            assertTrue(released || e.outcome().equals(LedgerEntry.CHARGED), e.toString());
            if (released) {
                assertTrue(ReleaseProvenance.read(data, e.runId()) != null, "a released entry has its provenance: " + e.runId());
            }
        }
        LedgerEntry last = s.entries().get(s.entries().size() - 1);
        assertEquals(LedgerEntry.RELEASED, last.outcome());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains(last.runId()), "the release in place is the last charge");
        assertEquals(List.of(), staging(Ledger.of(data).privateDirectory().resolve("scratch")), "private scratch left");
    }

    /**
     * A seeded release killed at random moments and run again each time: a charge whose release was cut short is
     * finished under that charge (its run id is derived from parameters and seed, and it recomputes the same output),
     * so in the end no charge is left marked "charged" and the ledger holds no entry that bought nothing.
     */
    @Test
    void seededRelease_killedTenTimes_everyChargeEndsAsTheRelease() throws Exception {
        Path data = Releases.dataset(work.resolve("data-seeded"), agg, 1000, 0.5);
        Path out = work.resolve("synth-seeded");
        killRepeatedly("synthesize", out, List.of(agg, data), 4, "synthesize-pertable", "-q", "--in", agg.toString(), "--data",
                data.toString(), "--epsilon", "1", "--seed", "7", "--out", out.toString(), "--force");
        Ledger.State s = Ledger.of(data).read();
        assertFalse(s.entries().isEmpty());
        for (LedgerEntry e : s.entries()) {
            assertEquals(LedgerEntry.RELEASED, e.outcome(), "an interrupted seeded charge is resumed, not left behind: " + s.entries());
        }
        assertEquals(1, s.entries().stream().map(LedgerEntry::runId).distinct().count(), "one seeded release, one run id");
    }
}
