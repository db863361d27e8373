package org.telesynth.synth;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.io.Hashes;
import org.telesynth.io.Manifests;
import org.telesynth.ledger.Ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The private provenance of a release, {@code <data>/.telesynth/releases/<run_id>.json} beside the ledger: what it
 * was computed from (the input's path and the SHA-256 of each of its files), where it went, the public manifest's
 * hash and its cost (wall and CPU seconds, peak RSS). These are read from the private data without a mechanism, so they never go into a
 * public output; {@code run} reads them here to tell whether a release is up to date.
 */
public final class ReleaseProvenance {
    private ReleaseProvenance() {
    }

    static void write(Ledger ledger, String runId, ReleaseRunner.Paths paths, String manifestHash, Map<String, Long> rows, org.telesynth.StageCost cost) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("dataset_id", org.telesynth.io.Dataset.idOrNull(paths.data()));
        m.put("input", paths.in().toAbsolutePath().normalize().toString());
        m.put("input_hashes", inputHashes(paths.in()));
        m.put("out", paths.out().toAbsolutePath().normalize().toString());
        m.put("manifest_sha256", manifestHash);
        m.put("synthetic_rows", rows);
        m.put("wall_seconds", Math.round(cost.wallSeconds() * 10) / 10.0);
        // wall, CPU and memory grow with private counts, so the cost stays here, never in the public manifest
        m.put("cost", cost.json());
        Manifests.writeAtomically(file(ledger.privateDirectory(), runId), m);
    }

    /**
     * Records the audit's verdict on a release (FAIL: not for sharing) in its private provenance. The verdict is a
     * statistic of the real data, so it stays here, beside the ledger, and not in the public manifest.
     */
    public static void markAudit(Path data, String runId, String verdict, Path report) {
        Path file = file(data.resolve(".telesynth"), runId);
        JsonNode m = Manifests.readIfPresent(file);
        if (m == null) {
            throw new IllegalStateException("no provenance for the release " + runId + " in " + file.getParent());
        }
        Map<String, Object> out = Manifests.json().convertValue(m, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {
        });
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("verdict", verdict);
        audit.put("shareable", !verdict.equals("FAIL"));
        audit.put("report", report.toAbsolutePath().normalize().toString());
        out.put("audit", audit);
        Manifests.writeAtomically(file, out);
    }

    /** The provenance of a run, or null when there is none. */
    public static JsonNode read(Path data, String runId) {
        return runId == null || runId.isEmpty() ? null : Manifests.readIfPresent(file(data.resolve(".telesynth"), runId));
    }

    private static Path file(Path privateDirectory, String runId) {
        return privateDirectory.resolve("releases").resolve(runId + ".json");
    }

    /** The SHA-256 of every file of a release's input (what it was computed from; private). */
    public static Map<String, String> inputHashes(Path in) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(in)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.put(f.getFileName().toString(), Hashes.sha256(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + in, e);
        }
        return out;
    }
}
