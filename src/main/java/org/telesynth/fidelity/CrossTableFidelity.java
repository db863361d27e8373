package org.telesynth.fidelity;

import org.telesynth.config.Clamp;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a synthetic table set keeps the links between a device and its rows in the child tables, measured
 * without the query suite. For every pair (device attribute A, child-table feature F) it compares P(F | A) on the
 * real and the synthetic tables by the total variation distance, averaged over A's values weighted by their real
 * share. A ranges over the configured device attributes ({@code marginal.device_attributes}); F over, per child
 * table: its presence; its rows-per-device bucket (1, 2-3, 4-7, ... 128+); for each numeric column, the bucket of
 * the device's mean value (8 bins on the column's public clamp); for each column with a public category list of
 * at most {@link #MAX_CATEGORIES} values, the device's category shares (a device weighs 1 however many rows it has).
 * Features other than presence are conditioned on the device being present in the table.
 *
 * <p>Beside the pairs: the cardinality shape (TVD of the rows-per-device buckets of each table) and the column-pair
 * trends (absolute difference of the Pearson correlation of each pair of numeric columns within a table). The
 * measure reads real data: its results are private, like compare's report.
 */
public final class CrossTableFidelity {
    /** Categorical columns with at most this many public categories are compared by their category shares. */
    static final int MAX_CATEGORIES = 12;
    /** Bins of a device's mean value on the column's public clamp. */
    static final int MEAN_BINS = 8;
    /** Pairs and trends listed as the worst. */
    static final int WORST = 10;

    private CrossTableFidelity() {
    }

    /** One (attribute, feature) pair's weighted TVD. */
    public record Pair(String attribute, String feature, double tvd) {
    }

    /** One table's cardinality shape, or one within-table column pair's trend difference. */
    public record Score(String name, double value) {
    }

    /**
     * The measure.
     *
     * @param pairs       every (attribute, feature) pair, in a fixed order
     * @param cardinality per child table, the TVD of its rows-per-device buckets
     * @param trends      per pair of numeric columns within a table, |corr real - corr synthetic|
     */
    public record Result(List<Pair> pairs, List<Score> cardinality, List<Score> trends) {
        public double mean() {
            return pairs.stream().mapToDouble(Pair::tvd).average().orElse(0);
        }

        /** The mean TVD by kind of feature: presence, rows, mean (numeric level) and shares (categories). */
        public Map<String, Double> meanByKind() {
            Map<String, double[]> sums = new LinkedHashMap<>();
            for (Pair p : pairs) {
                String kind = p.feature().substring(p.feature().lastIndexOf(' ') + 1);
                double[] s = sums.computeIfAbsent(kind, k -> new double[2]);
                s[0] += p.tvd();
                s[1]++;
            }
            Map<String, Double> out = new LinkedHashMap<>();
            sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
            return out;
        }

        public List<Pair> worst() {
            return pairs.stream().sorted(Comparator.comparingDouble(Pair::tvd).reversed()).limit(WORST).toList();
        }

        public double meanCardinality() {
            return cardinality.stream().mapToDouble(Score::value).average().orElse(0);
        }

        public double meanTrend() {
            return trends.stream().mapToDouble(Score::value).average().orElse(0);
        }

        public List<Score> worstTrends() {
            return trends.stream().sorted(Comparator.comparingDouble(Score::value).reversed()).limit(WORST).toList();
        }

        /** A summary for reports: mean, count and the worst pairs, and the shape and trend means. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pairs", pairs.size());
            m.put("mean_tvd", mean());
            m.put("mean_tvd_by_kind", meanByKind());
            List<Map<String, Object>> w = new ArrayList<>();
            for (Pair p : worst()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("attribute", p.attribute());
                e.put("feature", p.feature());
                e.put("tvd", p.tvd());
                w.add(e);
            }
            m.put("worst_pairs", w);
            m.put("cardinality_mean_tvd", meanCardinality());
            Map<String, Object> card = new LinkedHashMap<>();
            cardinality.forEach(s -> card.put(s.name(), s.value()));
            m.put("cardinality_tvd", card);
            m.put("trend_pairs", trends.size());
            m.put("trend_mean_abs_corr_diff", meanTrend());
            Map<String, Object> tw = new LinkedHashMap<>();
            worstTrends().forEach(s -> tw.put(s.name(), s.value()));
            m.put("worst_trends", tw);
            return m;
        }
    }

    /** The measure of {@code synth} against {@code real} (two directories of the 19 tables). */
    public static Result measure(Path real, Path synth, ReleaseConfig config) {
        return measure(realSide(real, config), Side.read(synth, config));
    }

    /**
     * The real side's distributions, read once per loaded dataset and configuration: kept in the dataset's private
     * folder beside its ledger ({@code .telesynth/fidelity/<hash of its manifest and the config>.json}), since they
     * are statistics of the real data, so that the cells of a sweep do not each read the real tables again. A
     * folder that is not a loaded dataset (no {@code .telesynth}) is read every time.
     */
    private static Side realSide(Path real, ReleaseConfig config) {
        Path manifest = real.resolve("manifest.json");
        Path privateDir = real.resolve(".telesynth");
        if (!java.nio.file.Files.isRegularFile(manifest) || !java.nio.file.Files.isDirectory(privateDir)) {
            return Side.read(real, config);
        }
        com.fasterxml.jackson.databind.ObjectMapper json = org.telesynth.io.Manifests.json();
        try {
            String key = org.telesynth.io.Hashes.sha256((java.nio.file.Files.readString(manifest) + "/" + config.hash()).getBytes());
            Path cache = privateDir.resolve("fidelity").resolve(key + ".json");
            if (java.nio.file.Files.isRegularFile(cache)) {
                try {
                    return json.readValue(cache.toFile(), Side.class);
                } catch (java.io.IOException damaged) {
                    // a damaged cache is read again from the tables below
                }
            }
            Side side = Side.read(real, config);
            org.telesynth.io.Manifests.writeAtomically(cache, side);
            return side;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the real side of the fidelity measure in " + privateDir, e);
        }
    }

    private static Result measure(Side r, Side s) {
        List<Pair> pairs = new ArrayList<>();
        for (var e : r.conditionals.entrySet()) {
            Map<String, Map<String, Double>> other = s.conditionals.getOrDefault(e.getKey(), Map.of());
            String[] key = e.getKey().split("\u0000", 2);
            pairs.add(new Pair(key[0], key[1], weightedTvd(e.getValue(), other)));
        }
        List<Score> cardinality = new ArrayList<>();
        for (var e : r.rowsShape.entrySet()) {
            cardinality.add(new Score(e.getKey(), tvd(e.getValue(), s.rowsShape.getOrDefault(e.getKey(), Map.of()))));
        }
        List<Score> trends = new ArrayList<>();
        for (var e : r.correlations.entrySet()) {
            Double other = s.correlations.get(e.getKey());
            trends.add(new Score(e.getKey(), other == null ? Math.abs(e.getValue()) : Math.abs(e.getValue() - other)));
        }
        return new Result(pairs, cardinality, trends);
    }

    /**
     * Sum over the real groups a of share(a) * TVD(P_real(. | a), P_synth(. | a)); a group the synthetic data lacks
     * counts as TVD 1.
     */
    static double weightedTvd(Map<String, Map<String, Double>> real, Map<String, Map<String, Double>> synth) {
        double total = 0;
        for (Map<String, Double> g : real.values()) {
            total += g.values().stream().mapToDouble(Double::doubleValue).sum();
        }
        if (total <= 0) {
            return 0;
        }
        double out = 0;
        for (var e : real.entrySet()) {
            double mass = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            out += mass / total * tvd(e.getValue(), synth.getOrDefault(e.getKey(), Map.of()));
        }
        return out;
    }

    /** Total variation distance of two unnormalised distributions; 1 when one of them is empty and the other not. */
    static double tvd(Map<String, Double> a, Map<String, Double> b) {
        double ta = a.values().stream().mapToDouble(Double::doubleValue).sum();
        double tb = b.values().stream().mapToDouble(Double::doubleValue).sum();
        if (ta <= 0 || tb <= 0) {
            return ta <= 0 && tb <= 0 ? 0 : 1;
        }
        Map<String, Double> keys = new HashMap<>(a);
        b.keySet().forEach(k -> keys.putIfAbsent(k, 0.0));
        double d = 0;
        for (String k : keys.keySet()) {
            d += Math.abs(a.getOrDefault(k, 0.0) / ta - b.getOrDefault(k, 0.0) / tb);
        }
        return d / 2;
    }

    /** What one table set gives: P(feature value | attribute value) masses, rows shapes, correlations. */
    private record Side(Map<String, Map<String, Map<String, Double>>> conditionals, Map<String, Map<String, Double>> rowsShape,
                        Map<String, Double> correlations) {

        static Side read(Path dir, ReleaseConfig config) {
            Map<String, Map<String, Map<String, Double>>> conditionals = new LinkedHashMap<>();
            Map<String, Map<String, Double>> rowsShape = new LinkedHashMap<>();
            Map<String, Double> correlations = new LinkedHashMap<>();
            // one thread: DuckDB's parallel sums and correlations add in the order its threads finish, which moves the
            // last bits from run to run; a sweep's result rows must be the same when a cell is run again
            try (Connection c = Duck.open(1, null, null)) {
                TableViews.create(c, dir, true);
                Duck.exec(c, "CREATE TEMP TABLE attrs AS " + attributesSql(config));
                Duck.exec(c, "CREATE TEMP TABLE attrs_long AS UNPIVOT attrs ON COLUMNS(* EXCLUDE guid) INTO NAME attr VALUE aval");
                for (TableSchema t : Schema.childTables()) {
                    List<String> parts = features(t, config);
                    Duck.exec(c, "CREATE OR REPLACE TEMP TABLE feat AS " + String.join(" UNION ALL ", parts));
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT l.attr, l.aval, f.feature, f.fval, sum(f.w) FROM feat f JOIN attrs_long l USING (guid) GROUP BY ALL")) {
                        while (rs.next()) {
                            conditionals.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(3), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(rs.getString(2), k -> new LinkedHashMap<>()).merge(rs.getString(4), rs.getDouble(5), Double::sum);
                        }
                    }
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT fval, sum(w) FROM feat WHERE feature = '" + t.name() + " rows' GROUP BY 1")) {
                        Map<String, Double> shape = new LinkedHashMap<>();
                        while (rs.next()) {
                            shape.put(rs.getString(1), rs.getDouble(2));
                        }
                        rowsShape.put(t.name(), shape);
                    }
                    correlations.putAll(correlations(c, t));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(Duck.message(e), e);
            }
            return new Side(conditionals, rowsShape, correlations);
        }

        /** guid and every configured device attribute as text (NULL as 'NULL'), cpu_ ones from cpu_metadata. */
        private static String attributesSql(ReleaseConfig config) {
            List<String> cols = new ArrayList<>();
            for (String a : config.marginal().deviceAttributes()) {
                // cpu_<col> is cpu_metadata's column (cpu_family is sysinfo's own), as in the device profile
                boolean cpu = a.startsWith("cpu_") && Schema.table(Schema.SYSINFO).column(a).isEmpty();
                String col = cpu ? "m." + Column.quote(a.substring(4)) : "s." + Column.quote(a);
                cols.add("coalesce(CAST(" + col + " AS VARCHAR), 'NULL') AS " + Column.quote(a));
            }
            return "SELECT s.guid, " + String.join(", ", cols) + " FROM " + Schema.SYSINFO + " s LEFT JOIN " + Schema.CPU_METADATA
                    + " m USING (guid)";
        }

        /** The feature rows of one child table: (guid, feature, fval, w). */
        private static List<String> features(TableSchema t, ReleaseConfig config) {
            String name = Column.quote(t.name());
            String label = t.name().replace("'", "''");
            List<String> parts = new ArrayList<>();
            parts.add("SELECT a.guid, '" + label + " presence' AS feature, CASE WHEN d.guid IS NULL THEN 'absent' ELSE 'present' END AS fval,"
                    + " 1.0::DOUBLE AS w FROM attrs a LEFT JOIN (SELECT DISTINCT guid FROM " + name + ") d USING (guid)");
            parts.add("SELECT guid, '" + label + " rows', CAST(least(7, floor(log2(count(*))))::INTEGER AS VARCHAR), 1.0::DOUBLE FROM "
                    + name + " GROUP BY guid");
            ReleaseConfig.TableConfig tc = config.table(t.name());
            for (Column col : t.columns()) {
                if (col.name().equals("guid")) {
                    continue;
                }
                Clamp clamp = tc.clamp(col.name());
                if (col.isNumeric() && clamp != null) {
                    String mean = "least(" + clamp.hi() + ", greatest(" + clamp.lo() + ", avg(" + Column.quote(col.name()) + ")))";
                    parts.add("SELECT guid, '" + label + "." + col.name() + " mean', CAST(" + clamp.binSql(mean, MEAN_BINS)
                            + " AS VARCHAR), 1.0::DOUBLE FROM " + name + " GROUP BY guid HAVING avg(" + Column.quote(col.name()) + ") IS NOT NULL");
                } else if (!col.domain().isEmpty() && col.domain().size() <= MAX_CATEGORIES) {
                    parts.add("SELECT guid, '" + label + "." + col.name() + " shares', coalesce(CAST(" + Column.quote(col.name())
                            + " AS VARCHAR), 'NULL'), (count(*) / sum(count(*)) OVER (PARTITION BY guid))::DOUBLE FROM " + name
                            + " GROUP BY guid, " + Column.quote(col.name()));
                }
            }
            return parts;
        }

        /** Pearson correlation of each pair of numeric columns of a table, over its rows (pairs with a defined value). */
        private static Map<String, Double> correlations(Connection c, TableSchema t) throws SQLException {
            List<String> numeric = t.columns().stream().filter(col -> col.isNumeric() && !col.name().equals("guid")).map(Column::name).toList();
            Map<String, Double> out = new LinkedHashMap<>();
            if (numeric.size() < 2) {
                return out;
            }
            List<String> exprs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < numeric.size(); i++) {
                for (int j = i + 1; j < numeric.size(); j++) {
                    exprs.add("corr(" + Column.quote(numeric.get(i)) + "::DOUBLE, " + Column.quote(numeric.get(j)) + "::DOUBLE)");
                    names.add(t.name() + "." + numeric.get(i) + " ~ " + numeric.get(j));
                }
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + String.join(", ", exprs) + " FROM " + Column.quote(t.name()))) {
                rs.next();
                for (int k = 0; k < names.size(); k++) {
                    double v = rs.getDouble(k + 1);
                    if (!rs.wasNull() && Double.isFinite(v)) {
                        out.put(names.get(k), v);
                    }
                }
            }
            return out;
        }
    }
}
