package org.telesynth.privacy.study;

import org.telesynth.BadInputException;
import org.telesynth.io.Duck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the study asks of an event log beyond the per-product user counts, on the products of the real log (a
 * product the log lacks has none of anything): each product's event-level error rate (error events over events),
 * each product's events by hour of day (as shares), and the number of users with each number of events.
 *
 * @param products       the products, as in the real log's {@link ProductCounts}
 * @param counts         the study's user counts on those products
 * @param errorRate      error events / events per product (0 for a product without events)
 * @param hourShares     per product, its events' shares by hour of day (24; all 0 without events)
 * @param usersByEvents  users by number of events: entry n is the users with n events
 */
public record LogStats(List<String> products, ProductCounts counts, double[] errorRate, double[][] hourShares, long[] usersByEvents) {

    public static LogStats read(Path eventLog, List<String> products) {
        Path file = Files.isDirectory(eventLog) ? eventLog.resolve("eventlog.parquet") : eventLog;
        ProductCounts raw = ProductCounts.counts(file);
        long[] total = new long[products.size()];
        long[] errors = new long[products.size()];
        for (int i = 0; i < raw.products().size(); i++) {
            int at = products.indexOf(raw.products().get(i));
            if (at >= 0) {
                total[at] = raw.total()[i];
                errors[at] = raw.errors()[i];
            }
        }
        double[] rate = new double[products.size()];
        double[][] hours = new double[products.size()][24];
        String log = "read_parquet(" + Duck.literal(file.toString()) + ")";
        try (Connection c = Duck.open(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT \"Product Type\", avg(CAST(\"Event Type\" = 'error' AS INTEGER)) FROM " + log + " GROUP BY 1")) {
                while (rs.next()) {
                    int at = products.indexOf(rs.getString(1));
                    if (at >= 0) {
                        rate[at] = rs.getDouble(2);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT \"Product Type\", hour(\"Time of Event\"), count(*) / sum(count(*)) OVER (PARTITION BY \"Product Type\")"
                    + " FROM " + log + " GROUP BY 1, 2")) {
                while (rs.next()) {
                    int at = products.indexOf(rs.getString(1));
                    if (at >= 0) {
                        hours[at][rs.getInt(2)] = rs.getDouble(3);
                    }
                }
            }
            int max = (int) Duck.queryLong(c, "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM " + log + " GROUP BY \"User ID\")");
            long[] users = new long[max + 1];
            try (ResultSet rs = s.executeQuery("SELECT n, count(*) FROM (SELECT count(*) AS n FROM " + log + " GROUP BY \"User ID\") GROUP BY n")) {
                while (rs.next()) {
                    users[rs.getInt(1)] = rs.getLong(2);
                }
            }
            return new LogStats(products, new ProductCounts(products, total, errors), rate, hours, users);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot read the event log: " + Duck.message(e));
        }
    }

    /** The share of the real range of per-product error rates that this log's range covers: |S ∩ R| / |R|. */
    public static double rateCoverage(double[] real, double[] synthetic) {
        double rlo = min(real);
        double rhi = max(real);
        if (rhi == rlo) {
            return 1;
        }
        return Math.max(0, Math.min(rhi, max(synthetic)) - Math.max(rlo, min(synthetic))) / (rhi - rlo);
    }

    /** The mean over products of the total variation distance between the hour-of-day shares. */
    public static double hourTv(double[][] real, double[][] synthetic) {
        double sum = 0;
        for (int p = 0; p < real.length; p++) {
            double tv = 0;
            for (int h = 0; h < real[p].length; h++) {
                tv += Math.abs(real[p][h] - synthetic[p][h]);
            }
            sum += tv / 2;
        }
        return sum / real.length;
    }

    /** The Kolmogorov-Smirnov distance between two distributions of events per user: max_n |F(n) - G(n)|. */
    public static double ks(long[] real, long[] synthetic) {
        double rn = sum(real);
        double sn = sum(synthetic);
        double fr = 0;
        double fs = 0;
        double d = 0;
        for (int n = 0; n < Math.max(real.length, synthetic.length); n++) {
            fr += n < real.length ? real[n] / rn : 0;
            fs += n < synthetic.length ? synthetic[n] / sn : 0;
            d = Math.max(d, Math.abs(fr - fs));
        }
        return d;
    }

    private static double sum(long[] v) {
        double s = 0;
        for (long x : v) {
            s += x;
        }
        return s == 0 ? 1 : s;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
