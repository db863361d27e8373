package org.telesynth.synth.marginal;

import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.AliasTable;
import org.telesynth.synth.relational.RelationalTables;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The device model: a Bayesian network over discrete device attributes in which each attribute has up to two
 * parents among the attributes before it (PrivBayes' model class, Zhang et al. 2017), so an attribute can depend on
 * two others at once (battery presence on chassis and CPU) and a three-way table carries structural zeros. Each
 * attribute's parents are chosen by the exponential mechanism over every candidate, in two steps: the first parent
 * among all earlier attributes (or none), then the second among all the others (or none; after no first parent,
 * a second chance at one); the chosen marginal
 * (parents x attribute) is then measured with Gaussian noise.
 *
 * <p>A candidate parent set P of attribute c scores {@code gain - noise}: gain = the L1 distance between the true
 * counts T(P, c) and T(P) x p(c), the counts with c independent of P (p = c's released one-way marginal); noise =
 * the expected L1 error of measuring the P x c table, sqrt(2/pi) sigma cells. Candidates over
 * {@code maxCells} cells are not offered (a public rule on domain sizes). A summary of a child table (a level, a
 * top category) is 0 exactly when the device has no rows there, which sampling keeps by construction, so its
 * tables count only the devices with rows: the parents are chosen for how the summary varies, not for presence.
 *
 * <p>Sensitivity of the score: one device moves one cell of T(P, c) by 1 and one entry of T(P) by 1, which moves
 * T(P) x p(c) by sum p(c) = 1 in L1; so the gain moves by at most 2. The noise term and p are public or released.
 * Measuring the chosen table: the device sits in one cell, sensitivity 1.
 *
 * <p>Sampling is ancestral in attribute order, each row of a noisy table zeroed below three sigma (so a cell that
 * is empty in the data, such as desktops with battery events, stays empty) and smoothed over its nonzero cells
 * towards the conditional given fewer parents with sigma pseudo-counts; a row the noise left empty falls back.
 */
final class DeviceNetwork {
    /** The planned selection of attribute i's parent ({@code second} false: the first, true: the second). */
    @FunctionalInterface
    interface Select {
        int pick(int attribute, boolean second, double[] scores);
    }

    /**
     * The true counts the selections and tables are computed from (private: only the mechanisms see them): for each
     * step, for each of its candidate parent sets, the devices over parents x child, row-major (the child fastest,
     * then the last parent); with {@code presentOnly}, only the devices whose child code is above 0, i.e. the cells
     * of child code 0 are empty. All steps of a phase come at once, so that an engine counts them in few scans:
     * {@link DeviceCodes} on the measurement engine, {@link CodeArrays} on the driver.
     */
    @FunctionalInterface
    interface Contingency {
        List<List<long[]>> tables(List<Step> steps);
    }

    /** One selection step of one attribute: its candidate parent sets. */
    record Step(int child, boolean presentOnly, List<int[]> candidates) {
        /** The cells of a candidate's table (public: domain sizes). */
        int size(int[] cells, int candidate) {
            long size = cells[child];
            for (int p : candidates.get(candidate)) {
                size *= cells[p];
            }
            return Math.toIntExact(size);
        }
    }

    /** The planned measurement of attribute i's table over its parents: the true counts in, the noisy ones out. */
    @FunctionalInterface
    interface Measure {
        double[] measure(int attribute, long[] truth);
    }

    /**
     * One attribute's place in the network.
     *
     * @param parents the parent attributes (0, 1 or 2)
     * @param counts  the noisy counts over parents x attribute, row-major (the attribute fastest)
     */
    record Node(int attribute, int[] parents, double[] counts) {
    }

    private final int[] cells;
    private final double[][] oneWay;
    private final double sigma;
    private final List<Node> nodes = new ArrayList<>();
    /** Per attribute: whether its tables count only the devices with rows (code above 0), the rest being implied. */
    private boolean[] presentOnly;

    private DeviceNetwork(int[] cells, double[][] oneWay, double sigma) {
        this.cells = cells;
        this.oneWay = oneWay;
        this.sigma = sigma;
    }

    /**
     * Builds the network.
     *
     * @param cells    cells per attribute
     * @param oneWay   the attributes' noisy one-way marginals (released)
     * @param real     the real devices' contingency counts (private: only the mechanisms see them)
     * @param maxCells the most cells one table may have
     * @param sigma    the noise scale the tables are measured with
     */
    static DeviceNetwork build(int[] cells, double[][] oneWay, Contingency real, boolean[] presentOnly, int maxCells, double sigma,
                               Select select, Measure measure) {
        DeviceNetwork net = new DeviceNetwork(cells, oneWay, sigma);
        net.presentOnly = presentOnly;
        int n = cells.length;
        net.nodes.add(new Node(0, new int[0], oneWay[0]));
        if (n == 1) {
            return net;
        }
        double[][] p = new double[n][];
        List<Step> firstSteps = new ArrayList<>();
        for (int c = 1; c < n; c++) {
            p[c] = oneWay[c].clone();
            if (presentOnly[c]) {
                p[c][0] = 0; // the devices without rows are left out of the tables (their code is implied)
            }
            p[c] = RelationalTables.normalised(p[c]);
            List<int[]> first = new ArrayList<>();
            first.add(new int[0]);
            for (int a = 0; a < c; a++) {
                if ((long) cells[a] * cells[c] <= maxCells) {
                    first.add(new int[]{a});
                }
            }
            firstSteps.add(new Step(c, presentOnly[c], first));
        }
        // every attribute's first step at once: its candidates depend on public domain sizes only
        List<List<long[]>> firstTables = real.tables(firstSteps);
        int[][] firstParents = new int[n][];
        List<Step> secondSteps = new ArrayList<>();
        for (int c = 1; c < n; c++) {
            // sensitivity: each score moves by at most 2 (class comment)
            int pick = select.pick(c, false, net.scores(firstTables.get(c - 1), c, p[c]));
            int[] parents = firstSteps.get(c - 1).candidates().get(pick);
            firstParents[c] = parents;
            // the second step: a second parent beside the first, or (no first parent chosen) a second chance at one
            // among the first step's candidates, whose tables are already counted
            if (parents.length == 1) {
                List<int[]> second = new ArrayList<>();
                second.add(parents);
                for (int b = 0; b < c; b++) {
                    if (b != parents[0] && (long) cells[parents[0]] * cells[b] * cells[c] <= maxCells) {
                        second.add(new int[]{parents[0], b});
                    }
                }
                secondSteps.add(new Step(c, presentOnly[c], second));
            }
        }
        List<List<long[]>> secondTables = real.tables(secondSteps);
        for (int c = 1, s = 0; c < n; c++) {
            Step step = firstParents[c].length == 0 ? firstSteps.get(c - 1) : secondSteps.get(s);
            List<long[]> tables = firstParents[c].length == 0 ? firstTables.get(c - 1) : secondTables.get(s++);
            // sensitivity: each score moves by at most 2 (class comment)
            int chosen = select.pick(c, true, net.scores(tables, c, p[c]));
            // sensitivity: the device sits in one cell of the table, L2 = 1
            net.nodes.add(new Node(c, step.candidates().get(chosen), measure.measure(c, tables.get(chosen))));
        }
        return net;
    }

    private double[] scores(List<long[]> tables, int child, double[] p) {
        return IntStream.range(0, tables.size()).mapToDouble(i -> {
            long[] t = tables.get(i);
            int kc = cells[child];
            int rows = t.length / kc;
            double gain = 0;
            for (int r = 0; r < rows; r++) {
                long sum = 0;
                for (int j = 0; j < kc; j++) {
                    sum += t[r * kc + j];
                }
                for (int j = 0; j < kc; j++) {
                    gain += Math.abs(t[r * kc + j] - sum * p[j]);
                }
            }
            // half the raw noise L1: cells below three sigma are zeroed and the rest smoothed, so the sampled
            // table errs less than its raw noise
            return gain - 0.5 * Math.sqrt(2 / Math.PI) * sigma * t.length;
        }).toArray();
    }

    List<Node> nodes() {
        return nodes;
    }

    /**
     * Ancestral sampling: codes[attribute][device] for {@code n} synthetic devices. {@code presenceOf[c]} names the
     * attribute whose code 0 means "no rows" for attribute c (its table's rows bucket), or -1: such an attribute
     * is 0 exactly when that one is, as in the data (post-processing).
     */
    int[][] sample(int n, int[] presenceOf, RandomSource random) {
        int[][] codes = new int[cells.length][];
        for (Node node : nodes) {
            int c = node.attribute();
            int kc = cells[c];
            double[] base = RelationalTables.normalised(oneWay[c]);
            int[] ps = node.parents();
            int groups = node.counts().length / kc;
            double[] zeroed = zeroedByRow(node.counts(), kc, presentOnly[c]);
            // the conditionals given each parent alone (summing out the other), combined as p(c|a) p(c|b) / p(c):
            // the fallback of a row the noise dominates, keeping a zero that either parent implies
            double[][] byFirst = null;
            double[][] bySecond = null;
            if (ps.length == 2) {
                int ka = cells[ps[0]];
                int kb = cells[ps[1]];
                byFirst = new double[ka][kc];
                bySecond = new double[kb][kc];
                for (int a = 0; a < ka; a++) {
                    for (int b = 0; b < kb; b++) {
                        for (int j = 0; j < kc; j++) {
                            byFirst[a][j] += zeroed[(a * kb + b) * kc + j];
                            bySecond[b][j] += zeroed[(a * kb + b) * kc + j];
                        }
                    }
                }
                for (int a = 0; a < ka; a++) {
                    byFirst[a] = blend(byFirst[a], base);
                }
                for (int b = 0; b < kb; b++) {
                    bySecond[b] = blend(bySecond[b], base);
                }
            }
            boolean conditioned = presenceOf[c] >= 0;
            AliasTable[][] given = new AliasTable[groups][2];
            for (int g = 0; g < groups; g++) {
                double[] row = new double[kc];
                System.arraycopy(zeroed, g * kc, row, 0, kc);
                double[] fallback = ps.length == 2 ? product(byFirst[g / cells[ps[1]]], bySecond[g % cells[ps[1]]], base) : base;
                double[] p = blend(row, fallback);
                given[g][0] = AliasTable.of(p);
                if (conditioned) {
                    // a present device: the attribute's "no rows" cell is out, the rest keeps its shape
                    double[] present = p.clone();
                    present[0] = 0;
                    given[g][1] = sum(present) > 0 ? AliasTable.of(present) : uniformAbove0(kc);
                }
            }
            int[] out = new int[n];
            int[] x = ps.length > 0 ? codes[ps[0]] : null;
            int[] y = ps.length > 1 ? codes[ps[1]] : null;
            int kb = ps.length > 1 ? cells[ps[1]] : 1;
            int[] presence = conditioned ? codes[presenceOf[c]] : null;
            for (int d = 0; d < n; d++) {
                int g = x == null ? 0 : y == null ? x[d] : x[d] * kb + y[d];
                if (conditioned && presence[d] == 0) {
                    out[d] = 0;
                } else {
                    out[d] = given[g][conditioned ? 1 : 0].draw(random);
                }
            }
            codes[c] = out;
        }
        return codes;
    }

    /**
     * Each row of a noisy table with its cells under 3 sigma set to 0: the cells its noise alone fills, so a
     * structural zero (desktops, NUCs and servers with battery events) stays zero in a presence or a device
     * attribute. A summary's row (the level of a few hundred devices of one CPU family) has its floor lowered to a
     * tenth of its noisy total where that is less, so it keeps its shape instead of vanishing under a threshold
     * larger than its cells; a summary's zero cells matter less (presence is not decided there). Post-processing.
     * (The lowered floor on every attribute gave 5 % of 330 synthetic servers battery events: measured, undone.)
     */
    private double[] zeroedByRow(double[] counts, int kc, boolean summary) {
        double[] out = new double[counts.length];
        for (int r = 0; r < counts.length / kc; r++) {
            double total = 0;
            for (int j = 0; j < kc; j++) {
                total += counts[r * kc + j];
            }
            double floor = summary ? Math.max(0, Math.min(3 * sigma, 0.1 * total)) : 3 * sigma;
            for (int j = 0; j < kc; j++) {
                double x = counts[r * kc + j];
                out[r * kc + j] = x > floor && total > 0 ? x : 0;
            }
        }
        return out;
    }

    /**
     * A noisy row (zeroed as above) smoothed towards a fallback distribution, as a distribution: the
     * fallback adds sigma pseudo-counts over the row's nonzero cells only, so a zero the row measured stays zero
     * (a structural zero, such as desktops with battery events, survives a small parent group); a row with
     * nothing left is the fallback.
     */
    private double[] blend(double[] row, double[] fallback) {
        double[] f = RelationalTables.normalised(fallback);
        double support = 0;
        for (int j = 0; j < row.length; j++) {
            support += row[j] > 0 ? f[j] : 0;
        }
        if (support <= 0) {
            return f;
        }
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = row[j] > 0 ? row[j] + sigma * f[j] / support : 0;
        }
        return RelationalTables.normalised(out);
    }

    private static double[] product(double[] a, double[] b, double[] base) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = base[j] > 0 ? a[j] * b[j] / base[j] : 0;
        }
        return RelationalTables.normalised(out);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static AliasTable uniformAbove0(int cells) {
        double[] w = new double[cells];
        for (int j = 1; j < cells; j++) {
            w[j] = 1;
        }
        return AliasTable.of(w);
    }
}
