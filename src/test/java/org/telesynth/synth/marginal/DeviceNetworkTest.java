package org.telesynth.synth.marginal;

import org.junit.jupiter.api.Test;
import org.telesynth.privacy.RandomSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device network on a planted fleet: attribute 2 (a "battery") occurs only where attribute 0 is 2 (a
 * "notebook") and attribute 1 is 1, a three-way rule no pair tree can hold. With an argmax selection and noisy
 * tables (sigma 5, seeded), the network must pick both parents, keep the structural zeros exactly, and keep
 * the rate where the rule allows it within sampling error.
 */
class DeviceNetworkTest {
    private static final int N = 60_000;

    @Test
    void twoParents_holdAThreeWayRule_andItsStructuralZeros() {
        Random r = new Random(5);
        int[][] real = new int[3][N];
        for (int d = 0; d < N; d++) {
            real[0][d] = r.nextInt(3);
            real[1][d] = r.nextInt(2);
            real[2][d] = real[0][d] == 2 && real[1][d] == 1 && r.nextDouble() < 0.6 ? 1 : 0;
        }
        int[] cells = {3, 2, 2};
        double sigma = 5;
        Random noise = new Random(9);
        double[][] oneWay = new double[3][];
        for (int a = 0; a < 3; a++) {
            oneWay[a] = noisy(counts(real[a], cells[a]), sigma, noise);
        }
        DeviceNetwork net = DeviceNetwork.build(cells, oneWay, real, new boolean[3], 2048, sigma,
                (c, second, scores) -> argmax(scores), (c, truth) -> noisy(truth, sigma, noise));
        DeviceNetwork.Node battery = net.nodes().get(2);
        int[] parents = battery.parents().clone();
        java.util.Arrays.sort(parents);
        assertArrayEquals(new int[]{0, 1}, parents, "both parents of the three-way rule");

        int[][] synth = net.sample(N, new int[]{-1, -1, -1}, RandomSource.seeded(3));
        int allowed = 0;
        int withBattery = 0;
        for (int d = 0; d < N; d++) {
            boolean rule = synth[0][d] == 2 && synth[1][d] == 1;
            if (!rule) {
                assertEquals(0, synth[2][d], "a structural zero: battery outside the rule at device " + d);
            } else {
                allowed++;
                withBattery += synth[2][d];
            }
        }
        double rate = withBattery / (double) allowed;
        // binomial sampling error on ~10 k allowed devices (sd 0.005) plus the noise on the ~6 k counts (sigma 5)
        assertEquals(0.6, rate, 0.03, "rate inside the rule");
    }

    @Test
    void noParentIsChosen_whenTheAttributeIsIndependent() {
        Random r = new Random(6);
        int[][] real = new int[2][N];
        for (int d = 0; d < N; d++) {
            real[0][d] = r.nextInt(4);
            real[1][d] = r.nextInt(3);
        }
        int[] cells = {4, 3};
        double sigma = 200;
        Random noise = new Random(2);
        double[][] oneWay = {noisy(counts(real[0], 4), sigma, noise), noisy(counts(real[1], 3), sigma, noise)};
        DeviceNetwork net = DeviceNetwork.build(cells, oneWay, real, new boolean[2], 2048, sigma,
                (c, second, scores) -> argmax(scores), (c, truth) -> noisy(truth, sigma, noise));
        // independent: the gain is sampling noise (about 0.8 x 58 per cell, 550 in all), below the 4 x 3 table's noise cost (0.4 x 200 x 12 = 960) less none's (240)
        assertEquals(0, net.nodes().get(1).parents().length);
    }

    private static int argmax(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        return best;
    }

    private static long[] counts(int[] codes, int cells) {
        long[] out = new long[cells];
        for (int v : codes) {
            out[v]++;
        }
        return out;
    }

    private static double[] noisy(long[] truth, double sigma, Random noise) {
        double[] out = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            out[i] = truth[i] + sigma * noise.nextGaussian();
        }
        return out;
    }
}
