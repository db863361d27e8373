package org.telesynth.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The discrete Laplace counts: pure epsilon-DP event, the theoretical variance, the privacy ratio, spent once. */
class LaplaceCountsTest {
    private static final int N = 200_000;

    @Test
    void event_isPureDpAtTheGivenEpsilon_scaleIsL1OverEpsilon() {
        LaplaceCounts m = new LaplaceCounts(2, 1, RandomSource.seeded(1), "cells");
        assertEquals(new PrivacyEvent.PureDp(2, "cells"), m.event());
        assertEquals(0.5, m.scale(), 0);
        assertEquals(1.5, new LaplaceCounts(2, 3, RandomSource.seeded(1), "x").scale(), 0);
    }

    @Test
    void noise_hasTheDiscreteLaplaceVariance_withinFiveStandardErrors() {
        LaplaceCounts m = new LaplaceCounts(1, 1, RandomSource.seeded(7), "cells");
        long[] noisy = m.release(new long[N]);
        double sum = 0;
        double sq = 0;
        for (long x : noisy) {
            sum += x;
            sq += (double) x * x;
        }
        double var = m.variance(); // 2 e^-1 / (1 - e^-1)^2 = 1.8409 at b = 1
        assertEquals(2 * Math.exp(-1) / Math.pow(1 - Math.exp(-1), 2), var, 1e-12);
        // the sample mean's standard error is sqrt(var / N); the sample second moment's is sqrt((mu4 - var^2) / N), with
        // mu4 <= 6 var^2 + var (the discrete Laplace's fourth moment, at most the continuous one's 6 var^2 plus its lattice term)
        assertEquals(0, sum / N, 5 * Math.sqrt(var / N));
        assertEquals(var, sq / N, 5 * Math.sqrt((5 * var * var + var) / N));
    }

    @Test
    void neighbouringCounts_probabilityRatioIsAtMostEToTheEpsilon() {
        // P(noisy = k | true 0) / P(noisy = k | true 1) = exp(epsilon (|k - 1| - |k|)) <= e^epsilon: estimated at k = 0
        // and k = 1 from N draws each, within five standard errors of the counts' Poisson noise
        double epsilon = 0.5;
        long[] a = new LaplaceCounts(epsilon, 1, RandomSource.seeded(3), "a").release(new long[N]);
        long[] b = new LaplaceCounts(epsilon, 1, RandomSource.seeded(4), "b").release(filled(1));
        for (int k = 0; k <= 1; k++) {
            double pa = share(a, k);
            double pb = share(b, k);
            double expected = Math.exp(epsilon * (Math.abs(k - 1) - Math.abs(k)));
            double se = expected * Math.sqrt(1 / (pa * N) + 1 / (pb * N));
            assertEquals(expected, pa / pb, 5 * se, "k = " + k);
            assertTrue(pa / pb <= Math.exp(epsilon) + 5 * se);
        }
    }

    @Test
    void release_twice_isRefused() {
        LaplaceCounts m = new LaplaceCounts(1, 1, RandomSource.seeded(1), "cells");
        m.release(new long[3]);
        assertThrows(IllegalStateException.class, () -> m.release(new long[3]));
    }

    private static long[] filled(long v) {
        long[] out = new long[N];
        java.util.Arrays.fill(out, v);
        return out;
    }

    private static double share(long[] v, long k) {
        long n = 0;
        for (long x : v) {
            n += x == k ? 1 : 0;
        }
        return (double) n / v.length;
    }
}
