package org.telesynth.privacy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accountants against published reference values; the source of each number is cited beside it. */
class AccountantReferenceTest {

    private static double dpSgdEpsilon(double sigma, double q, int steps, double delta) {
        return new RdpAccountant().compose(List.of(new PrivacyEvent.SubsampledGaussian(q, sigma, steps, "dp-sgd")), delta).epsilon();
    }

    @Test
    void rdp_opacusReference_sigma1point5_q0point04_2250steps() {
        // Opacus, opacus/tests/accountants_test.py (RDP accountant): sigma 1.5, q 0.04, 2250 steps, delta 1e-5 -> 7.32911117
        assertEquals(7.32911117, dpSgdEpsilon(1.5, 0.04, 2250, 1e-5), 1e-6);
    }

    @Test
    void rdp_tensorflowPrivacyReference_sigma1point3_q0point0025_6000steps() {
        // TensorFlow Privacy, compute_dp_sgd_privacy_test: N 60000, batch 150 (q 0.0025), sigma 1.3, 15 epochs
        // (6000 steps), delta 1e-5 -> 0.7242234
        assertEquals(0.7242234, dpSgdEpsilon(1.3, 0.0025, 6000, 1e-5), 1e-6);
    }

    @Test
    void rdp_tensorflowPrivacyReference_sigma1_q0point001_30000steps() {
        // TensorFlow Privacy, compute_dp_sgd_privacy_test: q 0.001, sigma 1.0, 30000 steps, delta 1e-7 -> 1.4154988
        assertEquals(1.4154988, dpSgdEpsilon(1.0, 0.001, 30000, 1e-7), 1e-6);
    }

    @Test
    void rdp_googleDpAccountingReference_q0point01_sigma2point5_50steps() {
        // Google dp_accounting, rdp_privacy_accountant_test (test_compute_rdp_sequence): q 0.01, sigma 2.5, 50 steps
        // (dp_accounting bounds fractional orders by adding every series term with |C(alpha, i)|)
        double[] orders = {1.5, 2.5, 5, 50, 100};
        double[] expected = {6.70579741e-4, 1.08548710e-3, 2.18075656e-3, 2.38460375e-2, 167.416308};
        for (int i = 0; i < orders.length; i++) {
            double rdp = 50 * SampledGaussianRdp.rdpUpperBound(0.01, 2.5, orders[i]);
            assertEquals(expected[i], rdp, 1e-4 * expected[i], "order " + orders[i]);
            assertTrue(50 * SampledGaussianRdp.rdp(0.01, 2.5, orders[i]) <= rdp * (1 + 1e-12), "exact <= bound");
        }
    }

    @Test
    void rdp_fractionalOrder_exactSeriesEqualsNumericalIntegration() {
        // A_alpha = E_{x ~ N(0, s^2)}[((1 - q) + q exp((2x - 1) / (2 s^2)))^alpha], integrated by the trapezoid rule
        double q = 0.01;
        double s = 2.5;
        for (double alpha : new double[]{1.5, 2.5, 3.7}) {
            double h = 1e-3;
            double sum = 0;
            for (double x = -40 * s; x <= 40 * s; x += h) {
                double density = Math.exp(-x * x / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));
                sum += h * density * Math.pow((1 - q) + q * Math.exp((2 * x - 1) / (2 * s * s)), alpha);
            }
            double integrated = Math.log(sum) / (alpha - 1);
            assertEquals(integrated, SampledGaussianRdp.rdp(q, s, alpha), 1e-6 * integrated, "order " + alpha);
        }
    }

    @Test
    void conversion_googleDpAccountingReference_constantRdp1point1() {
        // Google dp_accounting, rdp_privacy_accountant_test (test_compute_epsilon_delta_pure_dp style):
        // RDP 1.1 at integer orders 2..32, delta 1e-5 -> epsilon 1.32783806
        List<Double> orders = new ArrayList<>();
        for (int a = 2; a <= 32; a++) {
            orders.add((double) a);
        }
        double[] rdp = new double[orders.size()];
        java.util.Arrays.fill(rdp, 1.1);
        assertEquals(1.32783806, RdpAccountant.epsilonOfCurve(orders, rdp, 1e-5), 1e-6);
    }

    @Test
    void noiseCalibration_opacusReference_epsilon8() {
        // Opacus, opacus/tests/accountants_test.py (get_noise_multiplier): epsilon 8, delta 1e-5, q 0.04, 2250 steps
        // -> sigma 1.425307617. Opacus stops its bisection early, above the smallest sigma (our accountant gives
        // epsilon 7.92 at 1.4253); we find the smallest sigma spending at most 8, which must agree to 2 decimals.
        double sigma = NoiseCalibration.dpSgdNoiseMultiplier(8, 1e-5, 0.04, 2250);
        assertEquals(1.4253, sigma, 0.01);
        assertTrue(sigma <= 1.425307617, "never more noise than Opacus's answer");
        assertTrue(dpSgdEpsilon(sigma, 0.04, 2250, 1e-5) <= 8, "the sigma found spends at most the target");
        assertTrue(dpSgdEpsilon(sigma * 0.999, 0.04, 2250, 1e-5) > 8, "and is the smallest such sigma (to 0.1 %)");
    }

    @Test
    void zcdp_gaussianMechanism_matchesRdpAccountantAndInverts() {
        // rho-zCDP is the RDP curve rho * alpha, so both accountants agree up to the order grid (the zCDP one
        // optimises over continuous orders, so it can only be tighter)
        List<PrivacyEvent> plan = List.of(new PrivacyEvent.Zcdp(0.1, "a"), new PrivacyEvent.Zcdp(0.05, "b"));
        double zcdp = new ZcdpAccountant().compose(plan, 1e-6).epsilon();
        double rdp = new RdpAccountant().compose(plan, 1e-6).epsilon();
        assertTrue(zcdp <= rdp + 1e-12 && rdp - zcdp < 0.01, zcdp + " vs " + rdp);
        // the classical bound rho + 2 sqrt(rho log(1/delta)) is looser
        assertTrue(zcdp < 0.15 + 2 * Math.sqrt(0.15 * Math.log(1e6)));
        double rho = ZcdpAccountant.rhoFor(4, 1e-5);
        assertEquals(4, new ZcdpAccountant().compose(List.of(new PrivacyEvent.Zcdp(rho, "all")), 1e-5).epsilon(), 1e-9);
    }

    @Test
    void pureDp_addsUp_andRefusesGaussianEvents() {
        Spent s = new PureDpAccountant().compose(List.of(new PrivacyEvent.PureDp(0.5, "a"), new PrivacyEvent.PureDp(1.25, "b")), 0);
        assertEquals(1.75, s.epsilon(), 1e-15);
        assertEquals(0, s.delta());
        assertThrows(UnsupportedEventException.class,
                () -> new PureDpAccountant().compose(List.of(new PrivacyEvent.Zcdp(0.1, "g")), 1e-6));
        assertThrows(UnsupportedEventException.class,
                () -> new ZcdpAccountant().compose(List.of(new PrivacyEvent.SubsampledGaussian(0.1, 1, 10, "s")), 1e-6));
    }

    @Test
    void approxDpEvents_addOnTopOfTheConversion() {
        List<PrivacyEvent> plan = List.of(new PrivacyEvent.Zcdp(0.1, "g"), new PrivacyEvent.ApproxDp(0.2, 1e-7, "partitions"));
        Spent s = new RdpAccountant().compose(plan, 1e-6);
        double gaussianOnly = new RdpAccountant().compose(List.of(new PrivacyEvent.Zcdp(0.1, "g")), 1e-6 - 1e-7).epsilon();
        assertEquals(gaussianOnly + 0.2, s.epsilon(), 1e-12);
        assertEquals(1e-6, s.delta());
    }

    @Test
    void approxZcdpEvents_joinTheRhoAndAddTheirDelta() {
        // Bun-Steinke 2016, 8.2: delta'-approximate rho-zCDP composed with rho2-zCDP is delta'-approximate
        // (rho + rho2)-zCDP, which converts to (epsilon(rho + rho2, delta - delta'), delta)
        List<PrivacyEvent> plan = List.of(new PrivacyEvent.Zcdp(0.1, "g"), new PrivacyEvent.ApproxZcdp(0.05, 2e-7, "partitions"));
        for (Accountant a : List.of(new RdpAccountant(), new ZcdpAccountant())) {
            Spent s = a.compose(plan, 1e-6);
            double merged = a.compose(List.of(new PrivacyEvent.Zcdp(0.15, "all")), 1e-6 - 2e-7).epsilon();
            assertEquals(merged, s.epsilon(), 1e-12, a.getClass().getSimpleName());
            assertEquals(1e-6, s.delta());
        }
        // a delta that leaves nothing for the conversion is refused, not silently overspent
        assertThrows(IllegalArgumentException.class,
                () -> new ZcdpAccountant().compose(List.of(new PrivacyEvent.ApproxZcdp(0.05, 1e-6, "p")), 1e-6));
        assertThrows(UnsupportedEventException.class,
                () -> new PureDpAccountant().compose(List.of(new PrivacyEvent.ApproxZcdp(0.05, 1e-7, "p")), 1e-6));
    }
}
