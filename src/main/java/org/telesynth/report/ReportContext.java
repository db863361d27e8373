package org.telesynth.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.io.Manifests;
import org.telesynth.ledger.Ledger;
import org.telesynth.synth.ReleaseProvenance;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a report says about the release besides its scores: the release's public manifest (method, spend, run id,
 * seeded or not), the real tables' manifest (whether they are the embedded simulator's fleet, which alone may be
 * shown beside the published peers' figures), the dataset's ledger, and the audit verdict when one was recorded.
 * Each is read from the tables' manifests when their directories are known, else from the manifests that
 * {@code benchmark} keeps beside its answers ({@code source-manifest.json}); any of them may be absent.
 *
 * @param release   the synthetic tables' manifest, or null
 * @param real      the real tables' manifest, or null
 * @param ledger    the real dataset's ledger, or null when its directory is not known
 * @param study     whether that ledger is a study ledger
 * @param audit     the audit recorded in the release's private provenance ({@code verdict}, {@code report}), or null
 */
public record ReportContext(JsonNode release, JsonNode real, Ledger.State ledger, boolean study, JsonNode audit) {
    /** No context: a comparison of two answer folders and nothing else known. */
    public static final ReportContext NONE = new ReportContext(null, null, null, false, null);

    public static ReportContext of(Path realAnswers, Path synthAnswers, Path realTables, Path synthTables) {
        JsonNode release = manifest(synthTables, synthAnswers);
        JsonNode real = manifest(realTables, realAnswers);
        Ledger.State state = null;
        boolean study = false;
        JsonNode audit = null;
        if (realTables != null && Files.isDirectory(realTables)) {
            Ledger ledger = Ledger.of(realTables);
            if (ledger.exists()) {
                state = ledger.read();
                study = ledger.isStudy();
            }
            JsonNode provenance = release == null ? null : ReleaseProvenance.read(realTables, release.path("run_id").asText(""));
            audit = provenance == null || provenance.path("audit").isMissingNode() ? null : provenance.path("audit");
        }
        return new ReportContext(release, real, state, study, audit);
    }

    private static JsonNode manifest(Path tables, Path answers) {
        JsonNode m = tables == null ? null : Manifests.readIfPresent(tables.resolve("manifest.json"));
        return m != null ? m : answers == null ? null : Manifests.readIfPresent(answers.resolve("source-manifest.json"));
    }

    /**
     * Whether the real side is the embedded simulator's fleet (its manifest, or the one load kept of its source,
     * says {@code stage: simulate}). Only then are the published peers' figures shown: they were measured on the
     * benchmark's real fleet, which the simulator is calibrated to, and mean nothing on a user's own data.
     */
    public boolean simulated() {
        return real != null && ("simulate".equals(real.path("stage").asText()) || "simulate".equals(real.path("source_manifest").path("stage").asText()));
    }

    /** Whether the release is a synthesizer's (its manifest has a run id and a privacy spend). */
    public boolean isRelease() {
        return release != null && release.has("run_id") && release.has("privacy");
    }

    /** A seeded release is reproducible: its noise can be re-derived, so it is never for release. */
    public boolean seeded() {
        return isRelease() && release.path("seed").isNumber();
    }
}
