package org.telesynth.privacy.study;

import org.telesynth.Progress;
import org.telesynth.privacy.Checks;
import org.telesynth.privacy.ExactSampler;
import org.telesynth.privacy.RandomSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Gaussian-vs-Laplace study: for every mechanism, epsilon and run, release the per-product counts, derive the
 * error rates and their z-scores, and measure the L-infinity error of the z-scores and the IOU of the "above
 * average" product sets (z > 0) against the truth.
 */
public final class MechanismStudy {
    private MechanismStudy() {
    }

    /**
     * One run's outcome. A direct arm (a mechanism releasing the counts) answers only the counts' questions, so its
     * log-only metrics are NaN.
     *
     * @param arm             the mechanism's label, or the synthetic method's name
     * @param synthetic       whether the arm is a synthetic log
     * @param rateCoverage    the share of the real per-product event error rates' range the arm's range covers
     * @param hourTv          mean over products of the total variation distance of the hours of day
     * @param eventsPerUserKs the KS distance of the events-per-user distributions
     */
    public record Run(String arm, boolean synthetic, double epsilon, int run, double linf, double iou, double rateCoverage,
                      double hourTv, double eventsPerUserKs) {
        static Run direct(StudyMechanism m, double epsilon, int run, double linf, double iou) {
            return new Run(m.label(), false, epsilon, run, linf, iou, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    public static List<Run> run(ProductCounts truth, List<Double> epsilons, double delta, int runs, RandomSource random,
                                Progress progress) {
        Checks.positive("runs", runs);
        Checks.probability("delta", delta);
        epsilons.forEach(e -> Checks.positiveFinite("epsilon", e));
        int k = truth.products().size();
        double[] trueTotal = Arrays.stream(truth.total()).asDoubleStream().toArray();
        double[] trueErrors = Arrays.stream(truth.errors()).asDoubleStream().toArray();
        double[] trueZ = ProductCounts.zScores(ProductCounts.rates(trueTotal, trueErrors));
        ExactSampler exact = new ExactSampler(random);
        List<Run> out = new ArrayList<>();
        for (StudyMechanism m : StudyMechanism.values()) {
            for (double epsilon : epsilons) {
                double scale = m.scale(epsilon, delta);
                for (int r = 0; r < runs; r++) {
                    double[] total = new double[k];
                    double[] errors = new double[k];
                    for (int i = 0; i < k; i++) {
                        total[i] = trueTotal[i] + m.noise(scale, random, exact);
                        errors[i] = trueErrors[i] + m.noise(scale, random, exact);
                    }
                    double[] z = ProductCounts.zScores(ProductCounts.rates(total, errors));
                    out.add(Run.direct(m, epsilon, r, linf(trueZ, z), iou(trueZ, z)));
                }
            }
            progress.step("  " + m.label() + ": " + epsilons.size() + " epsilons x " + runs + " runs");
        }
        return out;
    }

    static double linf(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** |A ∩ B| / |A ∪ B| of the index sets with z > 0; 1 when both are empty. */
    static double iou(double[] a, double[] b) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.length; i++) {
            boolean x = a[i] > 0;
            boolean y = b[i] > 0;
            both += x && y ? 1 : 0;
            either += x || y ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** min, 5 %, 50 %, 95 %, max (nearest-rank quantiles). */
    public static double[] quantiles(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        double[] ps = {0, 0.05, 0.5, 0.95, 1};
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            int idx = (int) Math.ceil(ps[i] * v.length) - 1;
            out[i] = v[Math.max(0, Math.min(v.length - 1, idx))];
        }
        return out;
    }
}
