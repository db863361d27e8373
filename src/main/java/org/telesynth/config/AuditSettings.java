package org.telesynth.config;

/**
 * The quality gates of {@code audit} (public, config). A gate FAILs past its limit and WARNs past the warn level.
 *
 * @param maxColumnKs        the worst column's KS statistic (numeric columns) may be at most this
 * @param maxColumnTvd       the worst categorical column's TVD may be at most this
 * @param maxMembershipAuc   the membership attack's AUC may be at most this (0.5 is a coin)
 * @param maxExactMatches    synthetic device records equal to a unique real one
 * @param maxNullRateGap     a column's synthetic NULL rate may differ from the real one by at most this
 * @param warnShare          a gate WARNs once its value passes this share of its limit's distance from ideal
 * @param sampleRows         rows per table (and devices per side) the sampled statistics read
 * @param minTstrRatio       each TSTR task's AUC lift over chance over train-on-real's (best model family) must be at least this
 * @param tstrDevices        devices per side TSTR trains and tests on
 * @param canaries           canary devices of the deep tier's one-run audit
 * @param canaryConfidence   the confidence of its lower bound on epsilon
 */
public record AuditSettings(double maxColumnKs, double maxColumnTvd, double maxMembershipAuc, long maxExactMatches,
                            double maxNullRateGap, double warnShare, int sampleRows,
                            double minTstrRatio, int tstrDevices, int canaries, double canaryConfidence) {

    static AuditSettings parse(ConfigNode node) {
        AuditSettings s = new AuditSettings(node.number("max_column_ks", 0, false, 1, false),
                node.number("max_column_tvd", 0, false, 1, false), node.number("max_membership_auc", 0.5, false, 1, false),
                node.integer("max_exact_matches", 0, Integer.MAX_VALUE), node.number("max_null_rate_gap", 0, false, 1, false),
                node.number("warn_share", 0, true, 1, false), node.integer("sample_rows", 1000, 100_000_000),
                node.number("min_tstr_ratio", 0, false, 10, false), node.integer("tstr_devices", 100, 10_000_000),
                node.integer("canaries", 10, 100_000), node.number("canary_confidence", 0.5, false, 1, true));
        node.rejectUnknown();
        return s;
    }
}
