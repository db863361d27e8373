package org.telesynth.audit;

/**
 * How far one column's synthetic distribution is from the real one.
 *
 * @param table  the table
 * @param column the column
 * @param metric {@code ks} (numbers, dates: the largest gap between the two empirical CDFs) or {@code tvd}
 *               (categories, NULL included: half the L1 distance between the shares)
 * @param value  the statistic, in [0, 1]
 * @param rows   rows per side it read (KS: the reservoir sample; TVD: all rows), the smaller side's
 * @param gated  whether the column counts for its gate: KS with at least {@link #MIN_ROWS} values per side, TVD of a
 *               column with a public category list (an open domain's tail is cut by partition selection by design)
 */
public record ColumnShape(String table, String column, String metric, double value, long rows, boolean gated) {
    /** Fewer values than this on a side make a KS statistic noise (its 95 % sampling error is then above 0.19). */
    public static final int MIN_ROWS = 100;

    public String label() {
        return table + "." + column;
    }
}
