package org.telesynth.privacy;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Neighbouring-dataset tests and an empirical privacy audit of the count mechanism (STYLE.md 13). Neighbours
 * differ by all rows of one device. The audit runs the mechanism many times on both datasets, takes the event
 * "output >= threshold", and turns Clopper–Pearson bounds on its two probabilities (each at confidence
 * 1 - 1e-6, so a false failure has probability about 2e-6) into a lower bound on epsilon. The honest mechanism's
 * bound must stay below its claim; a deliberately under-noised one must be caught, so the audit can fail.
 */
class PrivacyAuditTest {
    private static final double ALPHA = 1e-6;
    private static final int TRIALS = 100_000;

    /** A table of (device, row) pairs: device d has rows[d] rows. */
    private static List<String> rows(int devices, int heavyDeviceRows) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            int n = d == 0 ? heavyDeviceRows : 1 + d % 3;
            for (int r = 0; r < n; r++) {
                out.add("device-" + d);
            }
        }
        return out;
    }

    /** The query with contribution bounding: distinct devices, so one device moves it by at most 1. */
    private static long deviceCount(List<String> rows) {
        return rows.stream().distinct().count();
    }

    @Test
    void deviceCount_neighboursDifferByAllRowsOfOneDevice_sensitivityOne() {
        List<String> d = rows(100, 500);
        List<String> neighbour = new ArrayList<>(d);
        neighbour.removeIf(r -> r.equals("device-0"));
        assertEquals(1, deviceCount(d) - deviceCount(neighbour));
        // a per-row count would move by 500: that is the query the mechanism must never be given
        assertEquals(500, d.size() - neighbour.size());
    }

    @Test
    void audit_honestDiscreteLaplaceCount_lowerBoundStaysBelowClaim() {
        double claimed = 1.0;
        double bound = auditLowerBound(seed -> discreteLaplace(claimed, seed));
        assertTrue(bound <= claimed, "empirical epsilon lower bound " + bound + " exceeds the claim " + claimed);
        assertTrue(bound > 0.8, "the audit is sharp enough to see most of the budget: " + bound);
    }

    @Test
    void audit_underNoisedMechanism_isCaught() {
        double claimed = 1.0;
        // broken: half the noise scale the claim needs (it is really 2-DP)
        double bound = auditLowerBound(seed -> discreteLaplace(2 * claimed, seed));
        assertTrue(bound > claimed, "the audit must reject the broken mechanism, bound " + bound);
    }

    @Test
    void audit_gaussianCountAtItsConvertedEpsilon() {
        // rho 0.5 at delta 1e-6 converts to epsilon about 4.9; at this sample size the audit can only certify a
        // small part of it, but it must never exceed it
        double rho = 0.5;
        double epsilon = new ZcdpAccountant().compose(List.of(new PrivacyEvent.Zcdp(rho, "g")), 1e-6).epsilon();
        double bound = auditLowerBound(seed -> new GaussianCounts(rho, 1, RandomSource.seeded(seed), "count"));
        assertTrue(bound <= epsilon, "bound " + bound + " vs epsilon " + epsilon);
    }

    /**
     * The discrete Laplace count of the mechanism study's discrete arm (exact sampler, scale Δ1 / epsilon with
     * Δ1 = 1): epsilon-DP.
     */
    private static CountMechanism discreteLaplace(double epsilon, long seed) {
        ExactSampler sampler = new ExactSampler(RandomSource.seeded(seed));
        return new CountMechanism() {
            @Override
            public PrivacyEvent event() {
                return new PrivacyEvent.PureDp(epsilon, "count");
            }

            @Override
            public double variance() {
                double p = Math.exp(-epsilon);
                return 2 * p / ((1 - p) * (1 - p));
            }

            @Override
            public long[] release(long[] values) {
                return new long[]{values[0] + sampler.discreteLaplace(1 / epsilon)};
            }
        };
    }

    /** max over thresholds of the Clopper–Pearson lower bound on ln(P[M(D) >= t] / P[M(D') >= t]). */
    private static double auditLowerBound(Function<Long, CountMechanism> mechanism) {
        long countD = deviceCount(rows(101, 50));
        List<String> neighbour = new ArrayList<>(rows(101, 50));
        neighbour.removeIf(r -> r.equals("device-0"));
        long countNeighbour = deviceCount(neighbour);
        long[] outD = new long[TRIALS];
        long[] outN = new long[TRIALS];
        for (int i = 0; i < TRIALS; i++) {
            outD[i] = mechanism.apply(1_000_000L + i).release(new long[]{countD})[0];
            outN[i] = mechanism.apply(2_000_000L + i).release(new long[]{countNeighbour})[0];
        }
        double best = Double.NEGATIVE_INFINITY;
        for (long t = countNeighbour - 3; t <= countD + 3; t++) {
            long kD = count(outD, t);
            long kN = count(outN, t);
            best = Math.max(best, Math.log(lower(kD, TRIALS) / upper(kN, TRIALS)));
            best = Math.max(best, Math.log(lower(TRIALS - kN, TRIALS) / upper(TRIALS - kD, TRIALS)));
        }
        return best;
    }

    private static long count(long[] out, long threshold) {
        long k = 0;
        for (long v : out) {
            k += v >= threshold ? 1 : 0;
        }
        return k;
    }

    /** Clopper–Pearson lower bound at confidence 1 - ALPHA. */
    private static double lower(long k, long n) {
        return k == 0 ? 0 : new BetaDistribution(k, n - k + 1).inverseCumulativeProbability(ALPHA);
    }

    private static double upper(long k, long n) {
        return k == n ? 1 : new BetaDistribution(k + 1, n - k).inverseCumulativeProbability(1 - ALPHA);
    }
}
