package org.telesynth.privacy;

import java.util.List;

/**
 * Rényi DP composition over an order grid (Mironov 2017): at each order the RDP of all events adds up. Supports
 * every event kind: subsampled Gaussian steps (Mironov, Talwar, Zhang 2019), zCDP (rho alpha), pure DP
 * (min(epsilon, alpha epsilon^2 / 2), as epsilon-DP implies both epsilon-RDP and epsilon^2/2-zCDP), and
 * approximate-DP events added on top by basic composition. Conversion: {@link RdpConversion}.
 */
public final class RdpAccountant implements Accountant {
    private final List<Double> orders;

    public RdpAccountant() {
        this(RdpConversion.ORDERS);
    }

    public RdpAccountant(List<Double> orders) {
        if (orders.isEmpty() || orders.stream().anyMatch(a -> !(a > 1))) {
            throw new IllegalArgumentException("orders must be non-empty and all > 1, got " + orders);
        }
        this.orders = List.copyOf(orders);
    }

    @Override
    public Spent compose(List<PrivacyEvent> events, double delta) {
        double approxEpsilon = 0;
        double approxDelta = 0;
        boolean curve = false;
        for (PrivacyEvent e : events) {
            if (e instanceof PrivacyEvent.ApproxDp a) {
                approxEpsilon += a.epsilon();
                approxDelta += a.delta();
            } else if (e instanceof PrivacyEvent.ApproxZcdp z) {
                // its rho joins the curve (rdp below), its delta is added on top
                approxDelta += z.delta();
                curve = true;
            } else {
                curve = true;
            }
        }
        if (!curve) {
            return new Spent(approxEpsilon, approxDelta);
        }
        double conversionDelta = delta - approxDelta;
        if (!(conversionDelta > 0)) {
            throw new IllegalArgumentException("delta " + delta + " leaves nothing for the RDP conversion after "
                    + approxDelta + " of approximate-DP events");
        }
        double epsilon = RdpConversion.epsilon(alpha -> rdp(events, alpha), conversionDelta, orders);
        return new Spent(epsilon + approxEpsilon, delta);
    }

    /** The total RDP of the events at one order (approximate-DP events excluded). */
    public static double rdp(List<PrivacyEvent> events, double alpha) {
        double total = 0;
        for (PrivacyEvent e : events) {
            if (e instanceof PrivacyEvent.PureDp p) {
                total += Math.min(p.epsilon(), alpha * p.epsilon() * p.epsilon() / 2);
            } else if (e instanceof PrivacyEvent.Zcdp z) {
                total += alpha * z.rho();
            } else if (e instanceof PrivacyEvent.ApproxZcdp z) {
                total += alpha * z.rho();
            } else if (e instanceof PrivacyEvent.SubsampledGaussian s) {
                total += s.steps() * SampledGaussianRdp.rdp(s.samplingRate(), s.noiseMultiplier(), alpha);
            }
        }
        return total;
    }

    /** Epsilon of an arbitrary RDP curve given at orders (for tests against published conversions). */
    public static double epsilonOfCurve(List<Double> orders, double[] rdp, double delta) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < orders.size(); i++) {
            best = Math.min(best, RdpConversion.epsilonAt(orders.get(i), rdp[i], delta));
        }
        return Math.max(0, best);
    }
}
