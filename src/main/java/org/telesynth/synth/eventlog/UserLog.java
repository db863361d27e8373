package org.telesynth.synth.eventlog;

import org.telesynth.io.Duck;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static org.telesynth.synth.eventlog.EventLogDomain.EVENTS;
import static org.telesynth.synth.eventlog.EventLogDomain.PRODUCTS;
import static org.telesynth.synth.eventlog.EventLogDomain.START;
import static org.telesynth.synth.eventlog.EventLogDomain.WINDOW_SECONDS;

/**
 * The private event log as columnar arrays, users numbered 0..users-1 in User ID order. Per user, over all of the
 * user's events: the primary product (most events, ties by the lower index, which is the name order: the study's
 * rule) and whether any event is an error. Per user, the kept events: at most {@code eventsPerUser} of them, the
 * first by a hash of the event (so which ones are kept depends on that user's rows only), as product, event type
 * and second of the window. A product outside the public domain counts as Others, an event type outside it as
 * open, a time outside the window as its nearest edge.
 *
 * @param primary   the primary product of each user
 * @param hadError  whether each user has an error event
 * @param firstKept user u's kept events are firstKept[u] .. firstKept[u + 1] - 1
 */
public record UserLog(int[] primary, boolean[] hadError, int[] firstKept, int[] product, int[] event, int[] second) {

    public int users() {
        return primary.length;
    }

    /** How many events user u keeps. */
    public int kept(int u) {
        return firstKept[u + 1] - firstKept[u];
    }

    public static UserLog read(Connection c, Path file, int eventsPerUser) throws SQLException {
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE ev AS SELECT dense_rank() OVER (ORDER BY \"User ID\") - 1 AS u,"
                + " coalesce(list_position(" + Duck.textList(PRODUCTS) + ", \"Product Type\"), " + PRODUCTS.size() + ") - 1 AS p,"
                + " coalesce(list_position(" + Duck.textList(EVENTS) + ", \"Event Type\"), " + (EVENTS.indexOf("open") + 1) + ") - 1 AS e,"
                + " CAST(least(greatest(epoch(\"Time of Event\") - epoch(TIMESTAMP '" + START + "'), 0), " + (WINDOW_SECONDS - 1) + ") AS INTEGER) AS s,"
                + " hash(\"Time of Event\", \"Event Type\", \"Product Type\") AS h FROM read_parquet(" + Duck.literal(file.toString()) + ")");
        // the primary product: most events, ties by the lower index (p < 16, so n * 16 - p orders by n, then by -p)
        String users = "SELECT u, arg_max(p, n * 16 - p) AS primary_product, bool_or(has_error) AS had_error FROM"
                + " (SELECT u, p, count(*) AS n, bool_or(e = " + EventLogDomain.ERROR + ") AS has_error FROM ev GROUP BY u, p) GROUP BY u";
        int[] primary = Duck.queryIntList(c, "SELECT list(primary_product ORDER BY u) FROM (" + users + ")");
        int[] error = Duck.queryIntList(c, "SELECT list(CAST(had_error AS INTEGER) ORDER BY u) FROM (" + users + ")");
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE kept AS SELECT u, p, e, s FROM (SELECT *, row_number() OVER (PARTITION BY u ORDER BY h, s, e, p) AS r"
                + " FROM ev) WHERE r <= " + eventsPerUser);
        String order = " ORDER BY u, s, p, e) FROM kept";
        int[] user = Duck.queryIntList(c, "SELECT list(u" + order);
        int[] product = Duck.queryIntList(c, "SELECT list(p" + order);
        int[] event = Duck.queryIntList(c, "SELECT list(e" + order);
        int[] second = Duck.queryIntList(c, "SELECT list(s" + order);
        Duck.exec(c, "DROP TABLE ev");
        Duck.exec(c, "DROP TABLE kept");
        boolean[] hadError = new boolean[primary.length];
        for (int u = 0; u < hadError.length; u++) {
            hadError[u] = error[u] == 1;
        }
        return new UserLog(primary, hadError, starts(user, primary.length), product, event, second);
    }

    /** Where each user's events start in the user-sorted arrays (users without kept events cannot occur: every user has one). */
    static int[] starts(int[] user, int users) {
        int[] first = new int[users + 1];
        for (int i = 0, u = 0; u <= users; u++) {
            while (i < user.length && user[i] < u) {
                i++;
            }
            first[u] = i;
        }
        return first;
    }
}
