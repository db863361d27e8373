package org.telesynth.synth;

import org.telesynth.agg.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.privacy.GaussianCounts;
import org.telesynth.privacy.PartitionSelection;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs planned measurements on the bounded tables of AGG (views named like the tables) and returns only noisy
 * results. Each method takes the {@link Measurement} from the plan; the sensitivity argument for each is in the
 * plan's Javadoc and restated at the mechanism call.
 */
public final class Measurer {
    private final Connection c;
    private final RandomSource random;
    private final ReleaseConfig config;
    private final boolean exact;

    public Measurer(Connection c, RandomSource random, ReleaseConfig config) {
        this(c, random, config, false);
    }

    private Measurer(Connection c, RandomSource random, ReleaseConfig config, boolean exact) {
        this.c = c;
        this.random = random;
        this.config = config;
        this.exact = exact;
    }

    /**
     * A measurer that returns the true, noise-free vectors (and keeps every open-domain value): only for the tests
     * that check each statistic's sensitivity on neighbouring datasets. No release path constructs it.
     */
    static Measurer exactForSensitivityTests(Connection c, ReleaseConfig config) {
        return new Measurer(c, RandomSource.seeded(0), config, true);
    }

    private long[] gaussian(Measurement m, long[] truth) {
        return exact ? truth.clone() : new GaussianCounts(m.rho(), m.sensitivity(), random, m.label()).release(truth);
    }

    /** A noisy count of one scalar (device count, coverage). */
    public double count(Measurement m, String sql) {
        long truth = Duck.queryLong(c, sql);
        // sensitivity (plan): one device moves this count by at most m.sensitivity() = 1
        return gaussian(m, new long[]{truth})[0];
    }

    /** The noisy histogram of rows per device over buckets 1..k of a child table. */
    public double[] rowsPerDevice(Measurement m, TableSchema t, int k) {
        long[] truth = new long[k];
        for (var e : groupCounts("SELECT n, count(*) FROM (SELECT count(*) AS n FROM \"" + t.name() + "\" GROUP BY guid) GROUP BY n").entrySet()) {
            int n = Integer.parseInt(e.getKey());
            truth[Math.min(k, n) - 1] += e.getValue();
        }
        // sensitivity (plan): a device sits in exactly one bucket, L2 = 1
        return toDouble(gaussian(m, truth));
    }

    /** The released marginal of one column. For OPEN columns the partition selection runs first. */
    public ColumnModel marginal(Measurement m, Measurement partition, ColumnSpec s) {
        String col = s.column().sqlName();
        String table = "\"" + s.table().name() + "\"";
        List<String> openLabels = null;
        Map<String, Integer> index = new LinkedHashMap<>();
        int cells = s.cells(config);
        String key;
        switch (s.kind()) {
            case CATEGORY, VALUES -> key = col;
            case NUMERIC -> key = s.clamp().binSql(col, config.numericBins());
            case DEVICE_DAY -> key = s.clamp().binSql("date_diff('day', DATE '" + config.start() + "', " + col + ")", config.numericBins());
            case DAY -> key = "date_diff('day', DATE '" + config.start() + "', " + col + ")";
            case OPEN -> {
                openLabels = selectValues(partition, s);
                for (String v : openLabels) {
                    index.put(v, index.size());
                }
                cells = Math.max(1, openLabels.size()) + (s.nullSlot() ? 1 : 0);
                key = col;
            }
            default -> throw new IllegalStateException("unexpected kind " + s.kind());
        }
        long[] truth = new long[cells];
        for (var e : groupCounts("SELECT CAST(" + key + " AS VARCHAR), count(*) FROM " + table + " GROUP BY 1").entrySet()) {
            int cell = cell(s, e.getKey(), index, cells);
            if (cell >= 0) {
                truth[cell] += e.getValue();
            }
        }
        // sensitivity (plan): the device's at most k bounded rows (1 in a device table) fall in these cells,
        // so the vector moves by at most k in L2
        long[] noisy = gaussian(m, truth);
        if (s.kind() == ColumnSpec.Kind.OPEN && openLabels.isEmpty()) {
            openLabels = List.of("Other");
        }
        return new ColumnModel(s, toDouble(noisy), openLabels);
    }

    /** Which open-domain values may appear at all: DP partition selection over distinct-device counts. */
    private List<String> selectValues(Measurement p, ColumnSpec s) {
        String col = s.column().sqlName();
        int perDevice = (int) p.sensitivity();
        // each device contributes at most perDevice distinct values (the first ones by a hash of the value)
        String sql = "SELECT v, count(*) FROM (SELECT guid, v FROM (SELECT DISTINCT guid, " + col + " AS v FROM \"" + s.table().name()
                + "\" WHERE " + col + " IS NOT NULL) QUALIFY row_number() OVER (PARTITION BY guid ORDER BY hash(v, 'telesynth-values'), v) <= "
                + perDevice + ") GROUP BY v ORDER BY v";
        Map<String, Long> counts = groupCounts(sql);
        // sensitivity (plan): one device adds 1 to at most perDevice values' counts (L1 = perDevice)
        Map<String, Long> kept = exact ? counts : new PartitionSelection(p.epsilon(), p.delta(), perDevice, random, p.label()).select(counts);
        return new ArrayList<>(kept.keySet());
    }

    private int cell(ColumnSpec s, String value, Map<String, Integer> index, int cells) {
        if (value == null) {
            return s.nullSlot() ? cells - 1 : -1;
        }
        return switch (s.kind()) {
            case CATEGORY -> s.labels().indexOf(value);
            case OPEN -> index.getOrDefault(value, -1);
            case VALUES -> nearest(s.values(), Double.parseDouble(value));
            default -> {
                int i = (int) Double.parseDouble(value);
                yield i >= 0 && i < cells - (s.nullSlot() ? 1 : 0) ? i : -1;
            }
        };
    }

    static int nearest(double[] sorted, double x) {
        int best = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (Math.abs(sorted[i] - x) < Math.abs(sorted[best] - x)) {
                best = i;
            }
        }
        return best;
    }

    private Map<String, Long> groupCounts(String sql) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
        return out;
    }

    private static double[] toDouble(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
