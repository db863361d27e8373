package org.telesynth.synth;

import org.telesynth.privacy.Accountant;
import org.telesynth.privacy.Checks;
import org.telesynth.privacy.PrivacyEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * One total (epsilon, delta) as one zCDP budget. Partition selection is Gaussian (delta-approximately zCDP), so it
 * takes a share of the same rho and a share of delta for its thresholds; the rest of delta converts the total rho
 * to epsilon. The total rho is found by bisection so that the standard accountant composes the plan to at most
 * (and within 1e-12 of) the requested epsilon.
 *
 * @param epsilon        the release's total epsilon
 * @param delta          the release's total delta
 * @param partitionRho   rho for all partition selections together (0 when the plan has none)
 * @param partitionDelta delta for all partition selections' thresholds together (0 when none)
 * @param rho            zCDP budget for all other (Gaussian) measurements together
 */
public record ReleaseBudget(double epsilon, double delta, double partitionRho, double partitionDelta, double rho) {

    public static ReleaseBudget split(double epsilon, double delta, double partitionShare, double partitionDeltaShare,
                                      boolean partitions) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.probability("delta", delta);
        double share = partitions ? partitionShare : 0;
        double pd = partitions ? delta * partitionDeltaShare : 0;
        Accountant accountant = Accountant.standard();
        double lo = 0;
        double hi = epsilon;
        while (spent(accountant, hi, share, pd, delta) < epsilon) {
            hi *= 2;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (spent(accountant, mid, share, pd, delta) <= epsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new ReleaseBudget(epsilon, delta, lo * share, pd, lo * (1 - share));
    }

    /**
     * The largest rho of one more zCDP measurement that the standard accountant composes with {@code fixed} to at most
     * (and within 1e-12 of) {@code epsilon} at {@code delta}, by bisection.
     *
     * @throws IllegalArgumentException when {@code fixed} alone leaves nothing
     */
    public static double rhoBeside(List<PrivacyEvent> fixed, double epsilon, double delta) {
        Accountant accountant = Accountant.standard();
        java.util.function.DoubleUnaryOperator spent = rho -> {
            List<PrivacyEvent> plan = new ArrayList<>(fixed);
            plan.add(new PrivacyEvent.Zcdp(rho, "the rest"));
            return accountant.compose(plan, delta).epsilon();
        };
        double lo = 0;
        double hi = epsilon;
        if (!(spent.applyAsDouble(hi * 1e-12) < epsilon)) {
            throw new IllegalArgumentException("the fixed events " + fixed + " leave no budget under epsilon " + epsilon);
        }
        while (spent.applyAsDouble(hi) < epsilon) {
            hi *= 2;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (spent.applyAsDouble(mid) <= epsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double spent(Accountant accountant, double rho, double share, double pd, double delta) {
        List<PrivacyEvent> plan = new ArrayList<>();
        plan.add(new PrivacyEvent.Zcdp(rho * (1 - share), "all Gaussian measurements"));
        if (pd > 0) {
            plan.add(new PrivacyEvent.ApproxZcdp(rho * share, pd, "all partition selections"));
        }
        return accountant.compose(plan, delta).epsilon();
    }
}
