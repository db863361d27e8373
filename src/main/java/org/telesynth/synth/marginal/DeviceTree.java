package org.telesynth.synth.marginal;

import org.telesynth.synth.relational.RelationalTables;

import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.AliasTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The device model: a tree-structured graphical model over discrete device attributes (MST's model class,
 * McKenna et al. 2021), its edges chosen one at a time AIM-style (McKenna et al. 2022) by the exponential mechanism.
 * Each round scores every pair that links an attribute in the tree to one outside it by
 * {@code relevance x (L1 distance between the true pair counts and the current model's, which for a new edge is
 * the product of the noisy one-way marginals) - the expected L1 of the noise the pair would be measured with};
 * the chosen pair is then measured with Gaussian noise. For a tree, the fitted graphical model is the product of
 * the root's marginal and each attribute's conditional given its parent, so sampling is ancestral: exact, O(1)
 * per attribute per device with alias tables.
 *
 * <p>Sensitivity of the score: one device moves one cell of a true pair marginal by 1, so the L1 distance by at
 * most 1 and the score by at most its relevance; the mechanism uses the largest relevance. The model's side
 * (noisy one-way marginals, the noisy device count) is already released.
 */
final class DeviceTree {
    /** One edge: parent attribute, child attribute, the noisy parent x child counts (row-major). */
    record Edge(int parent, int child, double[] counts) {
    }

    private final int[] cells;
    private final double[][] oneWay;
    private final int root;
    private final List<Edge> edges = new ArrayList<>();

    private DeviceTree(int[] cells, double[][] oneWay, int root) {
        this.cells = cells;
        this.oneWay = oneWay;
        this.root = root;
    }

    /**
     * Builds the tree.
     *
     * @param cells      cells per attribute
     * @param oneWay     noisy one-way marginals (already released)
     * @param devices    the noisy device count (released)
     * @param relevance  public workload relevance of each pair
     * @param truePair   the true pair counts of (a, b), row-major (private: only the mechanisms see them)
     * @param select     the planned selection of round i over the candidates' scores: (i, scores) -> chosen index
     *                   (the exponential mechanism; sensitivity = the largest relevance)
     * @param measure    measures the pair (a, b) with the planned Gaussian of round i: (i, {a, b}) -> noisy counts
     * @param pairSigma  the noise scale the pairs are measured with (for the score's noise term)
     */
    static DeviceTree build(int[] cells, double[][] oneWay, double devices, double[][] relevance,
                            BiFunction<Integer, Integer, long[]> truePair, BiFunction<Integer, double[], Integer> select,
                            BiFunction<Integer, int[], double[]> measure, double pairSigma) {
        int n = cells.length;
        int root = 0;
        for (int a = 1; a < n; a++) {
            if (rowSum(relevance[a]) > rowSum(relevance[root])) {
                root = a;
            }
        }
        DeviceTree tree = new DeviceTree(cells, oneWay, root);
        boolean[] inTree = new boolean[n];
        inTree[root] = true;
        double[][] p = new double[n][];
        for (int a = 0; a < n; a++) {
            p[a] = RelationalTables.normalised(oneWay[a]);
        }
        for (int round = 0; round < n - 1; round++) {
            List<int[]> candidates = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (inTree[a] && !inTree[b]) {
                        long[] t = truePair.apply(a, b);
                        double l1 = 0;
                        for (int i = 0; i < cells[a]; i++) {
                            for (int j = 0; j < cells[b]; j++) {
                                l1 += Math.abs(t[i * cells[b] + j] - devices * p[a][i] * p[b][j]);
                            }
                        }
                        double noise = Math.sqrt(2 / Math.PI) * pairSigma * cells[a] * cells[b];
                        candidates.add(new int[]{a, b});
                        scores.add(relevance[a][b] * (l1 - noise));
                    }
                }
            }
            double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
            // sensitivity: the score moves by at most the largest relevance (class comment)
            int pick = select.apply(round, s);
            int[] edge = candidates.get(pick);
            tree.edges.add(new Edge(edge[0], edge[1], measure.apply(round, edge)));
            inTree[edge[1]] = true;
        }
        return tree;
    }

    List<Edge> edges() {
        return edges;
    }

    int root() {
        return root;
    }

    /** Ancestral sampling: codes[attribute][device] for {@code n} synthetic devices. */
    int[][] sample(int n, RandomSource random) {
        int[][] codes = new int[cells.length][];
        codes[root] = draw(AliasTable.of(oneWay[root]), n, random);
        for (Edge e : edges) {
            int kp = cells[e.parent()];
            int kc = cells[e.child()];
            AliasTable fallback = AliasTable.of(oneWay[e.child()]);
            AliasTable[] given = new AliasTable[kp];
            for (int v = 0; v < kp; v++) {
                double[] row = new double[kc];
                double sum = 0;
                for (int j = 0; j < kc; j++) {
                    row[j] = Math.max(0, e.counts()[v * kc + j]);
                    sum += row[j];
                }
                // a parent value the pair barely saw: its conditional is noise, the child's own marginal is better
                given[v] = sum >= 1 ? AliasTable.of(row) : fallback;
            }
            int[] parent = codes[e.parent()];
            int[] child = new int[n];
            for (int d = 0; d < n; d++) {
                child[d] = given[parent[d]].draw(random);
            }
            codes[e.child()] = child;
        }
        return codes;
    }

    private static int[] draw(AliasTable t, int n, RandomSource random) {
        int[] out = new int[n];
        for (int d = 0; d < n; d++) {
            out[d] = t.draw(random);
        }
        return out;
    }

    private static double rowSum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
