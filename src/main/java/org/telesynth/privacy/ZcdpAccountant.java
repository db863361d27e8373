package org.telesynth.privacy;

import java.util.List;

/**
 * zCDP composition (Bun and Steinke 2016): the rhos add up; a pure epsilon-DP event counts as epsilon^2 / 2. The
 * total rho is converted to (epsilon, delta) with the tight conversion of Canonne, Kamath and Steinke 2020
 * (Proposition 12 / Corollary 13, optimised over the order), and approximate-DP events are added on top by basic
 * composition. A delta-approximate zCDP event adds its rho to the total and its delta to the deltas on top. Subsampled Gaussian events are not supported (use {@link RdpAccountant}).
 */
public final class ZcdpAccountant implements Accountant {
    @Override
    public Spent compose(List<PrivacyEvent> events, double delta) {
        double rho = 0;
        double pureSum = 0;
        boolean onlyPure = true;
        double approxEpsilon = 0;
        double approxDelta = 0;
        for (PrivacyEvent e : events) {
            if (e instanceof PrivacyEvent.PureDp p) {
                rho += p.epsilon() * p.epsilon() / 2;
                pureSum += p.epsilon();
            } else if (e instanceof PrivacyEvent.Zcdp z) {
                rho += z.rho();
                onlyPure = false;
            } else if (e instanceof PrivacyEvent.ApproxZcdp z) {
                // delta-approximate zCDP: the rho joins the curve, the delta is added on top (Bun and Steinke 2016, 8.2)
                rho += z.rho();
                approxDelta += z.delta();
                onlyPure = false;
            } else if (e instanceof PrivacyEvent.ApproxDp a) {
                approxEpsilon += a.epsilon();
                approxDelta += a.delta();
            } else {
                throw new UnsupportedEventException("the zCDP accountant", e);
            }
        }
        if (rho == 0) {
            return new Spent(approxEpsilon, approxDelta);
        }
        double conversionDelta = delta - approxDelta;
        if (!(conversionDelta > 0)) {
            throw new IllegalArgumentException("delta " + delta + " leaves nothing for the zCDP conversion after "
                    + approxDelta + " of approximate-DP events");
        }
        double epsilon = RdpConversion.zcdpEpsilon(rho, conversionDelta);
        if (onlyPure) {
            epsilon = Math.min(epsilon, pureSum);
        }
        return new Spent(epsilon + approxEpsilon, delta);
    }

    /** The rho that converts to exactly (epsilon, delta): the inverse of the conversion, by bisection. */
    public static double rhoFor(double epsilon, double delta) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.probability("delta", delta);
        double lo = 0;
        double hi = epsilon;
        while (RdpConversion.zcdpEpsilon(hi, delta) < epsilon) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (RdpConversion.zcdpEpsilon(mid, delta) <= epsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
