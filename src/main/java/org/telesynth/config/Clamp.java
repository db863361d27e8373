package org.telesynth.config;

/**
 * Public bounds of one numeric column, and how its values are binned for the marginals: linear bins on [lo, hi],
 * or log bins on the log1p scale t = ln(1 + x - lo) / ln(1 + hi - lo), which resolve the small values of
 * heavy-tailed columns and keep 0 in the first bin.
 *
 * @param lo      lower clamp
 * @param hi      upper clamp
 * @param linear  linear bins (true) or log1p bins (false)
 * @param logSpan ln(1 + hi - lo), worked out once (values are drawn millions of times)
 */
public record Clamp(double lo, double hi, boolean linear, double logSpan) {
    public Clamp {
        if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("clamp must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    public Clamp(double lo, double hi, boolean linear) {
        this(lo, hi, linear, Math.log1p(hi - lo));
    }

    /** SQL for the bin index of {@code x} (already clamped) among {@code bins}; NULL for a NULL (greatest would make it 0). */
    public String binSql(String x, int bins) {
        // in DOUBLE from the start: a decimal literal (lo) against an integer column would otherwise be decimal
        // arithmetic, whose precision rules differ between DuckDB and Spark (the engines must bin alike)
        String v = "CAST(" + x + " AS DOUBLE)";
        String t = linear ? "(" + v + " - (" + lo + ")) / (" + (hi - lo) + ")"
                : "ln(1 + " + v + " - (" + lo + ")) / " + Math.log1p(hi - lo);
        return "CASE WHEN (" + x + ") IS NULL THEN NULL ELSE CAST(least(" + (bins - 1) + ", greatest(0, floor((" + t + ") * " + bins + "))) AS INTEGER) END";
    }

    /** SQL clamping {@code x} to [lo, hi]; a NULL stays NULL (DuckDB's greatest would skip it and return lo). */
    public String clampSql(String x) {
        return "CASE WHEN " + x + " IS NULL THEN NULL ELSE least(" + hi + ", greatest(" + lo + ", " + x + ")) END";
    }

    /** The value at position t in [0, 1] of the binning scale (the inverse of the bin map). */
    public double valueAt(double t) {
        return linear ? lo + t * (hi - lo) : lo + (Math.exp(t * logSpan) - 1); // exp - 1, not expm1: 4x faster, and 1e-16 absolute error is nothing here
    }
}
