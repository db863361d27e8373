package org.telesynth.synth.pe;

import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.Synthesizer;
import java.util.Set;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.AliasTable;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.relational.DeviceAttribute;
import org.telesynth.synth.relational.RelationalTables;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
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
public final class PeSynthesizer implements Synthesizer<PePlan> {
    /** The conditional variant's raking starts every candidate at least at this share of the mean kept weight. */
    static final double RAKE_FLOOR = 0.01;

    @Override
    public String name() {
        return "pe";
    }

    @Override
    public PePlan plan(ReleaseConfig config, ReleaseRequest request) {
        Set<String> known = Set.of("iterations", "population");
        return new PePlan(request.epsilon(), request.delta(), config,
                config.pe().with(request.option("iterations", known), request.option("population", known)));
    }

    @Override
    public Map<String, Long> synthesize(Path agg, PePlan plan, RandomSource random, StagedOutput out, Progress progress) {
        ReleaseConfig config = plan.config();
        try (Connection c = RelationalTables.open(agg, config, out)) {
            Measurer measure = new Measurer(c, random, config);
            RelationalTables tables = new RelationalTables(c, plan.tables(), config, measure, progress);
            int n = RelationalTables.syntheticDevices(tables.noisyDeviceCount());
            List<DeviceAttribute> attrs = plan.tables().attributes();
            int[] cells = tables.cells();
            int[][] real = tables.realCodes();
            // mixed: every attribute weighs 1, ordered numeric cells by their gap; workload: each attribute weighs as
            // much as the query suite reads it, and every disagreement is whole (the queries group by exact values)
            VoteDistance distance = plan.settings().distance().equals("mixed")
                    ? new VoteDistance(ones(cells.length), AttributeGroups.orderedNumeric(attrs), cells)
                    : VoteDistance.categorical(weights(plan.tables().relevance()), cells);
            int[] blocking = blocking(attrs, plan.settings().blocking());
            // the APIs and the resampling are post-processing of released votes: a fast stream keyed once
            RandomSource apis = RandomSource.seeded(random.nextLong());
            int size = plan.settings().population();
            double rate = plan.settings().variationRate();
            AttributeGroups groups = plan.groups();
            double[] target = null;
            if (plan.marginals() != null) {
                // sensitivity (plan): a device sits in one cell of each group's histogram, L2 = sqrt(groups)
                target = withoutNoiseCells(measure.release(plan.marginals(), groups.counts(real)), groups, plan.marginals());
            }
            // vanilla PE starts from, and varies towards, the uniform distribution over the public cells; the
            // conditional variant from and towards the released workload marginals (post-processing)
            AliasTable[] prior = target == null ? groups.uniform() : groups.released(target);
            int[][] population = PeApis.random(size, groups, prior, apis);
            // identical devices vote alike: search once per distinct real record, weigh its vote by its devices
            DistinctRecords devices = new DistinctRecords(real);
            // (the number of real devices and of their distinct records are statistics of the data: not shown)
            for (int round = 0; round < plan.votes().size(); round++) {
                DistinctRecords candidates = new DistinctRecords(population);
                long[] votes = votes(devices, new NearestNeighbours(candidates, distance, blocking));
                Measurement m = plan.votes().get(round);
                // sensitivity (plan): a device casts one vote per round, for one candidate (the candidates are the
                // distinct records of the public population), L2 = 1
                double[] noisy = measure.release(m, votes);
                double threshold = m.sigma();
                double[] keep = Arrays.stream(noisy).map(v -> Math.max(0, v - threshold)).toArray();
                int voted = nonZero(keep);
                if (voted == 0) {
                    Arrays.fill(keep, 1); // every vote under the noise: nothing to prefer
                }
                int[][] kept = candidates.codes();
                if (target != null) {
                    // the conditional variant steers every round: the vote weights raked to the noisy workload
                    // marginals, from a small floor under every candidate, so that a rare released cell (the hardware
                    // tables' joint pattern) that no voted-for candidate holds can still be filled by one that does
                    double floor = RAKE_FLOOR * Arrays.stream(keep).sum() / keep.length;
                    double[] raked = rake(kept, groups, target, Arrays.stream(keep).map(k -> k + floor).toArray());
                    if (Arrays.stream(raked).sum() > 0) {
                        keep = raked;
                    }
                }
                population = resample(kept, keep, size, apis);
                if (round < plan.votes().size() - 1) {
                    int half = size / 2;
                    int[][] varied = PeApis.vary(population, groups, prior, rate, apis);
                    for (int a = 0; a < cells.length; a++) {
                        System.arraycopy(varied[a], half, population[a], half, size - half);
                    }
                    rate *= plan.settings().variationDecay();
                }
                // the candidates are synthetic and the votes released: both public; no timing (it depends on the real data)
                progress.step(String.format("  round %d of %d: %,d distinct candidates, %.0f %% with noisy votes above %.1f",
                        round + 1, plan.votes().size(), keep.length, 100.0 * voted / keep.length, threshold));
            }
            double[] w = new double[size];
            Arrays.fill(w, 1);
            if (target != null) {
                w = rake(population, groups, target, w);
                if (Arrays.stream(w).sum() <= 0) {
                    Arrays.fill(w, 1); // no record fits the released marginals at all: plain PE
                }
            }
            int[][] synth = resample(population, w, n, apis);
            tables.blockersNeedOsHistory(synth);
            return tables.write(n, synth, tables.measuredRows(), RandomSource.seeded(random.nextLong()), out);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    /** {@code count} records drawn from {@code records} with replacement, in proportion to {@code weights} (all zero: uniformly). */
    private static int[][] resample(int[][] records, double[] weights, int count, RandomSource random) {
        AliasTable draw = AliasTable.of(weights);
        int[] pick = new int[count];
        for (int i = 0; i < count; i++) {
            pick[i] = draw.draw(random);
        }
        return PeApis.select(records, pick);
    }

    /**
     * The vote histogram over the candidates: every device votes once, for the candidate nearest its attribute
     * record (searched once per distinct record, counted once per device), so one device more or less moves one
     * cell by 1.
     */
    static long[] votes(DistinctRecords devices, NearestNeighbours candidates) {
        int[] nearest = candidates.nearest(devices.codes());
        long[] votes = new long[candidates.size()];
        for (int u = 0; u < nearest.length; u++) {
            votes[nearest[u]] += devices.count(u);
        }
        return votes;
    }

    /**
     * The released marginals with their noise-only cells zeroed (post-processing): a sparse joint histogram's
     * positive noise would otherwise outweigh its real cells as a raking target and a draw distribution. A marginal
     * of c cells keeps a cell from z = max(2, z(1 - 1/c)) noise standard deviations up, so on average at most about
     * one empty cell of each marginal passes whatever its size (2 for a small one; 3.3 for 2,048 cells).
     */
    static double[] withoutNoiseCells(double[] released, AttributeGroups groups, Measurement m) {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double[] out = released.clone();
        for (int g = 0, offset = 0; g < groups.size(); offset += groups.cells(g), g++) {
            double z = Math.max(2, normal.inverseCumulativeProbability(1 - 1.0 / groups.cells(g)));
            for (int c = offset; c < offset + groups.cells(g); c++) {
                out[c] = out[c] >= z * m.sigma() ? out[c] : 0;
            }
        }
        return out;
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

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    static int[] blocking(List<DeviceAttribute> attrs, List<String> names) {
        int[] out = new int[names.size()];
        for (int j = 0; j < out.length; j++) {
            String name = names.get(j);
            out[j] = java.util.stream.IntStream.range(0, attrs.size()).filter(a -> attrs.get(a).name().equals(name)).findFirst()
                    .orElseThrow(() -> new org.telesynth.BadInputException("pe.blocking: " + name + " is not a device attribute (marginal.device_attributes)"));
        }
        return out;
    }

    /**
     * Raking (iterative proportional fitting) of record weights, from {@code start}, so that the weighted
     * population's group histograms match the released ones (negative noisy cells as 0). Post-processing of
     * released counts.
     */
    static double[] rake(int[][] population, AttributeGroups groups, double[] target, double[] start) {
        int size = population[0].length;
        double[] w = start.clone();
        int[] cell = new int[size];
        for (int round = 0; round < 10; round++) {
            for (int g = 0, offset = 0; g < groups.size(); offset += groups.cells(g), g++) {
                int k = groups.cells(g);
                double[] now = new double[k];
                double totalNow = 0;
                double totalTarget = 0;
                for (int i = 0; i < size; i++) {
                    cell[i] = groups.cellOf(g, population, i);
                    now[cell[i]] += w[i];
                    totalNow += w[i];
                }
                for (int v = 0; v < k; v++) {
                    totalTarget += Math.max(0, target[offset + v]);
                }
                if (totalTarget <= 0) {
                    continue;
                }
                double[] factor = new double[k];
                for (int v = 0; v < k; v++) {
                    double want = Math.max(0, target[offset + v]) / totalTarget;
                    factor[v] = now[v] > 0 ? want / (now[v] / totalNow) : 1;
                }
                for (int i = 0; i < size; i++) {
                    w[i] *= factor[cell[i]];
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
