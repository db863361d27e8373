package org.telesynth.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.io.Manifests;
import org.telesynth.privacy.LedgerEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The privacy-budget ledger of one dataset: its cap, every charge against it, an append-only audit log of every
 * attempt, and an optional per-release policy. Releases compose across runs by basic composition (the epsilons and
 * deltas of the charges add up), which holds whatever each run's own accounting was.
 * <p>
 * Two backends keep the same contract ({@code LedgerContractTest} runs against both): {@link FileLedger} (the
 * embedded default, {@code file:}, one JSON file beside the data under an operating-system lock) and
 * {@link JdbcLedger} ({@code jdbc:postgresql://...}, one row per dataset in a shared database, for a team). Which
 * one {@link #of(Path)} opens is {@link LedgerLocation}'s to say: {@code --ledger URI}, else
 * {@code TELESYNTH_LEDGER}, else {@code file:}. Whatever the backend, the dataset's private sidecar (release
 * provenance, scratch, the study mark) stays in {@code <data>/.telesynth}.
 */
public interface Ledger {
    /** Slack for floating-point sums when comparing with the cap. */
    double SLACK = 1e-9;

    /** What the ledger holds: the dataset, its id, the cap and every charge. */
    record State(String dataset, String datasetId, double capEpsilon, double capDelta, List<LedgerEntry> entries) {
        public State {
            entries = List.copyOf(entries);
        }

        @JsonIgnore
        public double spentEpsilon() {
            return entries.stream().mapToDouble(LedgerEntry::epsilon).sum();
        }

        @JsonIgnore
        public double spentDelta() {
            return entries.stream().mapToDouble(LedgerEntry::delta).sum();
        }
    }

    /** The ledger of the dataset in {@code data}, on the backend in effect ({@link LedgerLocation#current()}). */
    static Ledger of(Path data) {
        return of(data, LedgerLocation.current());
    }

    /** The ledger of {@code data} on the backend {@code uri} ({@code file:} or {@code jdbc:postgresql://...}). */
    static Ledger of(Path data, String uri) {
        return LedgerLocation.isFile(uri) ? new FileLedger(data) : new JdbcLedger(data, LedgerLocation.check(uri, "--ledger"));
    }

    /** The dataset's directory. */
    Path data();

    /** Where the ledger is kept, for messages (a file, or the database URL without its password). */
    String location();

    /** The private folder beside the data, {@code <data>/.telesynth}: provenance and scratch of releases. */
    default Path privateDirectory() {
        return data().resolve(".telesynth");
    }

    /** Sets the cap, creating the ledger if there is none; a cap below what is already spent is refused. */
    State init(double epsilon, double delta);

    /** Creates the ledger of a newly loaded dataset with {@code datasetId} and this cap, unless one exists. */
    State createIfAbsent(double epsilon, double delta, String datasetId);

    /** Whether the dataset has a ledger. */
    boolean exists();

    /** The current state; bad input when no budget was set. */
    State read();

    /** The last entry with this run id, or null. */
    default LedgerEntry entry(String runId) {
        LedgerEntry found = null;
        for (LedgerEntry e : read().entries()) {
            if (e.runId().equals(runId)) {
                found = e;
            }
        }
        return found;
    }

    /** Records a charge if it fits under the cap (and the policy's allowance); refused with exit 3 otherwise. */
    default State charge(LedgerEntry entry) {
        return charge(entry, false);
    }

    /**
     * As {@link #charge(LedgerEntry)}; {@code override} admits a charge over the policy's per-release allowance
     * (never over the cap), and the audit log records that it did.
     */
    State charge(LedgerEntry entry, boolean override);

    /** Marks the charge {@code runId} as released: its tables are in place. */
    State markReleased(String runId);

    /** Every attempt to charge, oldest first: charged, refused or rolled back. */
    List<AuditRecord> history();

    /** The per-release policy, or null when none was recorded. */
    BudgetPolicy policy();

    /** Records {@code policy} (replacing an earlier one): later charges are held to its allowances. */
    void recordPolicy(BudgetPolicy policy);

    /**
     * Whether this is a study ledger: one of public data (a simulated fleet, or a sweep's own copy of it), where a
     * charge over the cap raises the cap instead of being refused. Nothing released on it is for sharing.
     */
    default boolean isStudy() {
        return Files.exists(privateDirectory().resolve("study.json"));
    }

    /** The study mark's content (who made it and why), or null for an ordinary ledger. */
    default JsonNode study() {
        return Manifests.readIfPresent(privateDirectory().resolve("study.json"));
    }

    /** Makes this ledger a study ledger, saying who made it and why ({@code .telesynth/study.json}, atomically). */
    default void markStudy(String madeBy, String note) {
        read();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", true);
        m.put("made_by", madeBy);
        m.put("note", note);
        Manifests.writeAtomically(privateDirectory().resolve("study.json"), m);
    }
}
