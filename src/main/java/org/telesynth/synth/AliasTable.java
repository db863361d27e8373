package org.telesynth.synth;

/**
 * Walker's alias table (Vose's construction) for a released histogram: draw a slot {@code i} uniformly among the
 * {@code k} cells, keep it with probability {@code keep[i]}, otherwise take {@code alias[i]}. Exact (no
 * discretisation of the cumulative), O(1) per draw, and the draw is two lookups, which is what lets the
 * generator sample inside DuckDB with one equi-join per column. Negative weights count as 0; all-zero weights
 * give the uniform distribution. Sampling from released weights is post-processing.
 *
 * @param keep  probability of keeping slot i
 * @param alias the cell taken otherwise
 */
public record AliasTable(double[] keep, int[] alias) {

    public static AliasTable of(double[] weights) {
        int k = weights.length;
        double total = 0;
        for (double w : weights) {
            total += Math.max(0, w);
        }
        double[] scaled = new double[k];
        for (int i = 0; i < k; i++) {
            scaled[i] = total > 0 ? Math.max(0, weights[i]) * k / total : 1;
        }
        double[] keep = new double[k];
        int[] alias = new int[k];
        int[] small = new int[k];
        int[] large = new int[k];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < k; i++) {
            if (scaled[i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        // what is left holds (up to rounding) exactly one slot's worth: keep it whole
        while (nl > 0) {
            int l = large[--nl];
            keep[l] = 1;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            keep[s] = 1;
            alias[s] = s;
        }
        return new AliasTable(keep, alias);
    }

    /** One draw: a slot from the high 32 bits of a 64-bit draw, keep-or-alias from the low 32 bits. */
    public int draw(org.telesynth.privacy.RandomSource random) {
        long bits = random.nextLong();
        int slot = (int) (((bits >>> 32) * keep.length) >>> 32); // bias below k / 2^32
        return (bits & 0xFFFFFFFFL) * 0x1.0p-32 < keep[slot] ? slot : alias[slot];
    }

    public int size() {
        return keep.length;
    }

    /** The probability of each cell that the table encodes (for tests and diagnostics). */
    public double[] probabilities() {
        int k = size();
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] += keep[i] / k;
            p[alias[i]] += (1 - keep[i]) / k;
        }
        return p;
    }
}
