package org.telesynth.audit;

import org.junit.jupiter.api.Test;
import org.telesynth.privacy.RandomSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-run bound against the paper's own p-value routine, its closed form, and randomized response: an
 * eps-DP mechanism whose bound exceeds eps at most 1 - confidence of the time, and a deliberately broken one (more
 * accurate than its claim allows) whose bound exceeds the claim.
 */
class OneRunBoundTest {

    /**
     * Reference values from the p-value and bisection routine printed in Steinke, Nasr and Jagielski (2023), run with
     * SciPy (scripts/one-run-bound-reference.py), as (m, r, v, delta, 1 - confidence, epsilon).
     */
    private static final double[][] REFERENCE = {
            {1000, 1000, 1000, 0, 0.05, 5.809068337082863},
            {1000, 1000, 900, 0, 0.05, 2.021233230829239},
            {1000, 1000, 900, 1e-5, 0.05, 2.0206455951556563},
            {1000, 100, 95, 1e-5, 0.05, 2.165175799280405},
            {10000, 1000, 750, 1e-6, 0.05, 0.976367468945682},
            {200, 200, 200, 1e-5, 0.05, 4.188215802423656},
    };

    @Test
    void matchesThePapersRoutine() {
        for (double[] r : REFERENCE) {
            double eps = OneRunBound.epsilon((int) r[0], (int) r[1], (int) r[2], r[3], 1 - r[4]);
            // the reference bisects 30 times from an interval of width at most 8: its own error is below 1e-8
            assertEquals(r[5], eps, 1e-6, Arrays.toString(r));
        }
    }

    @Test
    void allGuessesRight_withoutDelta_isTheClosedForm() {
        // P[Binomial(r, q) >= r] = q^r < beta  <=>  q > beta^(1/r); eps = ln(q / (1 - q))
        for (int r : new int[]{50, 500, 5000}) {
            double q = Math.pow(0.05, 1.0 / r);
            assertEquals(Math.log(q / (1 - q)), OneRunBound.epsilon(r, r, r, 0, 0.95), 1e-6, "r " + r);
        }
    }

    @Test
    void halfRight_boundsNothing_andDeltaOnlyLowersTheBound() {
        assertEquals(0, OneRunBound.epsilon(1000, 1000, 500, 1e-5, 0.95));
        assertEquals(0, OneRunBound.epsilon(1000, 1000, 0, 0, 0.95));
        assertTrue(OneRunBound.epsilon(1000, 1000, 900, 1e-3, 0.95) < OneRunBound.epsilon(1000, 1000, 900, 0, 0.95));
        assertTrue(OneRunBound.epsilon(1000, 1000, 900, 0, 0.99) < OneRunBound.epsilon(1000, 1000, 900, 0, 0.95));
    }

    /** Randomized response with accuracy e^eps / (1 + e^eps) on every canary: the tight eps-DP attack. */
    private static int rightGuesses(int m, double eps, RandomSource random) {
        double q = 1 / (1 + Math.exp(-eps));
        int v = 0;
        for (int i = 0; i < m; i++) {
            v += random.nextDouble() < q ? 1 : 0;
        }
        return v;
    }

    @Test
    void anHonestMechanism_exceedsItsEpsilonAtMostOneMinusConfidenceOfTheTime_andIsNotVacuous() {
        RandomSource random = RandomSource.seeded(20231);
        int trials = 400;
        int over = 0;
        double[] bounds = new double[trials];
        for (int t = 0; t < trials; t++) {
            bounds[t] = OneRunBound.epsilon(1000, 1000, rightGuesses(1000, 1, random), 0, 0.95);
            over += bounds[t] > 1 ? 1 : 0;
        }
        // over ~ Binomial(400, p <= 0.05): mean at most 20, sd at most 4.4; 4 sd above
        assertTrue(over <= 38, over + " of 400 bounds above the true epsilon 1");
        Arrays.sort(bounds);
        // v/m has sd 0.014 around 0.731, so the typical lower bound sits near ln(0.708 / 0.292) = 0.89
        assertTrue(bounds[trials / 2] > 0.75 && bounds[trials / 2] < 1, "median bound " + bounds[trials / 2]);
    }

    @Test
    void aBrokenMechanism_moreAccurateThanItsClaim_isCaught() {
        RandomSource random = RandomSource.seeded(7);
        int caught = 0;
        for (int t = 0; t < 50; t++) {
            // it claims epsilon 1 but answers as a 3-DP randomized response: accuracy 0.953 where 1-DP allows 0.731
            caught += OneRunBound.epsilon(1000, 1000, rightGuesses(1000, 3, random), 1e-5, 0.95) > 1 ? 1 : 0;
        }
        assertEquals(50, caught);
    }
}
