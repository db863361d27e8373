package org.telesynth.synth.eventlog;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.telesynth.io.Duck;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.AliasTable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import static org.telesynth.synth.eventlog.EventLogDomain.ERROR;
import static org.telesynth.synth.eventlog.EventLogDomain.EVENTS;
import static org.telesynth.synth.eventlog.EventLogDomain.PRODUCTS;
import static org.telesynth.synth.eventlog.EventLogDomain.START;

/**
 * Writes a synthetic event log user by user from a released {@link UserModel} (post-processing only). For each
 * cell (primary product p, error e) it makes as many users as the cell's noisy count, so that the study's user
 * counts of the synthetic log are the released ones; each user gets a number of events from the cell's
 * kept-events buckets, products from p's product mix (then p made the primary product by the study's rule: most
 * events, ties by name), event types from the (e, product) distribution (none an error when e = 0, at least one
 * when e = 1), and times from {@link Times}; a user's events are in time order: a sequence.
 */
public final class LogAssembler {
    private static final int P = PRODUCTS.size();
    private static final int E = EVENTS.size();

    private LogAssembler() {
    }

    /** Where a synthetic event of a product falls in the window (its second). */
    public interface Times {
        int second(int product, RandomSource random);
    }

    /** The synthetic log as columns, in user then time order. */
    public record Log(int[] user, int[] product, int[] event, int[] second) {
        public int size() {
            return user.length;
        }
    }

    public static Log assemble(UserModel m, Times times, RandomSource random) {
        int b = m.edges().length;
        AliasTable[] buckets = new AliasTable[P * 2];
        for (int cell = 0; cell < P * 2; cell++) {
            double[] w = slice(m.usersByEvents(), cell * b, b);
            if (sum(w) == 0) {
                // no released user of that cell: the buckets of every user with the same error flag
                w = new double[b];
                for (int p = 0; p < P; p++) {
                    add(w, slice(m.usersByEvents(), (p * 2 + cell % 2) * b, b));
                }
            }
            buckets[cell] = AliasTable.of(w);
        }
        AliasTable[] mix = new AliasTable[P];
        for (int p = 0; p < P; p++) {
            double[] w = slice(m.productMix(), p * P, P);
            if (sum(w) == 0) {
                w[p] = 1;
            }
            mix[p] = AliasTable.of(w);
        }
        int groups = UserMarginals.SIZE_GROUPS;
        AliasTable[][][] types = new AliasTable[2][groups][P];
        for (int e = 0; e < 2; e++) {
            double[] pooled = new double[E];
            for (int g = 0; g < groups; g++) {
                for (int x = 0; x < P; x++) {
                    add(pooled, slice(m.eventTypes(), UserMarginals.typeCell(e, g, x, 0), E));
                }
            }
            for (int g = 0; g < groups; g++) {
                double[] group = new double[E];
                for (int x = 0; x < P; x++) {
                    add(group, slice(m.eventTypes(), UserMarginals.typeCell(e, g, x, 0), E));
                }
                for (int x = 0; x < P; x++) {
                    // the product's own types in the group, else the group's, else the flag's, else uniform
                    double[] w = slice(m.eventTypes(), UserMarginals.typeCell(e, g, x, 0), E);
                    for (double[] fallback : new double[][]{group, pooled, ones()}) {
                        if (e == 0) {
                            w[ERROR] = 0; // structural: a user without errors has no error event
                        }
                        if (sum(w) > 0) {
                            break;
                        }
                        w = fallback.clone();
                    }
                    if (e == 0) {
                        w[ERROR] = 0;
                    }
                    types[e][g][x] = AliasTable.of(w);
                }
            }
        }
        long total = Arrays.stream(m.users()).sum();
        Growing out = new Growing();
        int user = 0;
        for (int cell = 0; cell < P * 2; cell++) {
            int p = cell / 2;
            int e = cell % 2;
            for (long k = 0; k < m.users()[cell]; k++, user++) {
                int bucket = buckets[cell].draw(random);
                int lo = m.edges()[bucket];
                int hi = bucket + 1 < b ? m.edges()[bucket + 1] - 1 : m.eventsPerUser();
                int n = lo + (int) (random.nextDouble() * (hi - lo + 1));
                int[] product = new int[n];
                for (int i = 0; i < n; i++) {
                    product[i] = mix[p].draw(random);
                }
                makePrimary(product, p);
                int[] event = new int[n];
                boolean anyError = false;
                for (int i = 0; i < n; i++) {
                    event[i] = types[e][UserMarginals.sizeGroup(n)][product[i]].draw(random);
                    anyError |= event[i] == ERROR;
                }
                if (e == 1 && !anyError) {
                    event[(int) (random.nextDouble() * n)] = ERROR;
                }
                int[] second = new int[n];
                for (int i = 0; i < n; i++) {
                    second[i] = times.second(product[i], random);
                }
                // time order: sort (second, index) packed in a long (index < m <= 1024 < 2^11)
                long[] order = new long[n];
                for (int i = 0; i < n; i++) {
                    order[i] = (long) second[i] << 11 | i;
                }
                Arrays.sort(order);
                for (long o : order) {
                    int i = (int) (o & 2047);
                    out.add(user, product[i], event[i], second[i]);
                }
            }
        }
        assert user == total;
        return out.log();
    }

    /**
     * Relabels products so that {@code p} is the primary product of these events by the study's rule: the most
     * events, ties by the lower index. A product with more events swaps labels with p; one that ties from a lower
     * index gives p one of its events.
     */
    static void makePrimary(int[] product, int p) {
        while (true) {
            int[] c = new int[P];
            for (int x : product) {
                c[x]++;
            }
            int top = 0;
            for (int x = 1; x < P; x++) {
                top = c[x] > c[top] ? x : top;
            }
            if (top == p) {
                return;
            }
            if (c[top] > c[p]) {
                for (int i = 0; i < product.length; i++) {
                    product[i] = product[i] == top ? p : product[i] == p ? top : product[i];
                }
            } else {
                for (int i = 0; i < product.length; i++) {
                    if (product[i] == top) {
                        product[i] = p;
                        break;
                    }
                }
            }
        }
    }

    /** Times from released hours of day by product: a uniform day of the window, the hour drawn, a uniform second in it. */
    public static Times fromHours(long[] hours) {
        int h = EventLogDomain.HOURS;
        double[] pooled = new double[h];
        for (int x = 0; x < P; x++) {
            add(pooled, slice(hours, x * h, h));
        }
        AliasTable[] byProduct = new AliasTable[P];
        for (int x = 0; x < P; x++) {
            double[] w = slice(hours, x * h, h);
            byProduct[x] = AliasTable.of(sum(w) == 0 ? pooled : w);
        }
        int days = EventLogDomain.WINDOW_SECONDS / 86400;
        return (product, random) -> (int) (random.nextDouble() * days) * 86400 + byProduct[product].draw(random) * 3600
                + (int) (random.nextDouble() * 3600);
    }

    /** Writes the log as the study's four columns; synthetic users are S00000000, S00000001, ... */
    public static void write(Connection c, Log log, Path file) throws SQLException {
        Duck.exec(c, "CREATE OR REPLACE TABLE synth_log (u INTEGER[], p INTEGER[], e INTEGER[], s INTEGER[])");
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "synth_log")) {
            a.beginRow().append(log.user()).append(log.product()).append(log.event()).append(log.second()).endRow();
        }
        Duck.copyToParquet(c, "SELECT list_extract(" + Duck.textList(PRODUCTS) + ", p + 1) AS \"Product Type\", list_extract("
                + Duck.textList(EVENTS) + ", e + 1) AS \"Event Type\","
                + " TIMESTAMP '" + START + "' + to_seconds(s::BIGINT) AS \"Time of Event\", 'S' || lpad(u::VARCHAR, 8, '0') AS \"User ID\""
                + " FROM (SELECT unnest(u) AS u, unnest(p) AS p, unnest(e) AS e, unnest(s) AS s FROM synth_log)", file);
        Duck.exec(c, "DROP TABLE synth_log");
    }

    private static double[] slice(long[] v, int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[from + i];
        }
        return out;
    }

    private static void add(double[] into, double[] v) {
        for (int i = 0; i < v.length; i++) {
            into[i] += v[i];
        }
    }

    private static double[] ones() {
        double[] w = new double[E];
        Arrays.fill(w, 1);
        return w;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** Primitive columns that grow by doubling (no object per event). */
    private static final class Growing {
        private int[] user = new int[1024];
        private int[] product = new int[1024];
        private int[] event = new int[1024];
        private int[] second = new int[1024];
        private int n;

        void add(int u, int p, int e, int s) {
            if (n == user.length) {
                user = Arrays.copyOf(user, 2 * n);
                product = Arrays.copyOf(product, 2 * n);
                event = Arrays.copyOf(event, 2 * n);
                second = Arrays.copyOf(second, 2 * n);
            }
            user[n] = u;
            product[n] = p;
            event[n] = e;
            second[n++] = s;
        }

        Log log() {
            return new Log(Arrays.copyOf(user, n), Arrays.copyOf(product, n), Arrays.copyOf(event, n), Arrays.copyOf(second, n));
        }
    }
}
