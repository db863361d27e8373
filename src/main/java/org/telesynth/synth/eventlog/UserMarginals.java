package org.telesynth.synth.eventlog;

import java.util.Arrays;

import static org.telesynth.synth.eventlog.EventLogDomain.EVENTS;
import static org.telesynth.synth.eventlog.EventLogDomain.HOURS;
import static org.telesynth.synth.eventlog.EventLogDomain.PRODUCTS;

/**
 * The user-level marginals of the event log, exact (the private side; the method adds the noise). Each one bounds
 * what one user can move, whatever the user's rows, which is the sensitivity its mechanism is calibrated to:
 * <ul>
 *   <li>{@link #users}: users by primary product and error (P x 2). A user sits in exactly one cell: L1 = 1.</li>
 *   <li>{@link #usersByEvents}: the same crossed with the bucket of the user's kept events (P x 2 x buckets). One
 *       cell per user: L2 = 1.</li>
 *   <li>{@link #productMix}, {@link #eventTypes} (also by the user's size group), {@link #hours}: each kept event weighs floor(W / n) for a user with
 *       n kept events, so a user's weights sum to at most W = {@value #WEIGHT} whatever n: L2 &lt;= L1 &lt;= W.
 *       The cells are user-averaged shares: every user counts once, however many events.</li>
 * </ul>
 */
public final class UserMarginals {
    /** The weight units a user's kept events share in the weighted marginals (their L2 sensitivity). */
    public static final int WEIGHT = 1024;

    private UserMarginals() {
    }

    /** The public buckets of kept events per user: lower edges 1, 2, 3, 4, 6, 8, 12, 16, 24, ... (half octaves) up to m. */
    public static int[] bucketEdges(int eventsPerUser) {
        int[] edges = new int[64];
        int n = 0;
        for (int lo = 1; lo <= eventsPerUser; ) {
            edges[n++] = lo;
            int octave = Integer.highestOneBit(lo);
            lo += lo < 4 ? 1 : octave / 2;
        }
        return Arrays.copyOf(edges, n);
    }

    /** The bucket of n kept events. */
    public static int bucketOf(int[] edges, int n) {
        int b = 0;
        while (b + 1 < edges.length && edges[b + 1] <= n) {
            b++;
        }
        return b;
    }

    /** Cell p * 2 + (had error): the user's primary product and whether any of the user's events is an error. */
    public static long[] users(UserLog log) {
        long[] out = new long[PRODUCTS.size() * 2];
        for (int u = 0; u < log.users(); u++) {
            out[cell(log, u)]++;
        }
        return out;
    }

    /** Cell (p * 2 + error) * buckets + bucket of the user's kept events. */
    public static long[] usersByEvents(UserLog log, int[] edges) {
        long[] out = new long[PRODUCTS.size() * 2 * edges.length];
        for (int u = 0; u < log.users(); u++) {
            out[cell(log, u) * edges.length + bucketOf(edges, log.kept(u))]++;
        }
        return out;
    }

    /** Cell primary * P + product of each kept event, weighted. */
    public static long[] productMix(UserLog log) {
        long[] out = new long[PRODUCTS.size() * PRODUCTS.size()];
        for (int u = 0; u < log.users(); u++) {
            long w = weight(log.kept(u));
            for (int i = log.firstKept()[u]; i < log.firstKept()[u + 1]; i++) {
                out[log.primary()[u] * PRODUCTS.size() + log.product()[i]] += w;
            }
        }
        return out;
    }

    /**
     * Cell (((had error) * G + size group) * P + product) * E + event type of each kept event, weighted. The size group
     * (floor(log2 n), at most G - 1) keeps the event types of users with few events apart from those with many: a
     * user with 3 events and an error has a third of them errors, one with 60 a sixtieth, and user-weighted shares
     * pooled over both would give every event the small users' error share.
     */
    public static long[] eventTypes(UserLog log) {
        long[] out = new long[2 * SIZE_GROUPS * PRODUCTS.size() * EVENTS.size()];
        for (int u = 0; u < log.users(); u++) {
            long w = weight(log.kept(u));
            int e = log.hadError()[u] ? 1 : 0;
            int g = sizeGroup(log.kept(u));
            for (int i = log.firstKept()[u]; i < log.firstKept()[u + 1]; i++) {
                out[typeCell(e, g, log.product()[i], log.event()[i])] += w;
            }
        }
        return out;
    }

    /** Groups of users by their kept events: 1, 2-3, 4-7, ..., 64 and more. */
    public static final int SIZE_GROUPS = 7;

    /** floor(log2 n), at most SIZE_GROUPS - 1. */
    public static int sizeGroup(int kept) {
        return Math.min(SIZE_GROUPS - 1, 31 - Integer.numberOfLeadingZeros(Math.max(1, kept)));
    }

    /** The event-types cell of (had error, size group, product, event type). */
    public static int typeCell(int hadError, int group, int product, int event) {
        return ((hadError * SIZE_GROUPS + group) * PRODUCTS.size() + product) * EVENTS.size() + event;
    }

    /** Cell product * 24 + hour of day of each kept event, weighted. */
    public static long[] hours(UserLog log) {
        long[] out = new long[PRODUCTS.size() * HOURS];
        for (int u = 0; u < log.users(); u++) {
            long w = weight(log.kept(u));
            for (int i = log.firstKept()[u]; i < log.firstKept()[u + 1]; i++) {
                out[log.product()[i] * HOURS + EventLogDomain.hourOf(log.second()[i])] += w;
            }
        }
        return out;
    }

    static int cell(UserLog log, int u) {
        return log.primary()[u] * 2 + (log.hadError()[u] ? 1 : 0);
    }

    /** A kept event's weight for a user with n kept events: the n weights sum to at most WEIGHT. */
    static long weight(int kept) {
        return kept == 0 ? 0 : WEIGHT / kept;
    }

}
