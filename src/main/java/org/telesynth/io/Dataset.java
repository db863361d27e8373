package org.telesynth.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A dataset's identity: the {@code dataset_id} that {@code load} gives the tables it writes (a random UUID, drawn
 * when the dataset is first loaded, so it says nothing about the data), recorded in REAL's and AGG's manifests and
 * in the ledger. A release checks that all three agree, so budget is always charged to the dataset it reads.
 */
public final class Dataset {
    public static final String KEY = "dataset_id";

    private Dataset() {
    }

    /** The dataset id in {@code dir/manifest.json}, or null when there is none. */
    public static String idOrNull(Path dir) {
        JsonNode m = Manifests.readIfPresent(dir.resolve("manifest.json"));
        return m == null || !m.path(KEY).isTextual() ? null : m.path(KEY).asText();
    }

    /** The dataset id in {@code dir/manifest.json}; bad input naming {@code what} when there is none. */
    public static String id(Path dir, String what) {
        String id = idOrNull(dir);
        if (id == null) {
            throw new BadInputException(what + ": " + dir + " has no dataset id in its manifest.json (load the tables with"
                    + " telesynth load, then aggregate them, so that releases know which ledger to charge)");
        }
        return id;
    }

    /** The id of {@code dir}'s manifest, or a fresh one. */
    public static String idOrNew(Path dir) {
        String id = idOrNull(dir);
        return id != null ? id : UUID.randomUUID().toString();
    }

    /**
     * Whether the tables in {@code dir} were loaded from the embedded simulator's output (its manifest, which load
     * keeps as {@code source_manifest}, says {@code stage: simulate}): public data, made from public facts only.
     */
    public static boolean isSimulated(Path dir) {
        JsonNode m = Manifests.readIfPresent(dir.resolve("manifest.json"));
        return m != null && "simulate".equals(m.path("source_manifest").path("stage").asText());
    }

    /** Bad input unless {@code dir} holds a simulated fleet: a study ledger is for public data only. */
    public static void requireSimulated(Path dir) {
        if (!isSimulated(dir)) {
            throw new BadInputException(dir + " was not loaded from telesynth simulate (its manifest.json has no source_manifest"
                    + " with stage simulate): a study ledger, which never refuses a charge, is for public data only; set a cap"
                    + " with budget init --data " + dir + " --epsilon E --delta D");
        }
    }
}
