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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                && html.contains("aria-label=\"correlation differences system_pkg_C0\"") && html.contains("aria-label=\"distribution "),
                "plots and the private banner");
        assertTrue(Files.readString(out.resolve("audit.md")).contains("INTERNAL: contains real data"));
        // TSTR trained on the members themselves: the same sample, the same deterministic models, ratio exactly 1
        JsonNode tstr = Manifests.json().readTree(out.resolve("audit.json").toFile()).path("tstr");
        assertEquals(6, tstr.size());
        for (JsonNode t : tstr) {
            assertEquals(1.0, t.at("/ratio/auc").asDouble(), 1e-12, t.toString());
            assertEquals(1.0, t.at("/ratio/accuracy").asDouble(), 1e-12, t.toString());
        }
        assertEquals("PASS", check(out, "tstr_battery_events_auc_lift_ratio").path("verdict").asText());
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
    void deepTier_needsARelease(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("audit", "-q", "--real", real.toString(), "--synth", real.toString(), "--out",
                tmp.resolve("a").toString(), "--tier", "deep");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("holds no release manifest"), r.err());
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    @Test
    void deepTier_replaysTheRelease_withCanaries_andGatesItsBoundAgainstTheClaim(@TempDir Path tmp) throws Exception {
        Path agg = tmp.resolve("agg");
        Path synth = tmp.resolve("synth");
        assertEquals(0, CliRunner.run("aggregate", "-q", "--in", real.toString(), "--out", agg.toString()).code());
        CliRunner.Result s = CliRunner.run("synthesize-marginal", "-q", "--in", agg.toString(), "--data", real.toString(), "--out",
                synth.toString(), "--epsilon", "1", "--seed", "2");
        assertEquals(0, s.code(), s.err());
        Path config = tmp.resolve("canaries.yaml");
        Files.writeString(config, "audit:\n  canaries: 100\n");
        Path out = tmp.resolve("audit");
        CliRunner.Result r = CliRunner.run("audit", "-q", "--real", real.toString(), "--holdout", holdout.toString(), "--synth",
                synth.toString(), "--out", out.toString(), "--tier", "deep", "--config", config.toString(), "--seed", "3");
        assertTrue(r.code() == 0 || r.code() == 4, r.err());
        JsonNode k = Manifests.json().readTree(out.resolve("audit.json").toFile()).path("canary_audit");
        assertEquals(100, k.path("canaries").asInt());
        assertEquals(0, k.path("tokens_seen").asInt());
        assertEquals(0.95, k.path("confidence").asDouble());
        assertEquals("PASS", check(out, "canary_epsilon_lower_bound").path("verdict").asText());
        assertTrue(check(out, "canary_epsilon_lower_bound").path("value").asDouble() <= 1);
        assertTrue(Files.readString(out.resolve("audit.html")).contains("One-run canary audit"));
        // the full tier ran below it: TSTR on three tasks, two model families each, or a task not measured and why
        int rows = Manifests.json().readTree(out.resolve("audit.json").toFile()).path("tstr").size();
        for (String task : new String[]{"battery_events", "persona_from_web", "chassis_from_power"}) {
            JsonNode gate = check(out, "tstr_" + task + "_auc_lift_ratio");
            assertTrue(gate.path("value").isNumber() || gate.path("detail").asText().contains("not measured"), gate.toString());
            rows -= gate.path("value").isNumber() ? 2 : 0;
        }
        assertEquals(0, rows, "two model families per measured task");
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".telesynth-deep-")), "the work folder is removed");
        }
    }
}
