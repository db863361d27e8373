package org.telesynth.synth.pe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Each real record's nearest candidate under a {@link VoteDistance} (public weights; categories 0 / 1, ordered
 * numeric cells by their distance). Not an n x N scan:
 * <ul>
 *   <li>a real record equal to a candidate is answered by one hash probe (distance 0), which is most of them once
 *       the population has converged;</li>
 *   <li>otherwise only candidates that share the values of the leading {@code blocking} attributes are scanned
 *       (when that block is empty, the block of a shorter prefix of the key, down to all candidates), attributes
 *       in descending weight so that the scan of a candidate stops as soon as it cannot win;</li>
 *   <li>real records are searched in parallel, each on its own; the answer does not depend on the thread count.</li>
 * </ul>
 * Inside a block the answer is exact (ties go to the lowest candidate); across blocks it is approximate, which PE
 * tolerates: its guarantee holds for any voting rule in which one real record casts one vote.
 */
final class NearestNeighbours {
    private final DistinctRecords distinct;
    /** The attributes with a positive weight, heaviest first. */
    private final int[] order;
    /** Per attribute in that order: the cost of a disagreement (categories), or of one cell's gap (ordered numeric; else 0). */
    private final double[] whole;
    private final double[] perGap;
    /** Candidate s's codes of the {@code order} attributes at [s * order.length, (s + 1) * order.length): one scan reads one run of memory. */
    private final int[] rows;
    private final int[] blocking;
    private final int[] cells;
    /** Per prefix length p (0..blocking.length): key of the first p blocking attributes -> candidates, ascending. */
    private final List<Map<Long, int[]>> blocks = new ArrayList<>();

    /** Over distinct candidate records {@code candidates} ({@code [attribute][candidate]}, no two equal). */
    NearestNeighbours(DistinctRecords candidates, VoteDistance distance, int[] blocking) {
        this.distinct = candidates;
        int[][] codes = candidates.codes();
        this.blocking = blocking;
        this.cells = distance.cells();
        double[] weight = distance.weight();
        this.order = IntStream.range(0, weight.length).boxed().sorted((a, b) -> Double.compare(weight[b], weight[a]))
                .filter(a -> weight[a] > 0).mapToInt(Integer::intValue).toArray();
        // VoteDistance.cost, taken apart once: the scan below is the hot loop of the release
        this.whole = new double[order.length];
        this.perGap = new double[order.length];
        for (int j = 0; j < order.length; j++) {
            whole[j] = weight[order[j]];
            perGap[j] = distance.numeric()[order[j]] && cells[order[j]] > 1 ? distance.cost(order[j], 0, 1) : 0;
        }
        int n = candidates.size();
        this.rows = new int[n * order.length];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < order.length; j++) {
                rows[s * order.length + j] = codes[order[j]][s];
            }
        }
        for (int p = 0; p <= blocking.length; p++) {
            long[] keys = new long[n];
            Map<Long, Integer> sizes = new HashMap<>();
            for (int i = 0; i < n; i++) {
                keys[i] = key(codes, i, p);
                sizes.merge(keys[i], 1, Integer::sum);
            }
            Map<Long, int[]> members = new HashMap<>();
            sizes.forEach((k, size) -> members.put(k, new int[size]));
            Map<Long, Integer> filled = new HashMap<>();
            for (int i = 0; i < n; i++) {
                members.get(keys[i])[filled.merge(keys[i], 1, Integer::sum) - 1] = i;
            }
            blocks.add(members);
        }
    }

    private long key(int[][] codes, int record, int prefix) {
        long k = 0;
        for (int j = 0; j < prefix; j++) {
            k = k * cells[blocking[j]] + codes[blocking[j]][record];
        }
        return k;
    }

    /** The number of candidates. */
    int size() {
        return distinct.size();
    }

    /** The nearest candidate of each real record. */
    int[] nearest(int[][] real) {
        int[] out = new int[real[0].length];
        IntStream.range(0, out.length).parallel().forEach(r -> out[r] = nearest(real, r));
        return out;
    }

    private int nearest(int[][] real, int r) {
        int exact = distinct.find(real, r);
        if (exact >= 0) {
            return exact;
        }
        int[] block = null;
        for (int p = blocking.length; p >= 0 && block == null; p--) {
            block = blocks.get(p).get(key(real, r, p));
        }
        int width = order.length;
        int[] mine = new int[width];
        for (int j = 0; j < width; j++) {
            mine[j] = real[order[j]][r];
        }
        double best = Double.POSITIVE_INFINITY;
        int arg = block[0];
        for (int s : block) {
            double d = 0;
            for (int j = 0, at = s * width; j < width && d < best; j++, at++) {
                if (mine[j] != rows[at]) {
                    d += perGap[j] > 0 ? perGap[j] * Math.abs(mine[j] - rows[at]) : whole[j];
                }
            }
            if (d < best) {
                best = d;
                arg = s;
            }
        }
        return arg;
    }
}
