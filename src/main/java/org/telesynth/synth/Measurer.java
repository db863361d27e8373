package org.telesynth.synth;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.engine.DuckEngine;
import org.telesynth.engine.SqlEngine;
import org.telesynth.privacy.ExponentialMechanism;
import org.telesynth.privacy.GaussianCounts;
import org.telesynth.privacy.GaussianPartitionSelection;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.TableSchema;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs planned measurements on the bounded tables of AGG (views named like the tables) and returns only noisy
 * results. Each method takes the {@link Measurement} from the plan; the sensitivity argument for each is in the
 * plan's Javadoc and restated at the mechanism call. The queries run on an {@link SqlEngine} in its portable SQL
 * (DuckDB, or Spark over an AGG too large for one machine): only their grouped counts reach this side, and the
 * noise is added here.
 */
public final class Measurer {
    private final SqlEngine c;
    private final RandomSource random;
    private final ReleaseConfig config;
    private final boolean exact;
    private final Map<String, double[]> recorded = new LinkedHashMap<>();
    private final Map<String, Integer> picks;
    private final Map<String, long[]> released;

    /** Over a DuckDB connection holding the bounded views (the caller keeps and closes it). */
    public Measurer(Connection c, RandomSource random, ReleaseConfig config) {
        this(DuckEngine.over(c), random, config);
    }

    /** Over an engine holding the bounded views ({@link BoundedViews#create(SqlEngine, java.nio.file.Path, ReleaseConfig)}). */
    public Measurer(SqlEngine engine, RandomSource random, ReleaseConfig config) {
        this(engine, random, config, false, null, null);
    }

    private Measurer(SqlEngine c, RandomSource random, ReleaseConfig config, boolean exact, Map<String, Integer> picks,
                     Map<String, long[]> released) {
        this.c = c;
        this.released = released;
        this.random = random;
        this.config = config;
        this.exact = exact;
        this.picks = picks;
    }

    /**
     * A measurer that returns the true, noise-free vectors (and keeps every open-domain value): only for the tests
     * that check each statistic's sensitivity on neighbouring datasets. No release path constructs it. It records
     * every vector it would have released, by measurement label ({@link #recorded()}), in the plan's units.
     */
    public static Measurer exactForSensitivityTests(Connection c, ReleaseConfig config) {
        return exactForSensitivityTests(c, config, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * As above, its selections taken from {@code picks} where a label is there, else the best candidate, which is
     * then put there; and what it returns for a measurement taken from {@code released} where the label is there,
     * else its true vector, which is then put there. Two exact measurers sharing the maps see the same earlier
     * outputs, as neighbours do given one release's outputs: what follows from them (the coarsening of a summary,
     * the tables measured) is alike, and each recorded true vector can be compared with its sensitivity.
     */
    public static Measurer exactForSensitivityTests(Connection c, ReleaseConfig config, Map<String, Integer> picks,
                                                    Map<String, long[]> released) {
        return exactForSensitivityTests(DuckEngine.over(c), config, picks, released);
    }

    /** As {@link #exactForSensitivityTests(Connection, ReleaseConfig)} over an engine. */
    public static Measurer exactForSensitivityTests(SqlEngine engine, ReleaseConfig config) {
        return exactForSensitivityTests(engine, config, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** As above over an engine. */
    public static Measurer exactForSensitivityTests(SqlEngine engine, ReleaseConfig config, Map<String, Integer> picks,
                                                    Map<String, long[]> released) {
        return new Measurer(engine, RandomSource.seeded(0), config, true, picks, released);
    }

    /** The engine the measurements' queries run on (private side: callers release only through this class). */
    public SqlEngine engine() {
        return c;
    }

    /** What an exact measurer returned, by measurement label (empty for a real one). */
    public Map<String, double[]> recorded() {
        return recorded;
    }

    private long[] gaussian(Measurement m, long[] truth) {
        return gaussian(m, truth, 1);
    }

    /** Gaussian noise on integer counts that are {@code units} times the plan's quantity (sensitivity scales with it). */
    private long[] gaussian(Measurement m, long[] truth, int units) {
        m.spend(); // a planned measurement is released once, by a real measurer and an exact one alike
        if (exact) {
            double[] plain = new double[truth.length];
            for (int i = 0; i < truth.length; i++) {
                plain[i] = truth[i] / (double) units;
            }
            recorded.put(m.label(), plain);
            return released.computeIfAbsent(m.label(), l -> truth.clone()).clone();
        }
        return new GaussianCounts(m.rho(), m.sensitivity() * units, random, m.label()).release(truth);
    }

    /** A noisy count of one scalar (device count, coverage). */
    public double count(Measurement m, String sql) {
        long truth = c.queryLong(sql);
        // sensitivity (plan): one device moves this count by at most m.sensitivity() = 1
        return gaussian(m, new long[]{truth})[0];
    }

    /** The noisy histogram of rows per device over buckets 1..k of a child table. */
    public double[] rowsPerDevice(Measurement m, TableSchema t, int k) {
        long[] truth = new long[k];
        for (var e : groupCounts("SELECT n, count(*) FROM (SELECT count(*) AS n FROM \"" + t.name() + "\" GROUP BY guid) per_device GROUP BY n").entrySet()) {
            int n = Integer.parseInt(e.getKey());
            truth[Math.min(k, n) - 1] += e.getValue();
        }
        // sensitivity (plan): a device sits in exactly one bucket, L2 = 1
        return toDouble(gaussian(m, truth));
    }

    /** The released marginal of one column. For OPEN columns the partition selection runs first. */
    public ColumnModel marginal(Measurement m, Measurement partition, ColumnSpec s) {
        int bound = s.table().deviceTable() ? 1 : config.table(s.table().name()).k();
        if (m.sensitivity() < bound) {
            // the views hold at most `bound` rows per device (BoundedViews): a plan assuming less understates the noise
            throw new IllegalStateException(m.label() + ": planned sensitivity " + m.sensitivity() + " is below the " + bound
                    + " rows a device may hold in " + s.table().name());
        }
        List<String> openLabels = s.kind() == ColumnSpec.Kind.OPEN ? openValues(partition, s) : null;
        Cells cells = cells(s, openLabels);
        double[] noisy = histogram(m, "SELECT CAST(" + keySql(s, s.column().sqlName()) + " AS STRING), count(*) FROM \"" + s.table().name()
                + "\" GROUP BY 1", v -> cells.of(v[0]), cells.count());
        // sensitivity (plan): the device's at most k bounded rows (1 in a device table) fall in these cells,
        // so the vector moves by at most k in L2
        return new ColumnModel(s, noisy, openLabels == null ? null : openLabels.isEmpty() ? List.of("Other") : openLabels);
    }

    /** How the values of a column map to the cells of its marginals (OPEN: the values partition selection kept). */
    public record Cells(ColumnSpec spec, Map<String, Integer> openIndex, int count, ReleaseConfig config) {
        /** The cell of a value as the key SQL renders it (null = SQL NULL), or -1 when it has none. */
        public int of(String value) {
            if (value == null) {
                return spec.nullSlot() ? count - 1 : -1;
            }
            return switch (spec.kind()) {
                case CATEGORY -> spec.labels().indexOf(value);
                case OPEN -> openIndex.getOrDefault(value, -1);
                case VALUES -> nearest(spec.values(), Double.parseDouble(value));
                default -> {
                    int i = (int) Double.parseDouble(value);
                    yield i >= 0 && i < count - (spec.nullSlot() ? 1 : 0) ? i : -1;
                }
            };
        }
    }

    /** The cells of a column (public), given the kept values of an OPEN one. */
    public Cells cells(ColumnSpec s, List<String> openLabels) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int count = s.cells(config);
        if (s.kind() == ColumnSpec.Kind.OPEN) {
            for (String v : openLabels) {
                index.put(v, index.size());
            }
            count = Math.max(1, openLabels.size()) + (s.nullSlot() ? 1 : 0);
        }
        return new Cells(s, index, count, config);
    }

    /** SQL of the key a column's cells are read from (a label, a value, a bin or a day), over the column expression {@code col}. */
    public String keySql(ColumnSpec s, String col) {
        return switch (s.kind()) {
            case CATEGORY, VALUES, OPEN -> col;
            case NUMERIC -> s.clamp().binSql(col, config.numericBins());
            case DEVICE_DAY -> s.clamp().binSql(c.daysSince(config.start().toString(), col), config.numericBins());
            case DAY -> c.daysSince(config.start().toString(), col);
        };
    }

    /**
     * A noisy histogram: {@code sql} returns key columns then a count; {@code cellOf} maps a row's keys to a cell
     * (-1 drops it). The caller states the sensitivity argument in the plan; the noise is the plan's.
     */
    public double[] histogram(Measurement m, String sql, java.util.function.ToIntFunction<String[]> cellOf, int cells) {
        return toDouble(gaussian(m, cellTotals(sql, cellOf, cells)));
    }

    /** Sums the last column of {@code sql}'s rows into the cells their key columns map to ({@code -1} drops a row). */
    private long[] cellTotals(String sql, java.util.function.ToIntFunction<String[]> cellOf, int cells) {
        long[] truth = new long[cells];
        for (String[] row : c.rows(sql)) {
            // the key columns, then the count (the cell map reads the keys only)
            int cell = cellOf.applyAsInt(java.util.Arrays.copyOf(row, row.length - 1));
            if (cell >= 0) {
                truth[cell] += Long.parseLong(row[row.length - 1]);
            }
        }
        return truth;
    }

    /** Fixed-point steps per row in {@link #clippedHistogram}: weights are floored to multiples of 1/16. */
    private static final int WEIGHT_STEPS = 16;

    /**
     * A noisy histogram over a child table's rows where each device's rows together weigh at most {@code clip}:
     * a device with n rows gives each row the weight min(1, clip / n), floored to a multiple of 1/16 so that the
     * noise stays on integers. {@code keys} are the key expressions over {@code from} (which exposes {@code guid});
     * {@code cellOf} maps a row's keys to a cell (-1 drops it).
     *
     * <p>Sensitivity: one device adds at most {@code clip} of weight in total (L1), however its rows fall into cells
     * and however keys merge into cells, so L2 <= L1 <= clip; the plan's measurement must say {@code clip}. Compared
     * with counting rows (L2 up to k, the rows a device may keep), the noise shrinks by k / clip, at the price of
     * weighting heavy devices' rows down (the row shape becomes closer to a per-device shape).
     */
    public double[] clippedHistogram(Measurement m, List<String> keys, String from, java.util.function.ToIntFunction<String[]> cellOf,
                                     int cells, int clip) {
        if (m.sensitivity() != clip) {
            throw new IllegalStateException(m.label() + ": planned sensitivity " + m.sensitivity() + " is not the clip " + clip);
        }
        StringBuilder named = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            named.append(keys.get(i)).append(" AS k").append(i).append(", ");
            names.append(i == 0 ? "" : ", ").append("k").append(i);
        }
        String sql = "SELECT " + names + ", CAST(sum(w) AS BIGINT) FROM (SELECT " + named + rowWeight(clip) + " AS w FROM " + from
                + ") GROUP BY " + names;
        long[] truth = cellTotals(sql, cellOf, cells);
        // sensitivity (plan): at most clip in L1 per device, i.e. WEIGHT_STEPS * clip in the fixed-point units
        long[] noisy = gaussian(m, truth, WEIGHT_STEPS);
        double[] out = new double[cells];
        for (int i = 0; i < cells; i++) {
            out[i] = noisy[i] / (double) WEIGHT_STEPS;
        }
        return out;
    }

    /**
     * SQL of a row's clipped weight in sixteenths (a window over rows that expose {@code guid}): floor(16 min(1, clip / n)) for a
     * device with n rows. In DOUBLE on both engines ({@code /} of integers is a double division on each), so they weigh alike.
     */
    public static String rowWeight(int clip) {
        return "floor(" + WEIGHT_STEPS + " * least(1.0, " + clip + " / count(*) OVER (PARTITION BY guid)))";
    }

    /**
     * The exponential mechanism over candidates' scores computed on the private side: epsilon = sqrt(8 rho) (so the
     * selection spends the plan's rho, as a bounded-range mechanism), the score sensitivity the plan's. An exact
     * measurer records the scores and returns the best candidate, so that neighbour tests compare like with like.
     */
    public int select(Measurement m, double[] scores) {
        m.spend();
        if (exact) {
            recorded.put(m.label(), scores.clone());
            return picks.computeIfAbsent(m.label(), l -> {
                int best = 0;
                for (int i = 1; i < scores.length; i++) {
                    best = scores[i] > scores[best] ? i : best;
                }
                return best;
            });
        }
        return new ExponentialMechanism(Math.sqrt(8 * m.rho()), m.sensitivity(), random, m.label()).select(scores);
    }

    /** Releases a vector computed elsewhere on the private side; the caller states its sensitivity in the plan. */
    public double[] release(Measurement m, long[] truth) {
        return toDouble(gaussian(m, truth));
    }

    /** Which open-domain values may appear at all: DP partition selection over distinct-device counts. */
    public List<String> openValues(Measurement p, ColumnSpec s) {
        return selectValues(p, s);
    }

    /** Which open-domain values may appear at all: DP partition selection over distinct-device counts. */
    private List<String> selectValues(Measurement p, ColumnSpec s) {
        String col = s.column().sqlName();
        p.spend();
        int perDevice = (int) p.sensitivity();
        // each device contributes at most perDevice distinct values: its most frequent ones (ties by a hash of the
        // value); the choice depends on that device's rows only, so the bound holds whatever it picks
        // ties broken by a keyed md5 of the value, which both engines compute alike (docs/spark.md#portable-sql)
        String sql = "SELECT v, count(*) FROM (SELECT v, row_number() OVER (PARTITION BY guid ORDER BY n DESC, md5(CAST(v AS STRING) || '|telesynth-values'), v) AS r"
                + " FROM (SELECT guid, " + col + " AS v, count(*) AS n FROM \"" + s.table().name()
                + "\" WHERE " + col + " IS NOT NULL GROUP BY guid, " + col + ") per_value) ranked WHERE r <= " + perDevice + " GROUP BY v ORDER BY v";
        Map<String, Long> counts = groupCounts(sql);
        // sensitivity (plan): one device adds 1 to at most perDevice values' counts (L2 = sqrt(perDevice)); a value it
        // alone holds crosses the threshold with probability at most delta / perDevice (GaussianPartitionSelection)
        if (exact) {
            recorded.put(p.label(), counts.values().stream().mapToDouble(Long::doubleValue).toArray());
        }
        Map<String, Long> kept = exact ? counts : new GaussianPartitionSelection(p.rho(), p.delta(), perDevice, random, p.label()).select(counts);
        return new ArrayList<>(kept.keySet());
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
        for (String[] row : c.rows(sql)) {
            out.merge(row[0], Long.parseLong(row[1]), Long::sum);
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
