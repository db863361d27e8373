package org.telesynth.privacy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.telesynth.BadInputException;
import org.telesynth.BudgetRefusedException;
import org.telesynth.io.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The privacy-budget ledger of one dataset, {@code <data>/.telesynth/ledger.json}: the cap set by
 * {@code budget init} and every charge made against it. Releases compose across runs by basic composition (the
 * epsilons and deltas of the charges add up), which holds whatever each run's own accounting was.
 * <p>
 * Every update takes an exclusive lock on {@code ledger.lock} (an operating-system file lock, so it also holds
 * between processes), reads the ledger, checks the cap, writes the new ledger to a temporary file, forces it to
 * disk, renames it over the old one atomically and forces the directory: concurrent charges never exceed the cap
 * nor lose an entry, and a crash at any point leaves either the old or the new ledger, both readable.
 */
public final class Ledger {
    /** Slack for floating-point sums when comparing with the cap. */
    private static final double SLACK = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // a field missing from the file is an error, never a silent 0 (an entry without its epsilon)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The ledger file's content. */
    public record State(String dataset, String datasetId, double capEpsilon, double capDelta, List<LedgerEntry> entries) {
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

    private final Path data;
    private final Path dir;

    public Ledger(Path data) {
        if (!Files.isDirectory(data)) {
            throw new BadInputException("--data: not a directory: " + data);
        }
        this.data = data.toAbsolutePath().normalize();
        this.dir = this.data.resolve(".telesynth");
    }

    /** The private folder beside the ledger, {@code <data>/.telesynth}: provenance and scratch of releases. */
    public Path privateDirectory() {
        return dir;
    }

    public Path file() {
        return dir.resolve("ledger.json");
    }

    /**
     * Sets the cap, creating the ledger if there is none (bound to the dataset id of {@code <data>/manifest.json},
     * or a fresh one); a cap below what is already spent is refused. All under the lock.
     */
    public State init(double epsilon, double delta) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.probability("delta", delta);
        return locked(() -> {
            State old = readOrNull();
            List<LedgerEntry> entries = old == null ? List.of() : old.entries();
            String id = old != null && old.datasetId() != null ? old.datasetId() : Dataset.idOrNew(data);
            State next = new State(data.toString(), id, epsilon, delta, entries);
            if (next.spentEpsilon() > epsilon + SLACK || next.spentDelta() > delta + SLACK) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "cap (epsilon %s, delta %s) is below what %s has already spent (epsilon %s, delta %s)",
                        epsilon, delta, data, next.spentEpsilon(), next.spentDelta()));
            }
            write(next);
            return next;
        });
    }

    /**
     * Creates the ledger of a newly loaded dataset with {@code datasetId} and the given cap, unless one exists
     * (then it is kept as it is, its spending included). Under the lock, so it never overwrites a concurrent init.
     */
    public State createIfAbsent(double epsilon, double delta, String datasetId) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.probability("delta", delta);
        return locked(() -> {
            State old = readOrNull();
            if (old != null) {
                return old;
            }
            State next = new State(data.toString(), datasetId, epsilon, delta, List.of());
            write(next);
            return next;
        });
    }

    /** The last entry with this run id, or null. */
    public LedgerEntry entry(String runId) {
        LedgerEntry found = null;
        for (LedgerEntry e : read().entries()) {
            if (e.runId().equals(runId)) {
                found = e;
            }
        }
        return found;
    }

    /** Whether the dataset has a ledger. */
    public boolean exists() {
        return Files.exists(file());
    }

    /** The current state; bad input when no budget was set. */
    public State read() {
        State s = readOrNull();
        if (s == null) {
            throw new BadInputException("no privacy budget for " + data + " (" + file() + " is missing; load creates it,"
                    + " and a deleted ledger is never recreated silently): run telesynth budget init --data " + data + " --epsilon E --delta D");
        }
        return s;
    }

    /**
     * Records a charge if it fits under the cap.
     *
     * @throws BudgetRefusedException (exit 3) when it does not, with what is left
     */
    /** Marks the charge {@code runId} as released: its tables are in place. */
    public State markReleased(String runId) {
        return locked(() -> {
            State s = read();
            List<LedgerEntry> entries = new ArrayList<>();
            boolean found = false;
            for (LedgerEntry e : s.entries()) {
                found |= e.runId().equals(runId);
                entries.add(e.runId().equals(runId) ? e.released() : e);
            }
            if (!found) {
                throw new IllegalStateException("the ledger " + file() + " has no charge " + runId);
            }
            State next = new State(s.dataset(), s.datasetId(), s.capEpsilon(), s.capDelta(), entries);
            write(next);
            return next;
        });
    }

    public State charge(LedgerEntry entry) {
        return locked(() -> {
            State s = read();
            double eps = s.spentEpsilon() + entry.epsilon();
            double del = s.spentDelta() + entry.delta();
            boolean overEpsilon = eps > s.capEpsilon() + SLACK;
            boolean overDelta = del > s.capDelta() + SLACK;
            double capEpsilon = s.capEpsilon();
            double capDelta = s.capDelta();
            if ((overEpsilon || overDelta) && isStudy()) {
                // a study ledger (public data: a simulated fleet) records what a release would cost and never refuses
                // it: the cap grows to what is spent, so the ledger stays a true record of the study's total
                capEpsilon = Math.max(capEpsilon, eps);
                capDelta = Math.max(capDelta, Math.min(del, 0.999999));
            } else if (overEpsilon || overDelta) {
                throw new BudgetRefusedException(refusal(s, entry, overEpsilon, overDelta));
            }
            List<LedgerEntry> entries = new ArrayList<>(s.entries());
            entries.add(entry);
            State next = new State(s.dataset(), s.datasetId(), capEpsilon, capDelta, entries);
            write(next);
            return next;
        });
    }

    /**
     * The refusal line: what ran out (a release refused on delta must not read as an epsilon problem), the cap and
     * what is spent, and every way on: a smaller budget, a larger cap, {@code budget show}, and for public data a
     * study ledger.
     */
    private String refusal(State s, LedgerEntry entry, boolean overEpsilon, boolean overDelta) {
        String over = overEpsilon && overDelta ? "epsilon and delta" : overEpsilon ? "epsilon" : "delta";
        String smaller = overDelta && !overEpsilon ? "a smaller --delta" : overEpsilon && !overDelta ? "a smaller --epsilon" : "a smaller --epsilon and --delta";
        long releases = s.entries().size();
        return String.format(Locale.ROOT,
                "budget refused on %s: %s needs epsilon %.6g, delta %.3g, but %s has only epsilon %.6g, delta %.3g left (cap epsilon %s,"
                        + " delta %s; spent epsilon %.6g, delta %.3g in %d release%s). To proceed: use %s; or raise the cap with"
                        + " telesynth budget init --data %s --epsilon E --delta D; see every charge with telesynth budget show --data %s;"
                        + " for public data such as a simulated fleet, telesynth budget init --data %s --study makes a study ledger"
                        + " (docs/budget.md)", over, entry.method(), entry.epsilon(), entry.delta(), data,
                Math.max(0, s.capEpsilon() - s.spentEpsilon()), Math.max(0, s.capDelta() - s.spentDelta()), s.capEpsilon(), s.capDelta(),
                s.spentEpsilon(), s.spentDelta(), releases, releases == 1 ? "" : "s", smaller, data, data, data);
    }

    /** The mark of a study ledger, {@code .telesynth/study.json} beside the ledger. */
    private Path studyMark() {
        return dir.resolve("study.json");
    }

    /**
     * Whether this is a study ledger: one of public data (a simulated fleet, or a sweep's own copy of it), where a
     * charge over the cap raises the cap instead of being refused. Nothing released on it is for sharing.
     */
    public boolean isStudy() {
        return Files.exists(studyMark());
    }

    /** The study mark's content (who made it and why), or null for an ordinary ledger. */
    public com.fasterxml.jackson.databind.JsonNode study() {
        return org.telesynth.io.Manifests.readIfPresent(studyMark());
    }

    /**
     * Makes this ledger a study ledger, saying who made it and why; {@code study.json} is written atomically under
     * the ledger's lock.
     */
    public void markStudy(String madeBy, String note) {
        locked(() -> {
            read();
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("study", true);
            m.put("made_by", madeBy);
            m.put("note", note);
            org.telesynth.io.Manifests.writeAtomically(studyMark(), m);
            return null;
        });
    }

    private State readOrNull() {
        Path f = file();
        if (!Files.exists(f)) {
            return null;
        }
        State s;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(f.toFile());
            if (tree == null || tree.isMissingNode()) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(null, null, "empty file");
            }
            // entries written before outcomes were recorded: their release is not known to be interrupted
            for (com.fasterxml.jackson.databind.JsonNode e : tree.path("entries")) {
                if (e instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.has("outcome")) {
                    o.put("outcome", LedgerEntry.RELEASED);
                }
            }
            s = JSON.treeToValue(tree, State.class);
        } catch (IOException e) {
            throw new BadInputException("cannot read the ledger " + f + " (" + problem(e) + "): restore it from a backup (it is"
                    + " the record of every release)", e);
        }
        return validated(s, f);
    }

    /** What is wrong with a ledger file, naming the field where there is one (entries[2].epsilon: missing). */
    private static String problem(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException || e.getCause() instanceof com.fasterxml.jackson.core.io.JsonEOFException
                || String.valueOf(e.getMessage()).contains("end-of-input")) {
            return "it ends early: truncated";
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            String why = m.getOriginalMessage().split("\\R", 2)[0];
            java.util.regex.Matcher missing = java.util.regex.Pattern.compile("[Mm]issing .*property '(\\w+)'").matcher(why);
            if (missing.find()) {
                boolean named = path.toString().endsWith(missing.group(1));
                return path + (named ? "" : (path.length() > 0 ? "." : "") + missing.group(1)) + ": missing";
            }
            return path + ": " + why;
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p) {
            return "not JSON: " + p.getOriginalMessage().split("\\R", 2)[0];
        }
        return e.getMessage();
    }

    /** A ledger read from disk is checked before it is trusted: a NaN cap would admit any charge. */
    private static State validated(State s, Path f) {
        String bad = null;
        if (s == null || s.entries() == null) {
            bad = "entries are missing";
        } else if (!(Double.isFinite(s.capEpsilon()) && s.capEpsilon() > 0)) {
            bad = "capEpsilon must be positive and finite";
        } else if (!(s.capDelta() >= 0 && s.capDelta() < 1)) {
            bad = "capDelta must be in [0, 1)";
        } else if (s.datasetId() == null) {
            bad = "datasetId is missing";
        }
        if (bad != null) {
            throw new BadInputException("the ledger " + f + " is not valid (" + bad + "): restore it from a backup");
        }
        return s;
    }

    private void write(State state) {
        Path tmp = dir.resolve("ledger.json.tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(state)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some file systems cannot sync a directory; the rename itself is still atomic
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger " + file(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve("ledger.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the ledger in " + dir, e);
        }
    }
}
