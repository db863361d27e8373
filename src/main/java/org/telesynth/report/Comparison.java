package org.telesynth.report;

import org.telesynth.BadInputException;
import org.telesynth.bench.Benchmark;
import org.telesynth.bench.QuerySpec;
import org.telesynth.io.Manifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Scores a directory of synthetic answers against a directory of real ones, query by query, and summarises:
 * peer passes and mean score, the seed-style share of metric columns whose mean is within 10 / 25 / 50 % of
 * real, and (with half-split answers) the median normalised error.
 *
 * @param queries       one score per query present in the real answers
 * @param onlyInReal    queries answered in the real directory but not in the synthetic one (scored as worst)
 * @param onlyInSynth   queries answered only in the synthetic directory (not scored)
 * @param unknown       answers in the real directory with no query metadata (not scored)
 * @param skipped       queries benchmark skipped on either side, with its reason (they read a table absent from the
 *                      input): not scored, neither as passed nor as failed
 */
public record Comparison(List<QueryScore> queries, List<String> onlyInReal, List<String> onlyInSynth, List<String> unknown,
                         Map<String, String> skipped) {

    /**
     * @param halves the two half-split answer directories (real devices split by a hash of guid), or null
     */
    public static Comparison run(Path realDir, Path synthDir, List<QuerySpec> suite, Path[] halves) {
        List<String> real = answers(realDir, "--real");
        List<String> synth = answers(synthDir, "--synth");
        // the export lacked a table these read: a synthetic answer cannot be wrong about it, nor right
        Map<String, String> skipped = new java.util.TreeMap<>(skipped(synthDir));
        skipped.putAll(skipped(realDir));
        List<QueryScore> scores = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : real) {
            if (skipped.containsKey(name)) {
                continue;
            }
            Optional<QuerySpec> spec = suite.stream().filter(q -> q.name().equals(name)).findFirst();
            if (spec.isEmpty()) {
                unknown.add(name);
                continue;
            }
            AnswerTable r = AnswerTable.read(realDir.resolve(name + ".csv"));
            AnswerTable s = synth.contains(name) ? AnswerTable.read(synthDir.resolve(name + ".csv")) : null;
            QueryScore score = QueryScorer.score(spec.get(), r, s);
            if (halves != null) {
                score = normalize(score, spec.get(), halves);
            }
            scores.add(score);
        }
        List<String> onlyInReal = real.stream().filter(n -> !synth.contains(n) && !skipped.containsKey(n)).toList();
        List<String> onlyInSynth = synth.stream().filter(n -> !real.contains(n) && !skipped.containsKey(n)).toList();
        return new Comparison(scores, onlyInReal, onlyInSynth, unknown, java.util.Collections.unmodifiableMap(skipped));
    }

    /** Divides each metric's error by the same metric's error between the two real halves. */
    private static QueryScore normalize(QueryScore score, QuerySpec spec, Path[] halves) {
        Path a = halves[0].resolve(spec.name() + ".csv");
        Path b = halves[1].resolve(spec.name() + ".csv");
        if (!Files.exists(a) || !Files.exists(b)) {
            return score;
        }
        QueryScore floor = QueryScorer.score(spec, AnswerTable.read(a), AnswerTable.read(b));
        Map<String, MetricScore> byColumn = new LinkedHashMap<>();
        floor.metrics().forEach(m -> byColumn.put(m.column() + "|" + m.type(), m));
        List<MetricScore> out = new ArrayList<>();
        for (MetricScore m : score.metrics()) {
            MetricScore f = byColumn.get(m.column() + "|" + m.type());
            Double normalized = null;
            if (f != null && f.error() > 0 && Double.isFinite(f.error()) && Double.isFinite(m.error())) {
                normalized = m.error() / f.error();
            }
            out.add(m.withNormalizedError(normalized));
        }
        return score.withMetrics(out);
    }

    /** Queries passed, out of those scored. */
    public long passed() {
        return queries.stream().filter(QueryScore::passed).count();
    }

    public double meanScore() {
        return queries.stream().mapToDouble(QueryScore::score).average().orElse(Double.NaN);
    }

    /** Median over every metric of every query of its normalised error; null without a noise floor. */
    public Double medianNormalizedError() {
        double[] v = queries.stream().flatMap(q -> q.metrics().stream()).map(MetricScore::normalizedError)
                .filter(x -> x != null).mapToDouble(Double::doubleValue).toArray();
        return v.length == 0 ? null : Stats.median(v);
    }

    /** Share of (query, metric column) pairs whose synthetic column mean is within {@code tolerance} of the real one. */
    public double within(double tolerance) {
        // a column with no real values says nothing either way
        List<ColumnError> columns = queries.stream().flatMap(q -> q.columns().stream())
                .filter(c -> !Double.isNaN(c.realMean())).toList();
        if (columns.isEmpty()) {
            return Double.NaN;
        }
        return (double) columns.stream().filter(c -> c.meanRelError() <= tolerance).count() / columns.size();
    }

    /** The skipped queries benchmark recorded in an answer directory ({@link Benchmark#SKIPPED}), with the reasons. */
    private static Map<String, String> skipped(Path dir) {
        com.fasterxml.jackson.databind.JsonNode m = Manifests.readIfPresent(dir.resolve(Benchmark.SKIPPED));
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static List<String> answers(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(option + ": not a directory: " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
