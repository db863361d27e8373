package org.telesynth.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.telesynth.BadInputException;
import org.telesynth.BudgetRefusedException;
import org.telesynth.io.Dataset;
import org.telesynth.io.Manifests;
import org.telesynth.privacy.Checks;
import org.telesynth.privacy.LedgerEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The team backend of the {@link Ledger}: one row per (organisation, dataset) in a shared PostgreSQL database
 * ({@code jdbc:postgresql://...}), its schema created and upgraded by Flyway from
 * {@code org/telesynth/ledger/migration}.
 * <p>
 * <b>Locking: {@code SELECT ... FOR UPDATE}, not optimistic retries.</b> A charge reads the dataset's budget row
 * with a row lock, decides ({@link SpendDecision}), then in the same transaction updates the row (checking the
 * version it read, which it bumps), appends the entry and the audit row, and commits. Concurrent charges of one
 * dataset queue on the row lock instead of failing and retrying, so under contention (16 clients racing for the
 * last budget) none starves and no work is thrown away; a version check still guards the update, and the version
 * column tells any outside writer that the row changed. Nothing is spent unless the whole transaction commits: a
 * client killed mid-transaction leaves no partial entry, since the server rolls its transaction back.
 * <p>
 * What can still fail is transient: a lock held longer than {@code lock_timeout} (10 s), a serialization failure,
 * a dropped connection. Those are retried with jittered exponential backoff up to {@link #ATTEMPTS} times; then
 * the attempt is logged as rolled back and the charge fails with exit 1 and one line.
 */
final class JdbcLedger implements Ledger {
    static final int ATTEMPTS = 8;
    private static final Set<String> MIGRATED = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final String url;
    private final String org;
    /**
     * One connection per database per process, shared by every ledger object of it (they are made per call), so a
     * long run never piles up connections; transactions on it take turns ({@link #transaction}).
     */
    private static final Map<String, Connection> CONNECTIONS = new ConcurrentHashMap<>();

    JdbcLedger(Path data, String url) {
        this(data, url, null);
    }

    /**
     * @param knownId the dataset id when the directory's manifest has none (a migration knows it from the file
     *                ledger), or null
     */
    JdbcLedger(Path data, String url, String knownId) {
        if (!Files.isDirectory(data)) {
            throw new BadInputException("--data: not a directory: " + data);
        }
        this.data = data.toAbsolutePath().normalize();
        this.url = url;
        String o = System.getenv("TELESYNTH_ORG");
        this.org = o == null || o.isBlank() ? "default" : o.strip();
        migrate();
        if (knownId != null && datasetIdOrNull() == null) {
            Manifests.writeTextAtomically(privateDirectory().resolve("dataset-id"), knownId + "\n");
        }
    }

    @Override
    public Path data() {
        return data;
    }

    @Override
    public String location() {
        return LedgerLocation.redacted(url) + " (org " + org + ", dataset " + datasetIdOrNull() + ")";
    }

    /** Creates or upgrades the schema, once per database per process (Flyway serialises concurrent migrations itself). */
    private void migrate() {
        if (MIGRATED.contains(url)) {
            return;
        }
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:org/telesynth/ledger/migration")
                    .table("telesynth_schema_history").load().migrate();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot prepare the ledger database " + LedgerLocation.redacted(url) + ": " + rootMessage(e), e);
        }
        MIGRATED.add(url);
    }

    /** The dataset id: REAL's manifest's, else the one this backend gave a directory without a manifest. */
    private String datasetIdOrNull() {
        String id = Dataset.idOrNull(data);
        if (id != null) {
            return id;
        }
        Path f = privateDirectory().resolve("dataset-id");
        try {
            return Files.exists(f) ? Files.readString(f).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private String datasetIdOrNew() {
        String id = datasetIdOrNull();
        if (id != null) {
            return id;
        }
        id = UUID.randomUUID().toString();
        Manifests.writeTextAtomically(privateDirectory().resolve("dataset-id"), id + "\n");
        return id;
    }

    @Override
    public State init(double epsilon, double delta) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.probability("delta", delta);
        String id = datasetIdOrNew();
        return transaction(c -> {
            State old = lock(c, id);
            if (old == null) {
                insertBudget(c, id, epsilon, delta);
            } else {
                if (old.spentEpsilon() > epsilon + SLACK || old.spentDelta() > delta + SLACK) {
                    throw new BadInputException(String.format(Locale.ROOT, "cap (epsilon %s, delta %s) is below what %s has already spent"
                            + " (epsilon %s, delta %s)", epsilon, delta, data, old.spentEpsilon(), old.spentDelta()));
                }
                update(c, "UPDATE privacy_budgets SET cap_epsilon = ?, cap_delta = ?, version = version + 1 WHERE org_id = ? AND dataset_id = ?",
                        epsilon, delta, org, id);
            }
            return state(c, id);
        });
    }

    @Override
    public State createIfAbsent(double epsilon, double delta, String datasetId) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.probability("delta", delta);
        return transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO privacy_budgets (org_id, dataset_id, dataset, cap_epsilon, cap_delta)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, dataset_id) DO NOTHING")) {
                set(p, org, datasetId, data.toString(), epsilon, delta);
                p.executeUpdate();
            }
            return state(c, datasetId);
        });
    }

    @Override
    public boolean exists() {
        String id = datasetIdOrNull();
        return id != null && transaction(c -> state(c, id) != null);
    }

    @Override
    public State read() {
        String id = datasetIdOrNull();
        State s = id == null ? null : transaction(c -> state(c, id));
        if (s == null) {
            throw new BadInputException("no privacy budget for " + data + " in " + location() + ": run telesynth budget init --data " + data
                    + " --epsilon E --delta D (or load the data with this ledger)");
        }
        return s;
    }

    @Override
    public State charge(LedgerEntry entry, boolean override) {
        String id = datasetIdOrNull();
        if (id == null) {
            read(); // the no-budget message
        }
        boolean study = isStudy();
        record Outcome(State state, String refusal) {
        }
        Outcome o;
        try {
            o = transaction(c -> {
                State s = lock(c, id);
                if (s == null) {
                    throw new BadInputException("no privacy budget for " + data + " in " + location() + ": run telesynth budget init --data " + data
                            + " --epsilon E --delta D");
                }
                SpendDecision d = SpendDecision.of(data, s, policy(c, id), entry, override, study);
                if (d.refusal() != null) {
                    audit(c, id, entry, AuditRecord.REFUSED, d.refusal());
                    return new Outcome(s, d.refusal());
                }
                int changed = update(c, "UPDATE privacy_budgets SET spent_epsilon = spent_epsilon + ?, spent_delta = spent_delta + ?,"
                                + " cap_epsilon = ?, cap_delta = ?, version = version + 1 WHERE org_id = ? AND dataset_id = ? AND version = ?",
                        entry.epsilon(), entry.delta(), d.capEpsilon(), d.capDelta(), org, id, version(c, id));
                if (changed != 1) {
                    throw new SQLException("the budget row changed under its lock", "40001");
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO privacy_entries (org_id, dataset_id, seq, run_id, method, events,"
                        + " epsilon, delta, parameter_hash, charged_at, seeded, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    set(p, org, id, s.entries().size(), entry.runId(), entry.method(), json(entry.events()), entry.epsilon(), entry.delta(),
                            entry.parameterHash(), entry.time(), entry.seeded(), entry.outcome());
                    p.executeUpdate();
                }
                audit(c, id, entry, AuditRecord.CHARGED, d.detail());
                List<LedgerEntry> entries = new ArrayList<>(s.entries());
                entries.add(entry);
                return new Outcome(new State(s.dataset(), id, d.capEpsilon(), d.capDelta(), entries), null);
            });
        } catch (IllegalStateException e) {
            rolledBack(id, entry, e.getMessage());
            throw e;
        }
        if (o.refusal() != null) {
            throw new BudgetRefusedException(o.refusal());
        }
        return o.state();
    }

    /** Logs an attempt whose transaction could not commit, in a transaction of its own (best effort). */
    private void rolledBack(String id, LedgerEntry entry, String why) {
        try {
            transaction(c -> {
                audit(c, id, entry, AuditRecord.ROLLED_BACK, why);
                return null;
            });
        } catch (RuntimeException ignored) {
            // the database is unreachable: the charge failed and spent nothing, which the exit code says
        }
    }

    @Override
    public State markReleased(String runId) {
        String id = datasetIdOrNull();
        return transaction(c -> {
            lock(c, id);
            int n = update(c, "UPDATE privacy_entries SET outcome = 'released' WHERE org_id = ? AND dataset_id = ? AND seq ="
                    + " (SELECT max(seq) FROM privacy_entries WHERE org_id = ? AND dataset_id = ? AND run_id = ?)", org, id, org, id, runId);
            if (n != 1) {
                throw new IllegalStateException("the ledger " + location() + " has no charge " + runId);
            }
            return state(c, id);
        });
    }

    @Override
    public List<AuditRecord> history() {
        String id = datasetIdOrNull();
        if (id == null) {
            return List.of();
        }
        return transaction(c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT at, run_id, method, epsilon, delta, parameter_hash, seeded, outcome,"
                    + " user_name, host, detail FROM privacy_audit_log WHERE org_id = ? AND dataset_id = ? ORDER BY id")) {
                set(p, org, id);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new AuditRecord(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4), r.getDouble(5), r.getString(6),
                                r.getBoolean(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public BudgetPolicy policy() {
        String id = datasetIdOrNull();
        return id == null ? null : transaction(c -> policy(c, id));
    }

    @Override
    public void recordPolicy(BudgetPolicy policy) {
        String id = datasetIdOrNull();
        read();
        transaction(c -> {
            update(c, "INSERT INTO privacy_policies (org_id, dataset_id, policy, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id, dataset_id)"
                    + " DO UPDATE SET policy = EXCLUDED.policy, recorded_at = EXCLUDED.recorded_at", org, id, json(policy), policy.recordedAt());
            return null;
        });
    }

    /** Writes a whole history into an empty ledger row (budget migrate), in one transaction. */
    void importHistory(State s, List<AuditRecord> history) {
        transaction(c -> {
            if (lock(c, s.datasetId()) != null) {
                throw new IllegalStateException("the target already holds dataset " + s.datasetId());
            }
            insertBudget(c, s.datasetId(), s.capEpsilon(), s.capDelta());
            int seq = 0;
            for (LedgerEntry e : s.entries()) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO privacy_entries (org_id, dataset_id, seq, run_id, method, events,"
                        + " epsilon, delta, parameter_hash, charged_at, seeded, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    set(p, org, s.datasetId(), seq++, e.runId(), e.method(), json(e.events()), e.epsilon(), e.delta(), e.parameterHash(), e.time(),
                            e.seeded(), e.outcome());
                    p.executeUpdate();
                }
            }
            update(c, "UPDATE privacy_budgets SET spent_epsilon = ?, spent_delta = ?, version = version + 1 WHERE org_id = ? AND dataset_id = ?",
                    s.spentEpsilon(), s.spentDelta(), org, s.datasetId());
            for (AuditRecord r : history) {
                insertAudit(c, s.datasetId(), r, "[]");
            }
            return null;
        });
    }

    // --- SQL ---

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, retrying transient failures (lock timeout, serialization failure,
     * deadlock, a lost connection) with jittered exponential backoff up to {@link #ATTEMPTS} times.
     */
    private <T> T transaction(Work<T> work) {
        synchronized (CONNECTIONS) {
            return transactionTakingTurns(work);
        }
    }

    private <T> T transactionTakingTurns(Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Connection c = connection();
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL lock_timeout = '10s'");
                }
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    closeConnection(); // a lost connection: the next attempt opens a new one
                }
                if (!isTransient(e) || attempt == ATTEMPTS) {
                    break;
                }
                try {
                    Thread.sleep((long) (ThreadLocalRandom.current().nextDouble(0.5, 1.5) * 25 * (1L << attempt)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("the ledger " + LedgerLocation.redacted(url) + " could not complete the transaction"
                + (last != null && isTransient(last) ? " after " + ATTEMPTS + " attempts" : "") + ": " + (last == null ? "" : rootMessage(last)), last);
    }

    /** This ledger's connection, opened on first use and kept: a connection costs more than a charge. */
    private Connection connection() throws SQLException {
        Connection c = CONNECTIONS.get(url);
        if (c == null || c.isClosed()) {
            c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            CONNECTIONS.put(url, c);
        }
        return c;
    }

    private void closeConnection() {
        Connection c = CONNECTIONS.remove(url);
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // already gone
        }
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.equals("55P03") || state.equals("40001") || state.equals("40P01") || state.startsWith("08") || state.equals("57P01");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    }

    /** The dataset's state with its budget row locked for this transaction, or null when there is no row. */
    private State lock(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM privacy_budgets WHERE org_id = ? AND dataset_id = ? FOR UPDATE")) {
            set(p, org, id);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
            }
        }
        return state(c, id);
    }

    private long version(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT version FROM privacy_budgets WHERE org_id = ? AND dataset_id = ?")) {
            set(p, org, id);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private State state(Connection c, String id) throws SQLException {
        double capE;
        double capD;
        String dataset;
        try (PreparedStatement p = c.prepareStatement("SELECT cap_epsilon, cap_delta, dataset FROM privacy_budgets WHERE org_id = ? AND dataset_id = ?")) {
            set(p, org, id);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                capE = r.getDouble(1);
                capD = r.getDouble(2);
                dataset = r.getString(3);
            }
        }
        List<LedgerEntry> entries = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT run_id, method, events, epsilon, delta, parameter_hash, charged_at, seeded, outcome"
                + " FROM privacy_entries WHERE org_id = ? AND dataset_id = ? ORDER BY seq")) {
            set(p, org, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    entries.add(new LedgerEntry(r.getString(1), r.getString(2), events(r.getString(3)), r.getDouble(4), r.getDouble(5),
                            r.getString(6), r.getString(7), r.getBoolean(8), r.getString(9)));
                }
            }
        }
        return new State(dataset, id, capE, capD, entries);
    }

    private BudgetPolicy policy(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT policy FROM privacy_policies WHERE org_id = ? AND dataset_id = ?")) {
            set(p, org, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? JSON.readValue(r.getString(1), BudgetPolicy.class) : null;
            } catch (IOException e) {
                throw new IllegalStateException("the policy of " + id + " is not readable: " + e.getMessage(), e);
            }
        }
    }

    private void insertBudget(Connection c, String id, double epsilon, double delta) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO privacy_budgets (org_id, dataset_id, dataset, cap_epsilon, cap_delta) VALUES (?, ?, ?, ?, ?)")) {
            set(p, org, id, data.toString(), epsilon, delta);
            p.executeUpdate();
        }
    }

    private void audit(Connection c, String id, LedgerEntry e, String outcome, String detail) throws SQLException {
        insertAudit(c, id, AuditRecord.of(e, outcome, detail), json(e.events()));
    }

    private void insertAudit(Connection c, String id, AuditRecord r, String events) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO privacy_audit_log (org_id, dataset_id, run_id, method, events, epsilon, delta,"
                + " parameter_hash, user_name, host, at, seeded, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            set(p, org, id, r.runId(), r.method(), events, r.epsilon(), r.delta(), r.parameterHash(), r.user(), r.host(), r.time(), r.seeded(),
                    r.outcome(), r.detail());
            p.executeUpdate();
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            set(p, values);
            return p.executeUpdate();
        }
    }

    private static void set(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            p.setObject(i + 1, values[i]);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> events(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
