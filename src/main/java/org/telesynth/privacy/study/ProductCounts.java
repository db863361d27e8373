package org.telesynth.privacy.study;

import org.telesynth.BadInputException;
import org.telesynth.io.Duck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The true per-product user counts of the event log: every user is assigned the primary product of most events
 * (ties broken by product name), U_total[p] counts users whose primary product is p and U_error[p] those among
 * them with at least one error event. One user changes one product's two counts by at most 1 each: L1 sensitivity
 * 2, L2 sensitivity sqrt(2).
 *
 * @param products product names, sorted
 * @param total    U_total per product
 * @param errors   U_error per product
 */
public record ProductCounts(List<String> products, long[] total, long[] errors) {

    public static ProductCounts read(Path eventLog) {
        ProductCounts c = counts(eventLog);
        if (c.products().size() < 2) {
            throw new BadInputException(eventLog + ": the study needs at least two products, found " + c.products());
        }
        return c;
    }

    /** The counts of any event log, however many products it has (a synthetic log may have lost some). */
    static ProductCounts counts(Path eventLog) {
        Path file = Files.isDirectory(eventLog) ? eventLog.resolve("eventlog.parquet") : eventLog;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--in: no event log at " + file + " (make one with: telesynth simulate --profile eventlog)");
        }
        String sql = """
                WITH per_user AS (
                    SELECT "User ID" AS u, "Product Type" AS p, count(*) AS n,
                           bool_or("Event Type" = 'error') AS had_error
                    FROM read_parquet(%s) GROUP BY ALL
                ), users AS (
                    SELECT u, arg_max(p, n * 1000000 - rank) AS primary_product, bool_or(had_error) AS had_error
                    FROM (SELECT *, rank() OVER (PARTITION BY u ORDER BY p) AS rank FROM per_user) GROUP BY u
                )
                SELECT primary_product, count(*) AS total, count(*) FILTER (WHERE had_error) AS errors
                FROM users GROUP BY 1 ORDER BY 1""".formatted(Duck.literal(file.toString()));
        try (Connection c = Duck.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> products = new ArrayList<>();
            List<long[]> counts = new ArrayList<>();
            while (rs.next()) {
                products.add(rs.getString(1));
                counts.add(new long[]{rs.getLong(2), rs.getLong(3)});
            }
            return new ProductCounts(products, counts.stream().mapToLong(x -> x[0]).toArray(), counts.stream().mapToLong(x -> x[1]).toArray());
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot read the event log: " + Duck.message(e));
        }
    }

    /** Error rate per product (0 when a product has no user, after noise: clamped to [0, 1]). */
    static double[] rates(double[] total, double[] errors) {
        double[] r = new double[total.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = total[i] <= 0 ? 0 : Math.max(0, Math.min(1, errors[i] / total[i]));
        }
        return r;
    }

    /** z-scores of the rates across products (0 everywhere when they do not vary). */
    static double[] zScores(double[] rates) {
        double mean = 0;
        for (double r : rates) {
            mean += r;
        }
        mean /= rates.length;
        double var = 0;
        for (double r : rates) {
            var += (r - mean) * (r - mean);
        }
        double sd = Math.sqrt(var / (rates.length - 1));
        double[] z = new double[rates.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = sd == 0 ? 0 : (rates[i] - mean) / sd;
        }
        return z;
    }
}
