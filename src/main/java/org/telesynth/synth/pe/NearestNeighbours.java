package org.telesynth.synth.pe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each real record's nearest synthetic record under a weighted Hamming distance (the sum of the weights of the
 * attributes on which they differ; the weights are public: workload relevance). Not an n x N scan: synthetic records
 * are blocked on the values of the leading {@code blocking} attributes, and a real record is compared only with its
 * own block; when that block is empty, with the block of a shorter prefix of the key, down to the whole
 * population. The result is an approximate nearest neighbour, which PE tolerates (its guarantee holds for any
 * voting rule in which a real record casts one vote).
 */
final class NearestNeighbours {
    private final int[][] synth;
    private final double[] weight;
    private final int[] blocking;
    private final int[] cells;
    /** Per prefix length p (0..blocking.length): key of the first p blocking attributes -> synthetic records. */
    private final List<Map<Long, int[]>> blocks = new ArrayList<>();

    NearestNeighbours(int[][] synth, double[] weight, int[] blocking, int[] cells) {
        this.synth = synth;
        this.weight = weight;
        this.blocking = blocking;
        this.cells = cells;
        int n = synth[0].length;
        for (int p = 0; p <= blocking.length; p++) {
            Map<Long, List<Integer>> lists = new HashMap<>();
            for (int i = 0; i < n; i++) {
                lists.computeIfAbsent(key(synth, i, p), k -> new ArrayList<>()).add(i);
            }
            Map<Long, int[]> arrays = new HashMap<>();
            lists.forEach((k, v) -> arrays.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
            blocks.add(arrays);
        }
    }

    private long key(int[][] codes, int record, int prefix) {
        long k = 0;
        for (int j = 0; j < prefix; j++) {
            k = k * cells[blocking[j]] + codes[blocking[j]][record];
        }
        return k;
    }

    /** The nearest synthetic record of each real record; ties go to the lowest index. */
    int[] nearest(int[][] real) {
        int n = real[0].length;
        int na = real.length;
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            int[] block = null;
            for (int p = blocking.length; p >= 0 && block == null; p--) {
                block = blocks.get(p).get(key(real, r, p));
            }
            double best = Double.POSITIVE_INFINITY;
            int arg = block[0];
            for (int s : block) {
                double d = 0;
                for (int a = 0; a < na && d < best; a++) {
                    if (real[a][r] != synth[a][s]) {
                        d += weight[a];
                    }
                }
                if (d < best) {
                    best = d;
                    arg = s;
                }
            }
            out[r] = arg;
        }
        return out;
    }
}
