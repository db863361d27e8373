package org.telesynth.sim;

import org.telesynth.Progress;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.StagedOutput;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-table event log of the Gaussian-vs-Laplace study ({@code --profile eventlog}): columns
 * {@code Product Type} (A-F, Others), {@code Event Type} (open, close, save, reset, error), {@code Time of Event}
 * (2024-05-01 to 2024-07-31) and {@code User ID}. Each user has a primary product that most of their events
 * touch, and each product its own error rate, so the per-product error shares differ. Times fall on a uniform day
 * of the window, at an hour of day that depends on the product: 60 % of the events of A, B and C in working hours
 * (8:00-17:59), 60 % of those of D, E and F in the evening (18:00-23:59), the rest and all of Others at any hour.
 */
public final class EventLogSimulator {
    public static final String TABLE = "eventlog";

    private EventLogSimulator() {
    }

    static Map<String, Long> simulate(Path out, SimulationOptions options, Progress progress) {
        long started = System.nanoTime();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (StagedOutput staged = new StagedOutput(out)) {
            Connection c = Duck.open(0, "3GB", staged.scratch("spill"));
            try {
                FleetSimulator.runScript(c, FleetSimulator.substitute(FleetSimulator.resource("_prelude.sql"), options));
                // product shares, error rates that differ by product (A 2 %, B 5 %, C 3 %, D 9 %, E 1.5 %, F 4 %, Others 6 %)
                // and hours of day that do too
                String sql = """
                        WITH users AS (
                            SELECT i AS id, list_extract(['A','B','C','D','E','F','Others'],
                                   1 + (CASE WHEN u(i,0,0,1,20) < 0.30 THEN 0 WHEN u(i,0,0,1,20) < 0.50 THEN 1
                                           WHEN u(i,0,0,1,20) < 0.65 THEN 2 WHEN u(i,0,0,1,20) < 0.77 THEN 3
                                           WHEN u(i,0,0,1,20) < 0.87 THEN 4 WHEN u(i,0,0,1,20) < 0.95 THEN 5 ELSE 6 END)) AS primary_product,
                                   (3 + floor(-ln(greatest(u(i,0,0,2,20), 1e-12)) * 15))::INTEGER AS n_events
                            FROM range(0, %d) r(i)
                        ), events AS (
                            SELECT id, primary_product, e.j,
                                   CASE WHEN u(id, 1, e.j, 3, 20) < 0.8 THEN primary_product
                                        ELSE list_extract(['A','B','C','D','E','F','Others'], 1 + floor(u(id, 1, e.j, 4, 20) * 7)::INTEGER) END AS product
                            FROM users, range(0, n_events) e(j)
                        )
                        SELECT product AS "Product Type",
                               CASE WHEN u(id, 2, j, 5, 20) < (CASE product WHEN 'A' THEN 0.02 WHEN 'B' THEN 0.05 WHEN 'C' THEN 0.03
                                        WHEN 'D' THEN 0.09 WHEN 'E' THEN 0.015 WHEN 'F' THEN 0.04 ELSE 0.06 END) THEN 'error'
                                    ELSE list_extract(['open','close','save','reset'], 1 + floor(u(id, 2, j, 6, 20) * 4)::INTEGER) END AS "Event Type",
                               TIMESTAMP '2024-05-01 00:00:00' + to_seconds(floor(u(id, 3, j, 7, 20) * 92)::BIGINT * 86400
                                   + (CASE WHEN u(id, 3, j, 8, 20) >= 0.6 OR product = 'Others' THEN floor(u(id, 3, j, 9, 20) * 24)
                                           WHEN product IN ('A', 'B', 'C') THEN 8 + floor(u(id, 3, j, 9, 20) * 10)
                                           ELSE 18 + floor(u(id, 3, j, 9, 20) * 6) END)::BIGINT * 3600
                                   + floor(u(id, 3, j, 10, 20) * 3600)::BIGINT) AS "Time of Event",
                               'U' || lpad(id::VARCHAR, 8, '0') AS "User ID"
                        FROM events ORDER BY id, j
                        """.formatted(options.devices());
                Path file = staged.file(TABLE + ".parquet");
                Duck.copyToParquet(c, sql, file);
                rows.put(TABLE, Duck.queryLong(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(file.toString()) + ")"));
                progress.step(String.format("  %-40s %,12d rows", TABLE, rows.get(TABLE)));
                Manifests.write(staged.file("manifest.json"), options.manifest(rows, (System.nanoTime() - started) / 1e9));
            } finally {
                Duck.close(c);
            }
            staged.commit();
        }
        return rows;
    }
}
