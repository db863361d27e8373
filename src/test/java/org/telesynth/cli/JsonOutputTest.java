package org.telesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.io.Manifests;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --json} on run, compare, budget show and audit: stdout is exactly one JSON document, the facts the text gives. */
class JsonOutputTest {
    private static JsonNode parse(CliRunner.Result r) throws Exception {
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode n = Manifests.json().readTree(r.out());
        assertTrue(n.isObject(), r.out());
        return n;
    }

    @Test
    void runCompareBudgetAndAudit_printOneJsonDocument(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("data");
        JsonNode run = parse(CliRunner.run("run", "--out", out.toString(), "--devices", "3000", "--seed", "2", "--epsilon", "2", "--json"));
        assertEquals("pertable", run.path("method").asText());
        assertEquals(2.0, run.path("epsilon").asDouble(), 1e-9);
        assertEquals(24, run.path("queries").asInt());
        assertEquals(21, run.path("peer_queries").asInt());
        assertTrue(run.path("report").asText().endsWith("report.html"));

        JsonNode budget = parse(CliRunner.run("budget", "show", "--data", out.resolve("real").toString(), "--json"));
        assertEquals(2.0, budget.at("/spent/epsilon").asDouble(), 1e-9);
        assertEquals(budget.at("/cap/epsilon").asDouble() - 2.0, budget.at("/remaining/epsilon").asDouble(), 1e-9);
        assertEquals(1, budget.path("entries").size());

        JsonNode compare = parse(CliRunner.run("compare", "--real", out.resolve("answers/real").toString(), "--synth",
                out.resolve("answers/pertable").toString(), "--out", tmp.resolve("report").toString(), "-q", "--json"));
        assertEquals(run.path("passed").asInt(), compare.at("/summary/passed").asInt(), "the same comparison, without the noise floor");

        // a small per-table release may fail a gate (exit 4): the document is printed all the same
        CliRunner.Result auditRun = CliRunner.run("audit", "--real", out.resolve("real").toString(), "--synth", out.resolve("synth/pertable").toString(),
                "--out", tmp.resolve("audit").toString(), "--tier", "quick", "-q", "--json");
        JsonNode audit = Manifests.json().readTree(auditRun.out());
        assertEquals(audit.path("verdict").asText().equals("FAIL") ? ExitCode.GATE_FAILED : ExitCode.OK, auditRun.code(), auditRun.err());
        assertEquals("quick", audit.path("tier").asText());
        assertTrue(audit.path("checks").isArray() && audit.path("checks").size() > 0, audit.toString());
    }
}
