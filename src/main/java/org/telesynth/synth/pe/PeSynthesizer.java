package org.telesynth.synth.pe;

import org.telesynth.Progress;
import org.telesynth.agg.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.AliasTable;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.marginal.DeviceAttribute;
import org.telesynth.synth.marginal.RelationalTables;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Private Evolution (Lin et al. 2024) on the device attributes and table presences of the marginal method, with no
 * foundation model: a population drawn by the {@link PeApis random API} from public domains; T rounds in which each
 * real device votes for its nearest synthetic record ({@link NearestNeighbours}), the vote histogram gets Gaussian
 * noise, the population is resampled in proportion to the noisy votes above a threshold, and half of it is varied
 * ({@link PeApis#vary}, at a rate that decays by round). The conditional variant then steers the final population
 * to noisy one-way marginals (raking weights, post-processing) before the synthetic devices are drawn from it. The
 * relational half ({@link RelationalTables}) writes every table on those devices.
 */
public final class PeSynthesizer {
    private PeSynthesizer() {
    }

    public static Map<String, Long> synthesize(Path agg, PePlan plan, ReleaseConfig config, RandomSource random, StagedOutput out,
                                               Progress progress) {
        try (Connection c = RelationalTables.open(agg, out)) {
            Measurer measure = new Measurer(c, random, config);
            RelationalTables tables = new RelationalTables(c, plan.tables(), config, measure, progress);
            int n = RelationalTables.syntheticDevices(tables.noisyDeviceCount());
            List<DeviceAttribute> attrs = plan.tables().attributes();
            int[] cells = tables.cells();
            int[][] real = tables.realCodes();
            double[] weight = weights(plan.tables().relevance());
            int[] blocking = blocking(attrs, plan.settings().blocking());
            // the APIs and the resampling are post-processing of released votes: a fast stream keyed once
            RandomSource apis = RandomSource.seeded(random.nextLong());
            int size = plan.settings().population();
            int[][] population = PeApis.random(size, cells, apis);
            double rate = plan.settings().variationRate();
            double[] target = null;
            if (plan.oneWay() != null) {
                // sensitivity (plan): a device sits in one cell of each attribute, L2 = sqrt(attributes)
                target = measure.release(plan.oneWay(), oneWayCounts(real, cells));
            }
            for (int round = 0; round < plan.votes().size(); round++) {
                long t0 = System.nanoTime();
                int[] nearest = new NearestNeighbours(population, weight, blocking, cells).nearest(real);
                long[] votes = new long[size];
                for (int s : nearest) {
                    votes[s]++;
                }
                Measurement m = plan.votes().get(round);
                // sensitivity (plan): a device casts one vote per round, L2 = 1
                double[] noisy = measure.release(m, votes);
                double threshold = m.sensitivity() / Math.sqrt(2 * m.rho());
                double[] keep = new double[size];
                double total = 0;
                for (int i = 0; i < size; i++) {
                    keep[i] = Math.max(0, noisy[i] - threshold);
                    total += keep[i];
                }
                if (total == 0) {
                    java.util.Arrays.fill(keep, 1);
                }
                if (target != null) {
                    // the conditional variant steers every round: the vote weights raked to the noisy one-way marginals
                    double[] raked = rake(population, cells, target, keep);
                    if (java.util.Arrays.stream(raked).sum() > 0) {
                        keep = raked;
                    }
                }
                AliasTable draw = AliasTable.of(keep);
                int[] pick = new int[size];
                for (int i = 0; i < size; i++) {
                    pick[i] = draw.draw(apis);
                }
                population = PeApis.select(population, pick);
                if (round < plan.votes().size() - 1) {
                    int half = size / 2;
                    int[][] varied = PeApis.vary(population, cells, rate, apis);
                    for (int a = 0; a < cells.length; a++) {
                        System.arraycopy(varied[a], half, population[a], half, size - half);
                    }
                    rate *= plan.settings().variationDecay();
                }
                progress.step(String.format("  round %d of %d: %.0f %% of the population kept (noisy votes above %.1f), %.1f s",
                        round + 1, plan.votes().size(), 100.0 * nonZero(keep) / size, threshold, (System.nanoTime() - t0) / 1e9));
            }
            double[] w = new double[size];
            java.util.Arrays.fill(w, 1);
            if (target != null) {
                w = rake(population, cells, target, w);
                if (java.util.Arrays.stream(w).sum() <= 0) {
                    java.util.Arrays.fill(w, 1); // no record fits the released marginals at all: plain PE
                }
            }
            AliasTable draw = AliasTable.of(w);
            int[] devices = new int[n];
            for (int i = 0; i < n; i++) {
                devices[i] = draw.draw(apis);
            }
            int[][] synth = PeApis.select(population, devices);
            tables.blockersNeedOsHistory(synth);
            return tables.write(n, synth, tables.measuredRows(), RandomSource.seeded(random.nextLong()), out);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    /** Public distance weights: an attribute counts in proportion to how many workload pairs involve it. */
    static double[] weights(double[][] relevance) {
        double[] w = new double[relevance.length];
        for (int a = 0; a < w.length; a++) {
            for (double r : relevance[a]) {
                w[a] += r;
            }
            w[a] /= relevance.length;
        }
        return w;
    }

    private static int[] blocking(List<DeviceAttribute> attrs, List<String> names) {
        int[] out = new int[names.size()];
        for (int j = 0; j < out.length; j++) {
            String name = names.get(j);
            out[j] = java.util.stream.IntStream.range(0, attrs.size()).filter(a -> attrs.get(a).name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("pe.blocking: " + name + " is not a device attribute (marginal.device_attributes)"));
        }
        return out;
    }

    private static long[] oneWayCounts(int[][] codes, int[] cells) {
        int total = 0;
        for (int c : cells) {
            total += c;
        }
        long[] out = new long[total];
        for (int a = 0, offset = 0; a < cells.length; offset += cells[a], a++) {
            for (int v : codes[a]) {
                out[offset + v]++;
            }
        }
        return out;
    }

    /**
     * Raking (iterative proportional fitting) of record weights, from {@code start}, so that the weighted
     * population's one-way marginals match the released ones (negative noisy cells as 0). Post-processing of
     * released counts.
     */
    static double[] rake(int[][] population, int[] cells, double[] target, double[] start) {
        int size = population[0].length;
        double[] w = start.clone();
        for (int round = 0; round < 10; round++) {
            for (int a = 0, offset = 0; a < cells.length; offset += cells[a], a++) {
                double[] now = new double[cells[a]];
                double totalNow = 0;
                double totalTarget = 0;
                for (int i = 0; i < size; i++) {
                    now[population[a][i]] += w[i];
                    totalNow += w[i];
                }
                for (int v = 0; v < cells[a]; v++) {
                    totalTarget += Math.max(0, target[offset + v]);
                }
                if (totalTarget <= 0) {
                    continue;
                }
                double[] factor = new double[cells[a]];
                for (int v = 0; v < cells[a]; v++) {
                    double want = Math.max(0, target[offset + v]) / totalTarget;
                    factor[v] = now[v] > 0 ? want / (now[v] / totalNow) : 1;
                }
                for (int i = 0; i < size; i++) {
                    w[i] *= factor[population[a][i]];
                }
            }
        }
        return w;
    }

    private static int nonZero(double[] v) {
        int k = 0;
        for (double x : v) {
            k += x > 0 ? 1 : 0;
        }
        return k;
    }
}
