package org.telesynth.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.cli.CliRunner;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.TableViews;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * audit end to end on a 3,000-device fleet loaded with a 30 % holdout: a "release" that is a copy of the real tables
 * (everything memorised) must fail the exact-match and membership gates; an independent fleet of the same story
 * must show no exact match and a membership AUC within sampling error of 0.5.
 */
class AuditCommandTest {
    @TempDir
    static Path work;
    static Path real;
    static Path holdout;

    @BeforeAll
    static void fleet() {
        Path raw = work.resolve("raw");
        real = work.resolve("real");
        holdout = work.resolve("holdout");
        assertEquals(0, CliRunner.run("simulate", "-q", "--devices", "3000", "--seed", "9", "--out", raw.toString()).code());
        CliRunner.Result r = CliRunner.run("load", "-q", "--in", raw.toString(), "--out", real.toString(), "--holdout-share", "0.3");
        assertEquals(0, r.code(), r.err());
    }

    private static JsonNode check(Path out, String name) throws Exception {
        for (JsonNode c : Manifests.json().readTree(out.resolve("audit.json").toFile()).path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name);
    }

    @Test
    void holdout_isAKeyedShareOfDevices_inEveryTable_andDisjointFromTheMembers() throws Exception {
        try (Connection c = Duck.open()) {
            TableViews.createIn(c, real, "m");
            TableViews.createIn(c, holdout, "h");
            long members = Duck.queryLong(c, "SELECT count(*) FROM m.system_sysinfo_unique_normalized");
            long held = Duck.queryLong(c, "SELECT count(*) FROM h.system_sysinfo_unique_normalized");
            assertEquals(3000, members + held);
            // binomial(3000, 0.3): mean 900, sd 25; 5 sd either side
            assertTrue(Math.abs(held - 900) < 125, "held out " + held);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM m.system_userwait WHERE guid IN (SELECT guid FROM h.system_sysinfo_unique_normalized)"));
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM h.system_userwait WHERE guid NOT IN (SELECT guid FROM h.system_sysinfo_unique_normalized)"));
        }
        assertTrue(Files.exists(real.resolve(".telesynth/holdout.key")), "the key stays on the private side");
    }

    @Test
    void memorisedRelease_failsExactMatchAndMembership_exit4(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("audit");
        CliRunner.Result r = CliRunner.run("audit", "-q", "--real", real.toString(), "--holdout", holdout.toString(), "--synth",
                real.toString(), "--out", out.toString(), "--tier", "full");
        assertEquals(4, r.code(), r.err() + r.out());
        assertEquals("FAIL", check(out, "exact_matches_of_unique_real_devices").path("verdict").asText());
        assertTrue(check(out, "membership_auc").path("value").asDouble() > 0.9, "memorised members sit at distance 0");
        assertEquals("FAIL", check(out, "membership_auc").path("verdict").asText());
        assertTrue(check(out, "dcr_share_closer_to_members").path("value").asDouble() > 0.9);
        String html = Files.readString(out.resolve("audit.html"));
        assertTrue(html.contains("INTERNAL: contains real data") && html.contains("aria-label=\"ROC curve\"")
                && html.contains("aria-label=\"DCR histograms\"") && html.contains("aria-label=\"worst columns\"")
                && html.contains("aria-label=\"correlation differences system_pkg_C0\""), "plots and the private banner");
        assertTrue(Files.readString(out.resolve("audit.md")).contains("INTERNAL: contains real data"));
    }

    @Test
    void independentFleet_hasNoExactMatch_andAMembershipAucNearHalf(@TempDir Path tmp) throws Exception {
        Path other = tmp.resolve("other");
        assertEquals(0, CliRunner.run("simulate", "-q", "--devices", "3000", "--seed", "10", "--out", other.toString()).code());
        Path out = tmp.resolve("audit");
        CliRunner.Result r = CliRunner.run("audit", "-q", "--real", real.toString(), "--holdout", holdout.toString(), "--synth",
                other.toString(), "--out", out.toString(), "--tier", "full");
        assertTrue(r.code() == 0 || r.code() == 4, r.err());
        assertEquals(0, check(out, "exact_matches_of_unique_real_devices").path("value").asDouble());
        // AUC's standard error for about 900 holdout and 2,000 members is sqrt((n + m + 1) / (12 n m)) = 0.012; 4 of them
        double auc = check(out, "membership_auc").path("value").asDouble();
        assertTrue(Math.abs(auc - 0.5) < 0.048, "AUC " + auc);
        assertEquals(0, check(out, "orphan_rows").path("value").asDouble());
        assertEquals(0, check(out, "invariant_violations").path("value").asDouble());
    }

    @Test
    void deepTier_isRefusedAsNotBuilt(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("audit", "-q", "--real", real.toString(), "--synth", real.toString(), "--out",
                tmp.resolve("a").toString(), "--tier", "deep");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the canary audit is not built yet"), r.err());
    }
}
