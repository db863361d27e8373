package org.telesynth.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.cli.CliRunner.Result;
import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;
import org.telesynth.ledger.Ledger;
import org.telesynth.synth.Releases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus of every stage after {@code load} (whose file cases live in LoadCommandTest): one test per
 * finding of the reliability issue, numbered as there. A refusal exits with its documented code and one line that
 * says what is wrong, and writes nothing: the inputs stay byte-identical, no output appears and nothing is charged.
 */
class BadInputCorpusTest {
    @TempDir
    static Path work;
    static Path raw;
    static Path real;
    static Path agg;

    @BeforeAll
    static void fleet() {
        SmallFleet f = SmallFleet.make(work, 3000, 7);
        raw = f.raw();
        real = f.real();
        agg = f.agg();
    }

    private static Result ok(Result r) {
        assertEquals(ExitCode.OK, r.code(), r.err());
        return r;
    }

    /**
     * A refusal: the exit code, one line holding {@code expected}, and every watched tree unchanged but for the
     * ledger's audit log, whose one job is to record the refused attempt (it may only grow).
     */
    private static void assertRefused(int code, String expected, List<Path> unchanged, String... args) {
        List<Map<String, String>> before = new ArrayList<>();
        for (Path p : unchanged) {
            before.add(Files.exists(p) ? withoutAuditLog(FileHashes.tree(p)) : null);
        }
        Result r = CliRunner.run(args);
        assertEquals(code, r.code(), r.err());
        // one line says what is wrong (run's progress lines may come before it)
        List<String> said = r.err().lines().filter(l -> l.startsWith("telesynth: ")).toList();
        assertEquals(1, said.size(), r.err());
        assertTrue(said.get(0).contains(expected), "expected '" + expected + "' in: " + r.err());
        for (int i = 0; i < unchanged.size(); i++) {
            Path p = unchanged.get(i);
            assertEquals(before.get(i), Files.exists(p) ? withoutAuditLog(FileHashes.tree(p)) : null, p + " changed");
        }
    }

    private static Map<String, String> withoutAuditLog(Map<String, String> tree) {
        Map<String, String> t = new java.util.TreeMap<>(tree);
        t.keySet().removeIf(k -> k.endsWith("audit-log.jsonl"));
        return t;
    }

    private static Path dataset(Path tmp) {
        return Releases.dataset(tmp.resolve("data"), agg, 100, 1e-3);
    }

    private static String[] pertable(Path data, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("synthesize-pertable", "-q", "--in", agg.toString(), "--data", data.toString(),
                "--seed", "1", "--out", out.toString()));
        a.addAll(List.of(extra));
        if (!a.contains("--epsilon")) {
            a.addAll(List.of("--epsilon", "1"));
        }
        return a.toArray(String[]::new);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    // 1. an output that is, or lies inside, an input: the real tables, AGG, or through a link
    @Test
    void output_equalToOrInsideAnInput_orThroughALink_isRefused(@TempDir Path tmp) throws IOException {
        Path data = dataset(tmp);
        assertRefused(2, "is --data", List.of(data, agg), pertable(data, data));
        assertRefused(2, "is --in", List.of(data, agg), pertable(data, agg));
        assertRefused(2, "lies inside --in", List.of(data, agg), pertable(data, agg.resolve("synth")));
        assertRefused(2, "is --in", List.of(real), "aggregate", "-q", "--in", real.toString(), "--out", real.toString());
        Path link = Files.createSymbolicLink(tmp.resolve("link"), raw);
        assertRefused(2, "is --in", List.of(raw), "load", "-q", "--in", raw.toString(), "--out", link.toString());
    }

    // 2. NULL numbers survive bounding as NULL, and the synthetic NULL rate follows the real one
    @Test
    void aggregate_badEngineOrMaster_isRefused_andWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("agg");
        assertRefused(2, "--engine must be one of duckdb, spark, not flink", List.of(real, out),
                "aggregate", "-q", "--in", real.toString(), "--out", out.toString(), "--engine", "flink");
        assertRefused(2, "--spark-master goes with --engine spark", List.of(real, out),
                "aggregate", "-q", "--in", real.toString(), "--out", out.toString(), "--spark-master", "local[2]");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void release_badEngineOrMaster_isRefusedBeforeTheCharge(@TempDir Path tmp) {
        Path data = dataset(tmp);
        Path out = tmp.resolve("synth");
        List<String> marginal = List.of("synthesize-marginal", "-q", "--in", agg.toString(), "--data", data.toString(), "--seed", "1",
                "--out", out.toString(), "--epsilon", "1");
        assertRefused(2, "--engine must be one of duckdb, spark, not flink", List.of(data, agg),
                with(marginal, "--engine", "flink"));
        assertRefused(2, "--spark-master goes with --engine spark", List.of(data, agg),
                with(marginal, "--spark-master", "local[2]"));
        // the methods that measure on DuckDB only have no --engine at all
        assertRefused(2, "Unknown options: '--engine', 'spark'", List.of(data, agg), pertable(data, out, "--engine", "spark"));
        assertFalse(Files.exists(out), "nothing written");
    }

    private static String[] with(List<String> args, String... more) {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void load_badEngineInputOrHoldout_isRefused_andWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("real");
        assertRefused(2, "--engine must be one of duckdb, spark, not flink", List.of(raw),
                "load", "-q", "--in", raw.toString(), "--out", out.toString(), "--engine", "flink");
        assertRefused(2, "--spark-master goes with --engine spark", List.of(raw),
                "load", "-q", "--in", raw.toString(), "--out", out.toString(), "--spark-master", "local[2]");
        assertRefused(2, "--in: hdfs://head:8020/exports/fleet is not a local folder; a Hadoop URI needs --engine spark", List.of(raw),
                "load", "-q", "--in", "hdfs://head:8020/exports/fleet", "--out", out.toString());
        assertRefused(2, "--holdout-share: the holdout split runs on the default engine only", List.of(raw),
                "load", "-q", "--in", raw.toString(), "--out", out.toString(), "--engine", "spark", "--holdout-share", "0.2");
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(Files.exists(tmp.resolve("holdout")), "no holdout written");
    }

    @Test
    void release_fromAnAggListingAnUnknownSummary_isRefusedBeforeTheCharge(@TempDir Path tmp) throws IOException {
        Path data = dataset(tmp);
        Path bad = tmp.resolve("agg-altered");
        copyTree(agg, bad);
        Path manifest = bad.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"event_summaries\" : [ ]", "\"event_summaries\" : [ \"event_bogus\" ]"));
        assertTrue(Files.readString(manifest).contains("event_bogus"), "the manifest was altered");
        Path out = tmp.resolve("synth");
        assertRefused(2, "--in: missing " + bad.resolve("event_bogus.parquet") + " (run telesynth aggregate again)", List.of(data, bad),
                "synthesize-pertable", "-q", "--in", bad.toString(), "--data", data.toString(), "--seed", "1", "--out", out.toString(),
                "--epsilon", "1");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void nullNumbers_stayNull_throughAggregateAndRelease(@TempDir Path tmp) throws Exception {
        Path nullRaw = tmp.resolve("raw");
        copyTree(raw, nullRaw);
        Path memory = nullRaw.resolve("system_memory_utilization.parquet");
        try (Connection c = Duck.open()) {
            Duck.exec(c, "COPY (SELECT * REPLACE (CAST(NULL AS DOUBLE) AS avg_percentage_used) FROM read_parquet("
                    + Duck.literal(raw.resolve("system_memory_utilization.parquet").toString()) + ")) TO " + Duck.literal(memory.toString()));
        }
        Path r = tmp.resolve("real");
        Path a = tmp.resolve("agg");
        Path s = tmp.resolve("synth");
        ok(CliRunner.run("load", "-q", "--in", nullRaw.toString(), "--out", r.toString()));
        ok(CliRunner.run("aggregate", "-q", "--in", r.toString(), "--out", a.toString()));
        Ledger.of(r).init(100, 1e-3);
        ok(CliRunner.run("synthesize-pertable", "-q", "--in", a.toString(), "--data", r.toString(), "--epsilon", "4", "--seed", "2",
                "--out", s.toString()));
        try (Connection c = Duck.open()) {
            TableViews.create(c, a, true);
            assertEquals(0, Duck.queryLong(c, "SELECT count(avg_percentage_used) FROM system_memory_utilization"), "AGG kept the NULLs");
            TableViews.create(c, s, true);
            double nullShare = Duck.queryDouble(c, "SELECT avg(CASE WHEN avg_percentage_used IS NULL THEN 1 ELSE 0 END) FROM system_memory_utilization");
            // every real value is NULL; the other 101 cells hold only noise (their positive parts, about 0.4 sigma each,
            // against the NULL cell's full count), so most synthetic values are NULL. Bounding NULL to the clamp gave 0.
            assertTrue(nullShare > 0.5, "synthetic NULL share " + nullShare);
        }
    }

    // 3. a release into a non-empty --out would replace one already paid for: refused, unless --force
    @Test
    void releaseIntoAnEarlierRelease_isRefused_unlessForced(@TempDir Path tmp) throws IOException {
        Path data = dataset(tmp);
        Path out = tmp.resolve("synth");
        ok(CliRunner.run(pertable(data, out)));
        String runId = Files.readString(out.resolve("manifest.json")).replaceAll("(?s).*\"run_id\" : \"([^\"]+)\".*", "$1");
        assertRefused(2, "already holds the release " + runId + " (pertable, epsilon", List.of(out, data), pertable(data, out, "--epsilon", "0.5"));
        assertEquals(1, Ledger.of(data).read().entries().size(), "the refusal charged nothing");
        ok(CliRunner.run(pertable(data, out, "--epsilon", "0.5", "--force")));
        assertEquals(2, Ledger.of(data).read().entries().size());
        Path stray = Files.createDirectories(tmp.resolve("stray"));
        Files.writeString(stray.resolve("notes.txt"), "mine");
        assertRefused(2, "already holds 1 files (notes.txt)", List.of(stray, data), pertable(data, stray));
    }

    // 4. DuckDB's native library, left in the temp folder by a killed run, is removed by a later start
    @Test
    void staleNativeLibraries_areRemoved_freshOnesKept(@TempDir Path tmp) throws IOException {
        Path old = Files.writeString(tmp.resolve("libduckdb_java123.so"), "x");
        Path fresh = Files.writeString(tmp.resolve("libduckdb_java456.so"), "y");
        Path other = Files.writeString(tmp.resolve("keep.txt"), "z");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.now().minus(NativeTemp.STALE).minusSeconds(60)));
        assertEquals(1, NativeTemp.removeStale(tmp, Instant.now().minus(NativeTemp.STALE)));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh) && Files.exists(other));
    }

    // 5. --data that is not the dataset AGG came from gets no fresh ledger
    @Test
    void release_withAnotherDataDirectory_isRefused(@TempDir Path tmp) throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Path out = tmp.resolve("y");
        assertRefused(2, "--data: " + other + " has no dataset id", List.of(other), pertable(other, out));
        assertFalse(Files.exists(out));
    }

    // 6. sql is read-only: no write to the ledger or a table, no ATTACH, one statement, no file outside the tables
    @Test
    void sql_isReadOnly_andWritesOnlyUnderAllowWrite(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("real");
        copyTree(real, data);
        Ledger.of(data).init(4, 1e-5);
        Path ledger = data.resolve(".telesynth/ledger.json");
        List<Path> watched = List.of(data);
        assertRefused(2, "only a SELECT statement may run here", watched,
                "sql", "--tables", data.toString(), "COPY (SELECT 1 AS a) TO " + Duck.literal(ledger.toString()));
        assertRefused(2, "only a SELECT statement may run here", watched,
                "sql", "--tables", data.toString(), "ATTACH " + Duck.literal(tmp.resolve("x.db").toString()) + " AS x");
        assertFalse(Files.exists(tmp.resolve("x.db")));
        assertRefused(2, "2 statements, but exactly one SELECT", watched, "sql", "--tables", data.toString(), "SELECT 1; SELECT 2");
        assertRefused(2, "file system operations are disabled", watched,
                "sql", "--tables", data.toString(), "SELECT * FROM read_csv('/etc/hostname')");
        Path w = tmp.resolve("w");
        assertRefused(2, "outside --allow-write", watched, "sql", "--tables", data.toString(), "--allow-write", w.toString(),
                "COPY (SELECT 1 AS a) TO " + Duck.literal(data.resolve("system_userwait.parquet").toString()) + " (USE_TMP_FILE false)");
        assertRefused(2, "lies inside --tables", watched, "sql", "--tables", data.toString(), "--allow-write", data.resolve("x").toString(),
                "COPY (SELECT 1 AS a) TO " + Duck.literal(data.resolve("x/a.csv").toString()));
        ok(CliRunner.run("sql", "--tables", data.toString(), "--allow-write", w.toString(),
                "COPY (SELECT count(*) AS n FROM system_userwait) TO " + Duck.literal(w.resolve("n.csv").toString())));
        assertTrue(Files.readString(w.resolve("n.csv")).startsWith("n\n"));
    }

    // 13. sql prints RFC 4180 CSV: quotes doubled, newlines quoted
    @Test
    void sql_printsValidCsv() {
        Result r = ok(CliRunner.run("sql", "--tables", real.toString(), "SELECT 'a\"b' AS x, 'l1' || chr(10) || 'l2' AS y, 'c,d' AS z"));
        assertEquals("x,y,z\n\"a\"\"b\",\"l1\nl2\",\"c,d\"\n", r.out());
    }

    // 7. a ledger whose values cannot be trusted is refused, naming the file and the field
    @Test
    void ledger_nanCap_missingEpsilon_truncated_areRefusedNamingTheField(@TempDir Path tmp) throws IOException {
        Path data = dataset(tmp);
        ok(CliRunner.run(pertable(data, tmp.resolve("first"))));
        Path ledger = data.resolve(".telesynth/ledger.json");
        String good = Files.readString(ledger);
        Files.writeString(ledger, good.replaceFirst("\"capEpsilon\" : [0-9.Ee+-]+", "\"capEpsilon\" : \"NaN\""));
        assertRefused(2, ledger + " is not valid (capEpsilon must be positive and finite)", List.of(data), pertable(data, tmp.resolve("y1")));
        Files.writeString(ledger, good.replaceFirst("\"epsilon\" : [0-9.Ee+-]+,", ""));
        assertRefused(2, "cannot read the ledger " + ledger + " (entries[0].epsilon: missing)", List.of(data), "budget", "show", "--data", data.toString());
        Files.writeString(ledger, good.substring(0, 200));
        assertRefused(2, "cannot read the ledger " + ledger + " (it ends early: truncated): restore it from a backup", List.of(data),
                "budget", "show", "--data", data.toString());
    }

    // 8. a query that closes COPY's parenthesis cannot run a second statement or write outside --out
    @Test
    void benchmark_queryInjection_isRefused(@TempDir Path tmp) throws IOException {
        Path q = Files.createDirectories(tmp.resolve("q"));
        Path pwn = tmp.resolve("pwn.csv");
        Files.writeString(q.resolve("evil.sql"), "SELECT 1 AS a) TO " + Duck.literal(pwn.toString()) + "; COPY (SELECT * FROM system_userwait");
        Files.writeString(q.resolve("evil.json"), "{\"name\": \"evil\", \"kind\": \"agg\", \"keys\": [\"a\"], \"metrics\": [\"a\"]}");
        Path out = tmp.resolve("answers");
        assertRefused(2, "query evil: syntax error", List.of(real), "benchmark", "-q", "--tables", real.toString(), "--queries", q.toString(),
                "--out", out.toString());
        assertFalse(Files.exists(pwn));
        assertFalse(Files.exists(out));
        Files.writeString(q.resolve("evil.sql"), "SELECT * FROM read_csv('/etc/hostname')");
        Result r = CliRunner.run("benchmark", "-q", "--tables", real.toString(), "--queries", q.toString(), "--out", out.toString());
        assertEquals(ExitCode.RUNTIME_FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("file system operations are disabled"), r.err());
    }

    // 9. config typos and wrong types are refused with the key path, before the charge
    @Test
    void config_typoAndWrongType_areRefused(@TempDir Path tmp) throws IOException {
        Path data = dataset(tmp);
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "budget:\n  cap_epsilno: 1.0\n");
        assertRefused(2, "budget.cap_epsilno is not a known setting", List.of(data), pertable(data, tmp.resolve("y"), "--config", typo.toString()));
        Path type = Files.writeString(tmp.resolve("type.yaml"), "window:\n  days: thirty\n");
        assertRefused(2, "window.days must be a whole number, not \"thirty\"", List.of(real),
                "aggregate", "-q", "--in", real.toString(), "--out", tmp.resolve("a").toString(), "--config", type.toString());
        assertEquals(0, Ledger.of(data).read().entries().size());
    }

    // 10. cheap checks come before the charge: an empty AGG, an --out that is a file
    @Test
    void emptyAgg_orOutAFile_areRefusedBeforeTheCharge(@TempDir Path tmp) throws IOException {
        Path data = dataset(tmp);
        Path empty = Files.createDirectories(tmp.resolve("emptyagg"));
        assertRefused(2, "--in: missing " + empty.resolve("system_sysinfo_unique_normalized.parquet"), List.of(data),
                "synthesize-pertable", "-q", "--in", empty.toString(), "--data", data.toString(), "--out", tmp.resolve("y").toString());
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertRefused(2, "--out: " + file + " is a file, not a directory", List.of(data, file), pertable(data, file));
        assertEquals(0, Ledger.of(data).read().entries().size());
    }

    // 11 and 14. a small fleet runs end to end; the second release is refused on delta, and the message says delta
    @Test
    void run_onTheUsersOwnData_works_andASecondReleaseIsRefusedOnDelta(@TempDir Path tmp) throws IOException {
        // the user's own export: the simulator's files without its manifest, so not public data and no study ledger
        Path export = Files.createDirectories(tmp.resolve("export"));
        ok(CliRunner.run("simulate", "-q", "--out", tmp.resolve("sim").toString(), "--devices", "1000", "--seed", "3"));
        try (var files = Files.list(tmp.resolve("sim"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                Files.copy(f, export.resolve(f.getFileName()));
            }
        }
        Path out = tmp.resolve("w");
        ok(CliRunner.run("run", "--out", out.toString(), "--in", export.toString(), "--seed", "3", "--epsilon", "1"));
        assertTrue(Files.exists(out.resolve("synth/pertable/system_psys_rap_watts.parquet")));
        Path synth = out.resolve("synth");
        assertRefused(3, "budget refused on delta: pertable needs", List.of(synth, out.resolve("real/.telesynth")),
                "run", "--out", out.toString(), "--in", export.toString(), "--seed", "3", "--epsilon", "0.5");
    }

    // 12. usage and input errors exit 2, not 1
    @Test
    void usageErrors_exitTwo(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertRefused(2, "--out: " + file + " is a file", List.of(file), "simulate", "-q", "--devices", "100", "--out", file.toString());
        assertRefused(2, "--out: " + file + " is a file", List.of(file, raw), "load", "-q", "--in", raw.toString(), "--out", file.toString());
        Path date = Files.writeString(tmp.resolve("date.yaml"), "window:\n  start: 2023-13-01\n");
        assertRefused(2, "window.start must be a date YYYY-MM-DD, not \"2023-13-01\"", List.of(real),
                "aggregate", "-q", "--in", real.toString(), "--out", tmp.resolve("a").toString(), "--config", date.toString());
        Path zero = tmp.resolve("zero");
        copyTree(real, zero);
        Files.write(zero.resolve("system_userwait.parquet"), new byte[0]);
        assertRefused(2, "system_userwait: " + zero.resolve("system_userwait.parquet") + " is not a readable Parquet file", List.of(zero),
                "aggregate", "-q", "--in", zero.toString(), "--out", tmp.resolve("a2").toString());
        assertFalse(Files.exists(tmp.resolve("a2")));
        assertRefused(2, "--memory-limit must be a size such as 3GB", List.of(real),
                "benchmark", "-q", "--tables", real.toString(), "--out", tmp.resolve("b").toString(), "--memory-limit", "lots");
        Path q = Files.createDirectories(tmp.resolve("q"));
        Files.writeString(q.resolve("x.sql"), "SELECT 1 AS a");
        Files.writeString(q.resolve("x.json"), "{\"name\": \"x\",");
        assertRefused(2, "x: " + q.resolve("x.json") + " is not valid JSON (line 1", List.of(real),
                "benchmark", "-q", "--tables", real.toString(), "--out", tmp.resolve("b").toString(), "--queries", q.toString());
        assertRefused(2, "--days must be at least 1, not 0", List.of(real), "calibrate", "--days", "0", "--tables", real.toString());
        assertFalse(Files.exists(tmp.resolve("b")));
    }

    // 13. a window that misses the data is refused below window.min_kept_share
    @Test
    void aggregate_windowMissingTheData_isRefused(@TempDir Path tmp) throws IOException {
        Path cfg = Files.writeString(tmp.resolve("w.yaml"), "window:\n  start: 2020-01-01\n  days: 3\n");
        Path out = tmp.resolve("a");
        assertRefused(2, "keeps 0 of", List.of(real), "aggregate", "-q", "--in", real.toString(), "--out", out.toString(), "--config", cfg.toString());
        assertFalse(Files.exists(out));
    }

    // 13 and 14. compare: a non-numeric answer cell, or a missing column, is refused naming the query's file
    @Test
    void compare_nonNumericCell_orMissingColumn_isRefusedNamingTheQuery(@TempDir Path tmp) throws IOException {
        Path answers = tmp.resolve("real-answers");
        ok(CliRunner.run("benchmark", "-q", "--tables", real.toString(), "--out", answers.toString()));
        Path synth = tmp.resolve("synth-answers");
        copyTree(answers, synth);
        Path f = synth.resolve("Xeon_network_consumption.csv");
        List<String> lines = Files.readAllLines(f);
        String[] cells = lines.get(1).split(",", -1);
        cells[cells.length - 1] = "lots";
        lines.set(1, String.join(",", cells));
        Files.write(f, lines);
        Path out = tmp.resolve("report");
        assertRefused(2, f + ": line 2, column " + lines.get(0).split(",")[cells.length - 1] + ": 'lots' is not a number",
                List.of(answers, synth), "compare", "-q", "--real", answers.toString(), "--synth", synth.toString(), "--out", out.toString());
        Files.write(f, List.of(lines.get(0).replaceFirst(",[^,]+$", ""), "x"));
        assertRefused(2, f + ": ", List.of(answers, synth), "compare", "-q", "--real", answers.toString(), "--synth", synth.toString(),
                "--out", out.toString());
        assertFalse(Files.exists(out));
    }

    // 14. messages: an epsilon out of range names epsilon and the range; budget subcommands show examples
    @Test
    void messages_nameTheOptionAndTheRange_andBudgetHelpHasExamples(@TempDir Path tmp) {
        Path data = dataset(tmp);
        assertRefused(2, "--epsilon must be in [0.001, 1000.0], not 1.0E-9", List.of(data), pertable(data, tmp.resolve("y"), "--epsilon", "1e-9"));
        assertRefused(2, "--epsilon must be in [0.001, 1000.0], not 1.0E308", List.of(data), pertable(data, tmp.resolve("y"), "--epsilon", "1e308"));
        for (String sub : List.of("init", "show", "charge")) {
            Result r = ok(CliRunner.run("budget", sub, "--help"));
            assertTrue(r.out().contains("Examples:") && r.out().contains("telesynth budget " + sub), r.out());
        }
    }

    // 13. run checks its epsilon before simulate, load and aggregate write anything
    @Test
    void run_badEpsilon_isRefusedBeforeAnyStage(@TempDir Path tmp) {
        Path out = tmp.resolve("w");
        assertRefused(2, "--epsilon must be in [0.001, 1000.0], not -1.0", List.of(), "run", "--out", out.toString(), "--epsilon", "-1");
        assertFalse(Files.exists(out));
    }

    // 14. an I/O failure keeps its context line and adds what the file system said
    @Test
    void ioFailure_messageKeepsItsContext() {
        String line = Main.oneLine(new java.io.UncheckedIOException("cannot write the ledger /d/.telesynth/ledger.json",
                new IOException("No space left on device")));
        assertEquals("cannot write the ledger /d/.telesynth/ledger.json (IOException: No space left on device)", line);
        assertEquals("NoSuchFileException: /x", Main.oneLine(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/x"))));
    }

    // the audit's new options: a holdout share outside (0, 1), a tier that is not one, an output inside an input
    @Test
    void holdoutShareTierAndAuditOutput_badValues_exitTwo(@TempDir Path tmp) {
        Path out = tmp.resolve("real");
        for (String share : List.of("0", "1", "1.5", "-0.2")) {
            assertRefused(2, "--holdout-share must be in (0, 1), not ", List.of(raw), "load", "-q", "--in", raw.toString(), "--out", out.toString(),
                    "--holdout-share", share);
            assertFalse(Files.exists(out));
            assertFalse(Files.exists(tmp.resolve("holdout")));
        }
        assertRefused(2, "--holdout needs --holdout-share", List.of(raw), "load", "-q", "--in", raw.toString(), "--out", out.toString(),
                "--holdout", tmp.resolve("h").toString());
        assertRefused(2, "--holdout: " + raw + " is --in", List.of(raw), "load", "-q", "--in", raw.toString(), "--out", out.toString(),
                "--holdout-share", "0.2", "--holdout", raw.toString());
        assertRefused(2, "--tier must be quick, standard, full or deep, not fast", List.of(real), "audit", "-q", "--real", real.toString(),
                "--synth", real.toString(), "--out", tmp.resolve("a").toString(), "--tier", "fast");
        assertRefused(2, "lies inside --real", List.of(real), "audit", "-q", "--real", real.toString(), "--synth", real.toString(),
                "--out", real.resolve("audit").toString());
        assertRefused(2, "--holdout-share must be in (0, 1), not 2.0", List.of(), "run", "--out", tmp.resolve("w").toString(),
                "--holdout-share", "2", "--gates");
        assertFalse(Files.exists(tmp.resolve("w")));
    }

    // the TSTR and canary settings of audit: each bad value refused before any work, naming the key
    @Test
    void auditTstrAndCanarySettings_badValues_exitTwo(@TempDir Path tmp) throws Exception {
        String[][] bad = {{"min_tstr_ratio", "-0.1"}, {"min_tstr_ratio", "11"}, {"tstr_devices", "5"}, {"canaries", "3"},
                {"canaries", "1000000"}, {"canary_confidence", "1"}, {"canary_confidence", "0.2"}, {"canary_confidence", "\"high\""}};
        for (String[] kv : bad) {
            Path config = tmp.resolve(kv[0] + ".yaml");
            Files.writeString(config, "audit:\n  " + kv[0] + ": " + kv[1] + "\n");
            assertRefused(2, "audit." + kv[0], List.of(real), "audit", "-q", "--real", real.toString(), "--synth", real.toString(),
                    "--out", tmp.resolve("a").toString(), "--config", config.toString(), "--tier", "quick");
            assertFalse(Files.exists(tmp.resolve("a")), kv[0] + " " + kv[1]);
        }
        assertRefused(2, "--seed", List.of(real), "audit", "-q", "--real", real.toString(), "--synth", real.toString(),
                "--out", tmp.resolve("a").toString(), "--tier", "deep", "--seed", "x");
    }
}
