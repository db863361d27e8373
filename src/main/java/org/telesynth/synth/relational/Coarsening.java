package org.telesynth.synth.relational;

/**
 * How an attribute's fine cells group into its modelled cells, derived from the released one-way marginal of the
 * fine cells alone (post-processing): cell 0 (no rows) stays apart, the other fine cells are cut, in order, into
 * contiguous groups of about equal noisy mass, so a level or rows bucket carries information wherever the fleet
 * actually is rather than where public bins happen to lie.
 *
 * @param coarseOf the coarse cell of each fine cell
 * @param cells    the number of coarse cells
 */
public record Coarsening(int[] coarseOf, int cells) {

    /** No grouping: every fine cell is its own. */
    public static Coarsening identity(int fine) {
        int[] map = new int[fine];
        for (int i = 0; i < fine; i++) {
            map[i] = i;
        }
        return new Coarsening(map, fine);
    }

    /**
     * Groups fine cells 1.. into at most {@code cells - 1} contiguous groups by the cumulative mass of
     * {@code noisyFine} (negatives as 0), each fine cell to the group its mass midpoint falls in; fewer groups
     * where the mass is small, so that each holds about {@code minMass} at least (a rare table's devices stay
     * together, above the noise, rather than spread thin across buckets the noise then erases). The coarse cells
     * past the groups used stay empty.
     */
    public static Coarsening byMass(double[] noisyFine, int cells, double minMass) {
        int fine = noisyFine.length;
        double total = 0;
        for (int i = 1; i < fine; i++) {
            total += Math.max(0, noisyFine[i]);
        }
        int groups = (int) Math.max(1, Math.min(cells - 1, Math.floor(total / minMass)));
        if (groups >= fine - 1) {
            return identity(fine).padded(cells);
        }
        int[] map = new int[fine];
        double before = 0;
        for (int i = 1; i < fine; i++) {
            double m = total > 0 ? Math.max(0, noisyFine[i]) : 1;
            double mid = (before + m / 2) / (total > 0 ? total : fine - 1);
            map[i] = 1 + Math.min(groups - 1, (int) Math.floor(mid * groups));
            before += m;
        }
        return new Coarsening(map, cells);
    }

    private Coarsening padded(int to) {
        return new Coarsening(coarseOf, Math.max(cells, to));
    }

    public int of(int fine) {
        return coarseOf[fine];
    }

    /** Sums fine weights into coarse ones. */
    public double[] coarse(double[] fine) {
        double[] out = new double[cells];
        for (int i = 0; i < fine.length; i++) {
            out[coarseOf[i]] += fine[i];
        }
        return out;
    }
}
