package org.telesynth.synth;

import org.telesynth.io.BuildInfo;
import org.telesynth.privacy.LedgerEntry;
import org.telesynth.privacy.Spent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public manifest of a release ({@code <out>/manifest.json}): its typed provenance, and nothing read from the
 * private data without a mechanism. It holds the method, the request, the settings the plan used, the code, JVM and
 * OS, the randomness (seed or "secure"), the released (epsilon, delta) with every privacy event, and the number of
 * synthetic rows written (a function of released values and the release's randomness, as visible in the tables),
 * and the tables absent from the input (which files the export held: public, see
 * {@link org.telesynth.io.AbsentTables}).
 * Input hashes, timings and exact counts go to {@link ReleaseProvenance}, on the private side.
 */
public final class ReleaseManifest {
    private ReleaseManifest() {
    }

    static Map<String, Object> of(String method, String runId, ReleaseRequest request, SynthesisPlan plan,
                                  Spent spent, String parameterHash, Long seed, Map<String, Long> syntheticRows,
                                  java.util.List<String> absentTables) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", "synthesize");
        m.put("method", method);
        m.put("run_id", runId);
        // no dataset id: it is derived from the private data (io/Dataset), so it stays in the private provenance
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("epsilon", request.epsilon());
        requested.put("delta", request.delta());
        requested.put("options", request.options());
        // public: where the measurements ran (the same released values on either engine)
        requested.put("engine", request.engine());
        m.put("request", requested);
        m.put("settings", plan.publicSettings());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("source", plan.config().source());
        config.put("hash", plan.config().hash());
        m.put("config", config);
        m.put("parameter_hash", parameterHash);
        m.put("code", BuildInfo.describe());
        m.put("randomness", seed == null ? "secure" : "seeded (reproducible, not for release)");
        m.put("seed", seed);
        Map<String, Object> privacy = new LinkedHashMap<>();
        privacy.put("epsilon", spent.epsilon());
        privacy.put("delta", spent.delta());
        privacy.put("unit", "device (all rows of one guid in every table)");
        privacy.put("accountant", "rdp");
        privacy.put("events", LedgerEntry.describe(plan.events()));
        m.put("privacy", privacy);
        m.put("synthetic_rows", syntheticRows);
        // the tables the export lacked (public: AbsentTables), written empty; benchmark skips the queries reading them
        m.put(org.telesynth.io.AbsentTables.KEY, absentTables);
        return m;
    }
}
