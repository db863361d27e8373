package org.telesynth.synth;

import java.util.List;

/**
 * A released marginal of one column: non-negative weights over its cells (noisy counts with negatives set to 0,
 * post-processing), what each cell stands for, and the {@link AliasTable} the generator samples it with.
 */
public final class ColumnModel {
    private final ColumnSpec spec;
    private final List<String> openLabels;
    private final double[] weights;
    private final AliasTable alias;

    /**
     * @param weights    noisy counts per cell (negative ones are clipped to 0); the last cell is NULL when the
     *                   column has a NULL slot
     * @param openLabels for OPEN columns, the values kept by partition selection (one cell each)
     */
    public ColumnModel(ColumnSpec spec, double[] weights, List<String> openLabels) {
        this.spec = spec;
        this.openLabels = openLabels == null ? List.of() : List.copyOf(openLabels);
        this.weights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = Math.max(0, weights[i]);
        }
        this.alias = AliasTable.of(this.weights);
    }

    public ColumnSpec spec() {
        return spec;
    }

    /** True when a cell is the NULL slot. */
    public boolean isNull(int cell) {
        return spec.nullSlot() && cell == weights.length - 1;
    }

    /** The text of a CATEGORY or OPEN cell. */
    public String text(int cell) {
        return spec.kind() == ColumnSpec.Kind.OPEN ? (openLabels.isEmpty() ? "Other" : openLabels.get(cell)) : spec.labels().get(cell);
    }

    /** The released weights per cell (negatives already clipped to 0). */
    public double[] weights() {
        return weights.clone();
    }

    /** The alias table the generator draws cells from. */
    AliasTable aliasTable() {
        return alias;
    }

    /** Number of cells (the open domain's kept values for OPEN). */
    public int cells() {
        return weights.length;
    }
}
