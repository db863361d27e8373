package org.telesynth.synth.marginal;

import org.junit.jupiter.api.Test;
import org.telesynth.engine.DuckEngine;
import org.telesynth.io.Duck;
import org.telesynth.privacy.RandomSource;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
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
        DeviceNetwork net = DeviceNetwork.build(cells, oneWay, new CodeArrays(real, cells), new boolean[3], 2048, sigma,
                (a, second, scores) -> argmax(scores), (a, truth) -> noisy(truth, sigma, noise));
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
        DeviceNetwork net = DeviceNetwork.build(cells, oneWay, new CodeArrays(real, cells), new boolean[2], 2048, sigma,
                (a, second, scores) -> argmax(scores), (a, truth) -> noisy(truth, sigma, noise));
        // independent: the gain is sampling noise (about 0.8 x 58 per cell, 550 in all), below the 4 x 3 table's noise cost (0.4 x 200 x 12 = 960) less none's (240)
        assertEquals(0, net.nodes().get(1).parents().length);
    }

    /**
     * The engine's contingency counts and the driver's arrays both equal counting the devices one by one: for no
     * parent, one and two (in either order), with and without presentOnly (a device whose child code is 0 counted
     * nowhere), over 70 attributes: some 2,500 tables, so that the engine counts them in several scans.
     */
    @Test
    void contingencyCounts_onTheEngineAndOnTheDriver_areTheDevicesCounted() throws Exception {
        Random r = new Random(11);
        int n = 2_000;
        int na = 70;
        int[] cells = new int[na];
        int[][] real = new int[na][n];
        for (int a = 0; a < na; a++) {
            cells[a] = 2 + a % 4;
            for (int d = 0; d < n; d++) {
                // skewed, with empty cells possible in the joint tables
                real[a][d] = Math.min(cells[a] - 1, (int) Math.floor(-Math.log(1 - r.nextDouble()) * 1.2));
            }
        }
        List<DeviceNetwork.Step> steps = new ArrayList<>();
        for (int c = 1; c < na; c++) {
            List<int[]> candidates = new ArrayList<>(List.of(new int[0]));
            for (int a = 0; a < c; a++) {
                candidates.add(new int[]{a});
            }
            candidates.add(new int[]{c - 1, 0});
            candidates.add(new int[]{0, c - 1});
            steps.add(new DeviceNetwork.Step(c, c % 3 == 0, candidates));
        }
        try (Connection c = Duck.open(1, null, null)) {
            List<List<long[]>> engine = onEngine(c, real, cells).tables(steps);
            List<List<long[]>> driver = new CodeArrays(real, cells).tables(steps);
            for (int s = 0; s < steps.size(); s++) {
                DeviceNetwork.Step step = steps.get(s);
                for (int i = 0; i < step.candidates().size(); i++) {
                    long[] expected = counted(real, cells, step.candidates().get(i), step.child(), step.presentOnly());
                    String what = "child " + step.child() + ", candidate " + java.util.Arrays.toString(step.candidates().get(i));
                    assertArrayEquals(expected, engine.get(s).get(i), "engine: " + what);
                    assertArrayEquals(expected, driver.get(s).get(i), "driver: " + what);
                }
            }
        }
    }

    /** The reference: the devices counted one by one over parents x child, row-major, the child fastest. */
    private static long[] counted(int[][] real, int[] cells, int[] parents, int child, boolean presentOnly) {
        int size = cells[child];
        for (int p : parents) {
            size *= cells[p];
        }
        long[] t = new long[size];
        for (int d = 0; d < real[child].length; d++) {
            if (presentOnly && real[child][d] == 0) {
                continue;
            }
            int cell = 0;
            for (int p : parents) {
                cell = cell * cells[p] + real[p][d];
            }
            t[cell * cells[child] + real[child][d]]++;
        }
        return t;
    }

    /** The codes as a device_profile on DuckDB (one column per attribute) and the engine's codes table over it. */
    private static DeviceCodes onEngine(Connection c, int[][] real, int[] cells) {
        StringBuilder sql = new StringBuilder("CREATE TABLE device_profile AS SELECT ");
        List<String> codeSql = new ArrayList<>();
        for (int a = 0; a < real.length; a++) {
            sql.append(a == 0 ? "" : ", ").append("unnest(").append(java.util.Arrays.toString(real[a])).append(") AS c").append(a);
            codeSql.add("c" + a);
        }
        Duck.exec(c, sql.toString());
        return DeviceCodes.create(DuckEngine.over(c), codeSql, cells);
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
