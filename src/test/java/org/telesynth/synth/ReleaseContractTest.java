package org.telesynth.synth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.cli.CliRunner;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.StagedOutput;
import org.telesynth.ledger.Ledger;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.pertable.PerTablePlan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release contract, one test per defect of the outside audit: nothing private in the manifest, AGG's bounds
 * bind the plan, no private values in progress, the ledger bound to the data, every public setting checked before
 * the charge, strict configuration, spend-once measurements, scratch on the private side and outputs apart from
 * inputs. Each refusal is exit 2 with one line, nothing written and nothing charged.
 */
class ReleaseContractTest {
    @TempDir
    static Path work;
    static Path real;
    static Path agg;

    @BeforeAll
    static void fleet() {
        Path raw = work.resolve("raw");
        real = work.resolve("real");
        agg = work.resolve("agg");
        ok(CliRunner.run("simulate", "-q", "--devices", "3000", "--seed", "5", "--out", raw.toString()));
        ok(CliRunner.run("load", "-q", "--in", raw.toString(), "--out", real.toString()));
        ok(CliRunner.run("aggregate", "-q", "--in", real.toString(), "--out", agg.toString()));
        Ledger.of(real).init(1000, 0.5);
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private static CliRunner.Result synthesize(String method, Path data, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("synthesize-" + method, "-q", "--in", agg.toString(), "--data", data.toString(),
                "--epsilon", "2", "--seed", "3", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** A refusal: exit 2, one line naming {@code expected}, no output directory, no charge. */
    private static void assertRefused(CliRunner.Result r, String expected, Path out, Path data) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
        if (data != null && Ledger.of(data).exists()) {
            assertEquals(0, Ledger.of(data).read().entries().size(), "nothing charged");
        }
    }

    private static Path dataset(Path tmp) {
        return Releases.dataset(tmp.resolve("data"), agg, 100, 1e-3);
    }

    // 1. the manifest holds no hash, timing or count read from the data; the provenance is on the private side
    @Test
    void manifest_holdsNoInputHashesOrTimings_provenanceSitsBesideTheLedger(@TempDir Path tmp) {
        Path data = dataset(tmp);
        ok(synthesize("pertable", data, tmp.resolve("out")));
        JsonNode m = Manifests.readIfPresent(tmp.resolve("out/manifest.json"));
        for (String key : List.of("input_hashes", "wall_seconds", "rows", "input")) {
            assertFalse(m.has(key), "public manifest has " + key);
        }
        assertTrue(m.path("code").has("git_commit") && m.path("code").has("java") && m.path("settings").has("bounding"), m.toString());
        assertEquals("seeded (reproducible, not for release)", m.path("randomness").asText());
        JsonNode p = ReleaseProvenance.read(data, m.path("run_id").asText());
        assertTrue(p != null && p.path("input_hashes").has("device_profile.parquet") && p.has("wall_seconds"), String.valueOf(p));
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            List<String> expected = new java.util.ArrayList<>(Schema.tables().stream().map(TableSchema::fileName).toList());
            expected.add("manifest.json");
            assertEquals(expected.stream().sorted().toList(), names, "only the tables and the manifest are left in --out");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unknownDeviceModel_isRefusedBeforeTheCharge(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        Path config = Files.writeString(tmp.resolve("gan.yaml"), "pertable: {device_model: gan}\n");
        assertRefused(synthesize("pertable", data, tmp.resolve("out"), "--config", config.toString()),
                "pertable.device_model must be one of histogram, dpvae, not gan", tmp.resolve("out"), data);
    }

    // 2. a plan that assumes other bounds than AGG's is refused before the charge
    @Test
    void configWithAnotherK_thanAggWasBoundedWith_isRefusedBeforeTheCharge(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        Path config = Files.writeString(tmp.resolve("k1.yaml"), "tables:\n  system_frgnd_apps_types:\n    k: 1\n");
        assertRefused(synthesize("pertable", data, tmp.resolve("out"), "--config", config.toString()),
                "tables.system_frgnd_apps_types.k: AGG 160, config 1", tmp.resolve("out"), data);
    }

    // 2. ... and each measurement enforces its bound on the rows it reads, whatever AGG holds
    @Test
    void boundedViews_dropADeviceOverK_andAMarginalRefusesASensitivityBelowK(@TempDir Path tmp) throws Exception {
        Path altered = Files.createDirectories(tmp.resolve("agg"));
        ReleaseConfig config = ReleaseConfig.load(null);
        int k = config.table("system_frgnd_apps_types").k();
        try (Connection c = Duck.open()) {
            for (String f : Files.list(agg).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList()) {
                String src = Duck.literal(agg.resolve(f).toString());
                String extra = f.equals("system_frgnd_apps_types.parquet")
                        ? " UNION ALL SELECT r.* REPLACE ('zz-heavy' AS guid) FROM (SELECT * FROM read_parquet(" + src + ") LIMIT 1) r, range(" + (k + 1) + ")"
                        + " UNION ALL SELECT r.* REPLACE ('zz-at-k' AS guid) FROM (SELECT * FROM read_parquet(" + src + ") LIMIT 1) r, range(" + k + ")" : "";
                Duck.copyToParquet(c, "SELECT * FROM read_parquet(" + src + ")" + extra, altered.resolve(f));
            }
        }
        try (Connection c = Duck.open()) {
            BoundedViews.create(c, altered, config);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_frgnd_apps_types WHERE guid = 'zz-heavy'"), "a device over k is left out");
            assertEquals(k, Duck.queryLong(c, "SELECT count(*) FROM system_frgnd_apps_types WHERE guid = 'zz-at-k'"), "a device at k is kept");
            Measurer m = Measurer.exactForSensitivityTests(c, config);
            ColumnSpec spec = new PerTablePlan(1, 1e-5, config).columns("system_frgnd_apps_types").get(0);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.marginal(Measurement.gaussian("x", 1, 1), null, spec));
            assertTrue(e.getMessage().contains("below the " + k + " rows"), e.getMessage());
        }
    }

    // 3. progress shows public or released values only: no true counts, batch sizes, losses or timings
    @Test
    void progress_ofPeAndDpvae_showsNoPrivateValues(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        Path config = Files.writeString(tmp.resolve("small.yaml"), "pe: {iterations: 2, population: 2000}\ndpvae: {epochs: 1, batch_size: 512}\n");
        for (String method : List.of("pe", "dpvae")) {
            List<String> args = List.of("synthesize-" + method, "--in", agg.toString(), "--data", data.toString(), "--epsilon", "2",
                    "--seed", "3", "--config", config.toString(), "--out", tmp.resolve(method).toString());
            CliRunner.Result r = ok(CliRunner.run(args.toArray(String[]::new)));
            for (String leak : List.of("distinct attribute records", "batch ", "loss", "trained in", "s] ", " s\n")) {
                assertFalse(r.err().contains(leak), method + " progress shows '" + leak + "':\n" + r.err());
            }
        }
    }

    // 4. the ledger is bound to the data: no fresh ledger for a stranger directory, no silent re-creation
    @Test
    void release_withAnotherDataDirectory_orADeletedLedger_isRefused(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("other"));
        assertRefused(synthesize("pertable", empty, tmp.resolve("o1")), "has no dataset id", tmp.resolve("o1"), null);
        assertFalse(Ledger.of(empty).exists(), "no ledger is made by a release");
        Path data = dataset(tmp);
        Files.delete(data.resolve(".telesynth/ledger.json"));
        assertRefused(synthesize("pertable", data, tmp.resolve("o2")), "never recreated silently", tmp.resolve("o2"), null);
        assertFalse(Ledger.of(data).exists());
        Path stranger = Files.createDirectories(tmp.resolve("stranger"));
        Files.writeString(stranger.resolve("manifest.json"), "{\"stage\": \"load\", \"dataset_id\": \"another-dataset\"}");
        Ledger.of(stranger).init(100, 1e-3);
        assertRefused(synthesize("pertable", stranger, tmp.resolve("o3")), "was aggregated from dataset", tmp.resolve("o3"), stranger);
    }

    // 4. ... and a ledger is created only under its lock: load's creation never overwrites a concurrent budget init
    @Test
    void createIfAbsent_keepsAnExistingLedger(@TempDir Path tmp) {
        Path data = dataset(tmp);
        Ledger.of(data).init(7, 1e-4);
        Ledger.State s = Ledger.of(data).createIfAbsent(4, 1e-5, "another-id");
        assertEquals(7, s.capEpsilon());
        assertEquals(org.telesynth.io.Dataset.id(data, "data"), s.datasetId());
    }

    // 5. every public setting is checked before the charge
    @Test
    void badParentsOrBlocking_refusedBeforeTheCharge(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        Path parents = Files.writeString(tmp.resolve("p.yaml"), "marginal:\n  parents:\n    system_userwait: {event_name: no_such_column}\n");
        assertRefused(synthesize("marginal", data, tmp.resolve("o1"), "--config", parents.toString()),
                "marginal.parents.system_userwait.event_name: no_such_column is not a modelled column", tmp.resolve("o1"), data);
        Path blocking = Files.writeString(tmp.resolve("b.yaml"), "pe:\n  blocking: [chassistype, no_such_attribute]\n");
        assertRefused(synthesize("pe", data, tmp.resolve("o2"), "--config", blocking.toString()), "pe.blocking: no_such_attribute",
                tmp.resolve("o2"), data);
        Path groups = Files.writeString(tmp.resolve("g.yaml"), "dpvae:\n  presence_groups: [[system_pkg_C0, system_psys_rap_watts], [system_pkg_C0]]\n");
        assertRefused(synthesize("dpvae", data, tmp.resolve("o3"), "--config", groups.toString()), "more than one group",
                tmp.resolve("o3"), data);
    }

    // 6. strict configuration: unknown keys, wrong types and ranges are refused naming the key path and the value
    @Test
    void config_typoWrongTypeFractionalK_refusedWithTheKeyPath(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        String[][] cases = {
                {"marginal: {devce_share: 0.4}\n", "marginal.devce_share is not a known setting"},
                {"budget: {cap_epsilno: 1.0}\n", "budget.cap_epsilno is not a known setting"},
                {"window: {days: thirty}\n", "window.days must be a whole number, not \"thirty\""},
                {"tables:\n  system_userwait: {k: 24.9}\n", "tables.system_userwait.k must be a whole number, not 24.9"},
                {"marginal: {device_share: forty}\n", "marginal.device_share must be a number, not \"forty\""},
                {"marginal: {device_share: 1.5}\n", "marginal.device_share must be in (0, 1), not 1.5"},
                {"window: {start: 2023-13-01}\n", "window.start must be a date"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path config = Files.writeString(tmp.resolve("c" + i + ".yaml"), cases[i][0]);
            assertRefused(synthesize("marginal", data, tmp.resolve("o" + i), "--config", config.toString()), cases[i][1], tmp.resolve("o" + i), data);
        }
    }

    @Test
    void config_aPartialFile_overlaysTheDefaults() throws Exception {
        Path config = Files.writeString(work.resolve("partial.yaml"), "pe: {iterations: 8}\n");
        ReleaseConfig c = ReleaseConfig.load(config);
        ReleaseConfig defaults = ReleaseConfig.load(null);
        assertEquals(8, c.pe().iterations());
        assertEquals(defaults.pe().population(), c.pe().population());
        assertEquals(defaults.table("system_frgnd_apps_types").k(), c.table("system_frgnd_apps_types").k());
        assertEquals(defaults.bounding(), c.bounding());
    }

    // 7. a planned measurement is released once
    @Test
    void aPlannedMeasurement_cannotBeReleasedTwice() throws Exception {
        ReleaseConfig config = ReleaseConfig.load(null);
        PerTablePlan plan = new PerTablePlan(1, 1e-5, config);
        try (Connection c = Duck.open()) {
            BoundedViews.create(c, agg, config);
            Measurer m = new Measurer(c, org.telesynth.privacy.RandomSource.seeded(1), config);
            String sql = "SELECT count(*) FROM " + Schema.SYSINFO;
            m.count(plan.get("device count"), sql);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.count(plan.get("device count"), sql));
            assertTrue(e.getMessage().contains("already released"), e.getMessage());
        }
    }

    // 8. outputs apart from inputs (by real paths), scratch on the private side
    @Test
    void outputInsideOrEqualToAnInput_isRefused_evenThroughALink(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        assertRefused(synthesize("pertable", data, data.resolve("synth")), "lies inside --data", data.resolve("synth"), data);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), agg);
        CliRunner.Result r = synthesize("pertable", data, link);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is --in"), r.err());
        assertEquals(0, Ledger.of(data).read().entries().size());
        CliRunner.Result a = CliRunner.run("aggregate", "-q", "--in", real.toString(), "--out", real.toString());
        assertEquals(2, a.code(), a.err());
        assertTrue(a.err().contains("is --in"), a.err());
    }

    @Test
    void stagedOutput_keepsScratchUnderTheGivenRoot_andRemovesStaleStaging(@TempDir Path tmp) throws Exception {
        Path stale = Files.createDirectories(tmp.resolve("out/.staging-999999999-dead"));
        try (StagedOutput s = new StagedOutput(tmp.resolve("out"), tmp.resolve("private/scratch"))) {
            assertTrue(s.scratch("spill").startsWith(tmp.resolve("private/scratch")), s.scratch("spill").toString());
            assertFalse(Files.exists(stale), "a dead process's staging is removed");
        }
    }
}
