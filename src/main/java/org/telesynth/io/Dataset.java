package org.telesynth.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A dataset's identity: the {@code dataset_id} that {@code load} gives the tables it writes, derived from their
 * content ({@link #contentId}), recorded in REAL's and AGG's manifests and keying the ledger. A release checks that
 * all three agree, so budget is always charged to the dataset it reads. Derived from the data, the id follows the
 * data: a copied or moved directory keeps it (its manifest), and loading the same rows again, into any directory,
 * gives it again, so a shared ledger (docs/budget.md) finds the budget already spent. It is a function of the
 * private data, so it stays in private places: REAL's and AGG's manifests, the ledger, the release's private
 * provenance, never a release's public manifest.
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

    /**
     * The id of the tables in {@code dir} (the contract's Parquet files, as load writes them): a SHA-256 over each
     * table's name, row count and the sum of DuckDB's hash of every row, so it depends on the rows alone, not on
     * their order or on the input's format (CSV or Parquet). The row hash is DuckDB's: a DuckDB upgrade may change
     * it, which changes only the id of data loaded afresh (a loaded directory keeps its manifest's id).
     */
    public static String contentId(Path dir) {
        StringBuilder b = new StringBuilder("content-v1\n");
        try (java.sql.Connection c = Duck.open()) {
            for (org.telesynth.schema.TableSchema t : org.telesynth.schema.Schema.tables()) {
                Path f = dir.resolve(t.fileName());
                if (!java.nio.file.Files.exists(f)) {
                    b.append(t.name()).append(":absent\n");
                    continue;
                }
                String cols = t.columns().stream().map(org.telesynth.schema.Column::sqlName).collect(java.util.stream.Collectors.joining(", "));
                try (java.sql.Statement st = c.createStatement();
                     java.sql.ResultSet r = st.executeQuery("SELECT count(*), coalesce(sum(hash(" + cols + ")::HUGEINT), 0)::VARCHAR FROM read_parquet("
                             + Duck.literal(f.toString()) + ")")) {
                    r.next();
                    b.append(t.name()).append(':').append(r.getLong(1)).append(':').append(r.getString(2)).append('\n');
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot derive the dataset id of " + dir + ": " + Duck.message(e), e);
        }
        return "ds-" + Hashes.sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 32);
    }
}
