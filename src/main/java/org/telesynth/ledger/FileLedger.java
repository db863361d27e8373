package org.telesynth.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.telesynth.BadInputException;
import org.telesynth.BudgetRefusedException;
import org.telesynth.io.Dataset;
import org.telesynth.privacy.Checks;
import org.telesynth.privacy.LedgerEntry;

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
 * The file backend of the {@link Ledger} (the embedded default, {@code file:}): the privacy-budget ledger of one
 * dataset in {@code <data>/.telesynth/ledger.json}: the cap set by
 * {@code budget init} and every charge made against it. Releases compose across runs by basic composition (the
 * epsilons and deltas of the charges add up), which holds whatever each run's own accounting was.
 * <p>
 * Every update takes an exclusive lock on {@code ledger.lock} (an operating-system file lock, so it also holds
 * between processes), reads the ledger, checks the cap, writes the new ledger to a temporary file, forces it to
 * disk, renames it over the old one atomically and forces the directory: concurrent charges never exceed the cap
 * nor lose an entry, and a crash at any point leaves either the old or the new ledger, both readable.
 */
public final class FileLedger implements Ledger {
    private static final String MIGRATED = "ledger-migrated.json";
    private static final ObjectMapper LINE = new ObjectMapper();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // a field missing from the file is an error, never a silent 0 (an entry without its epsilon)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path data;
    private final Path dir;

    public FileLedger(Path data) {
        if (!Files.isDirectory(data)) {
            throw new BadInputException("--data: not a directory: " + data);
        }
        this.data = data.toAbsolutePath().normalize();
        this.dir = this.data.resolve(".telesynth");
    }

    /** The private folder beside the ledger, {@code <data>/.telesynth}: provenance and scratch of releases. */
    @Override
    public Path privateDirectory() {
        return dir;
    }

    public Path file() {
        return dir.resolve("ledger.json");
    }

    @Override
    public Path data() {
        return data;
    }

    @Override
    public String location() {
        return file().toString();
    }

    /**
     * Sets the cap, creating the ledger if there is none (bound to the dataset id of {@code <data>/manifest.json},
     * or a fresh one); a cap below what is already spent is refused. All under the lock.
     */
    @Override
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
    @Override
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

    /** Whether the dataset has a ledger. */
    @Override
    public boolean exists() {
        return Files.exists(file());
    }

    /** The current state; bad input when no budget was set. */
    @Override
    public State read() {
        State s = readOrNull();
        if (s == null) {
            throw new BadInputException("no privacy budget for " + data + " (" + file() + " is missing; load creates it,"
                    + " and a deleted ledger is never recreated silently): run telesynth budget init --data " + data + " --epsilon E --delta D");
        }
        return s;
    }

    /** Marks the charge {@code runId} as released: its tables are in place. */
    @Override
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

    @Override
    public State charge(LedgerEntry entry, boolean override) {
        return locked(() -> {
            refuseIfMigrated();
            State s = read();
            SpendDecision d = SpendDecision.of(data, s, policy(), entry, override, isStudy());
            if (d.refusal() != null) {
                appendAudit(AuditRecord.of(entry, AuditRecord.REFUSED, d.refusal()));
                throw new BudgetRefusedException(d.refusal());
            }
            List<LedgerEntry> entries = new ArrayList<>(s.entries());
            entries.add(entry);
            State next = new State(s.dataset(), s.datasetId(), d.capEpsilon(), d.capDelta(), entries);
            // the ledger is the authority and goes first; the log line follows under the same lock
            write(next);
            appendAudit(AuditRecord.of(entry, AuditRecord.CHARGED, d.detail()));
            return next;
        });
    }

    /**
     * A ledger moved to another backend by {@code budget migrate} is closed: a charge here would spend the budget
     * twice. Its history stays readable.
     */
    private void refuseIfMigrated() {
        com.fasterxml.jackson.databind.JsonNode moved = org.telesynth.io.Manifests.readIfPresent(dir.resolve(MIGRATED));
        if (moved != null) {
            throw new BadInputException("the ledger " + file() + " was moved to " + moved.path("to").asText() + " by budget migrate on "
                    + moved.path("time").asText() + ": charge that one (--ledger URI or TELESYNTH_LEDGER)");
        }
    }

    /** Marks this file ledger as moved to {@code to} (budget migrate); later charges here are refused. */
    void markMigrated(String to) {
        locked(() -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("to", LedgerLocation.redacted(to));
            m.put("time", java.time.Instant.now().toString());
            org.telesynth.io.Manifests.writeAtomically(dir.resolve(MIGRATED), m);
            return null;
        });
    }

    /** The audit log, {@code .telesynth/audit-log.jsonl}: one JSON line per attempt, appended and forced to disk. */
    private Path auditLog() {
        return dir.resolve("audit-log.jsonl");
    }

    private void appendAudit(AuditRecord r) {
        // appended at the end under the ledger's lock (the caller holds it), so no two writers interleave
        try (FileChannel ch = FileChannel.open(auditLog(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.position(ch.size());
            if (ch.size() > 0) {
                java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
                ch.read(last, ch.size() - 1);
                if (last.get(0) != '\n') {
                    // a writer killed mid-line: end its fragment so this record starts a line of its own
                    ch.write(java.nio.ByteBuffer.wrap(new byte[]{'\n'}));
                }
            }
            ch.write(java.nio.ByteBuffer.wrap((LINE.writeValueAsString(r) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + auditLog(), e);
        }
    }

    @Override
    public List<AuditRecord> history() {
        if (!Files.exists(auditLog())) {
            return List.of();
        }
        List<AuditRecord> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(auditLog());
            for (int i = 0; i < lines.size(); i++) {
                try {
                    out.add(LINE.readValue(lines.get(i), AuditRecord.class));
                } catch (IOException e) {
                    // the fragment of a writer killed mid-line (the ledger itself, written first, is whole): its attempt
                    // is in ledger.json if it was charged, and only its log line is lost
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + auditLog(), e);
        }
        return out;
    }

    @Override
    public BudgetPolicy policy() {
        Path f = dir.resolve("policy.json");
        if (!Files.exists(f)) {
            return null;
        }
        try {
            return LINE.readValue(f.toFile(), BudgetPolicy.class);
        } catch (IOException e) {
            throw new BadInputException("cannot read the budget policy " + f + " (" + e.getMessage() + "): plan it again with budget plan --record");
        }
    }

    @Override
    public void recordPolicy(BudgetPolicy policy) {
        locked(() -> {
            read();
            org.telesynth.io.Manifests.writeAtomically(dir.resolve("policy.json"), policy);
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
