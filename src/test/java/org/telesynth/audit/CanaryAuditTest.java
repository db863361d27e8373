package org.telesynth.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.Progress;
import org.telesynth.cli.CliRunner;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.TableViews;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deep tier on a 1,500-device fleet: the canaries land in every table that has rows, with their own tokens; a release that lets
 * the data through (a copy: noise off entirely) is caught, its bound above the claim; the real marginal release at
 * the same claim passes, the attacker seeing no token.
 */
class CanaryAuditTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    @TempDir
    static Path work;
    static Path real;

    @BeforeAll
    static void fleet() {
        Path raw = work.resolve("raw");
        real = work.resolve("real");
        assertEquals(0, CliRunner.run("simulate", "-q", "--devices", "1500", "--seed", "4", "--out", raw.toString()).code());
        CliRunner.Result r = CliRunner.run("load", "-q", "--in", raw.toString(), "--out", real.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void canaries_haveARowInEveryTable_withTheirTokenInGuidAndEveryOpenColumn() throws Exception {
        boolean[] in = new boolean[50];
        for (int i = 0; i < in.length; i += 3) {
            in[i] = true; // 17 of 50
        }
        Path out = work.resolve("canaried");
        Files.createDirectories(out);
        try (Connection c = Duck.open()) {
            TableViews.createIn(c, real, "m");
            Canaries.write(c, "m", in, out, 5);
            TableViews.createIn(c, out, "k");
            for (TableSchema t : Schema.tables()) {
                long canaries = Duck.queryLong(c, "SELECT count(DISTINCT guid) FROM k.\"" + t.name() + "\" WHERE guid LIKE 'tscanary-%'");
                if (Duck.queryLong(c, "SELECT count(*) FROM m.\"" + t.name() + "\"") == 0) {
                    assertEquals(0, canaries, t.name() + " has no row to copy a canary's from");
                    continue;
                }
                assertEquals(17, canaries, t.name());
                long rows = Duck.queryLong(c, "SELECT count(*) FROM k.\"" + t.name() + "\"") - Duck.queryLong(c, "SELECT count(*) FROM m.\"" + t.name() + "\"");
                assertEquals(17, rows, t.name() + ": one row per canary");
                for (var col : t.columns()) {
                    if (col.openDomain()) {
                        assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM k.\"" + t.name() + "\" WHERE guid LIKE 'tscanary-%' AND "
                                + col.sqlName() + " <> guid"), t.name() + "." + col.name());
                    }
                }
            }
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM k.system_sysinfo_unique_normalized WHERE guid = 'tscanary-000001'"), "an excluded canary");
        }
    }

    /** A "release" that copies the canaried real tables: the textbook broken mechanism, no noise at all. */
    private static void copy(Path real, Path agg, Path out, Progress log) {
        try {
            Files.createDirectories(out);
            for (TableSchema t : Schema.tables()) {
                Files.copy(real.resolve(t.fileName()), out.resolve(t.fileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aReleaseWithTheNoiseOff_isCaught_itsBoundAboveTheClaim() {
        CanaryAudit.Result r = CanaryAudit.run(real, CONFIG, "copy", 1, 1e-5, CanaryAuditTest::copy, 200, 0.95, RandomSource.seeded(3),
                work.resolve("deep-copy"), Progress.NONE);
        assertEquals(r.included(), r.tokens(), "every included canary shows, no other");
        assertEquals(200, r.correct());
        // all 200 right: the largest bound 200 canaries can show, ln(q / (1 - q)) with q = 0.05^(1/200), less delta's share
        assertEquals(4.188, r.bound(), 0.01);
        assertEquals(Verdict.FAIL, Audit.canaryCheck(r).verdict());
        assertFalse(Files.exists(work.resolve("deep-copy")), "the work folder is removed");
    }

    @Test
    void theMarginalRelease_passes_theAttackerSeesNoToken() throws Exception {
        JsonNode manifest = Manifests.json().readTree("{\"method\": \"marginal\", \"request\": {\"epsilon\": 1, \"delta\": 1e-5, \"options\": {}}}");
        CanaryAudit.Result r = CanaryAudit.run(real, CONFIG, "marginal", 1, 1e-5, CanaryAudit.replay(manifest, CONFIG, 5L), 200, 0.95,
                RandomSource.seeded(3), work.resolve("deep-marginal"), Progress.NONE);
        assertEquals(0, r.tokens());
        // every guess "out": right on the excluded ones, about 100 of 200 (sd 7)
        assertEquals(200 - r.included(), r.correct());
        assertTrue(r.bound() <= 1, "bound " + r.bound());
        assertEquals(Verdict.PASS, Audit.canaryCheck(r).verdict());
    }
}
