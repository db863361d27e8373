package org.telesynth.audit;

import java.util.List;
import java.util.Map;

/**
 * Everything one audit found.
 *
 * @param tier       the tier run (quick, standard, full)
 * @param checks     every check, in tier order
 * @param shapes     the column shapes (standard tier and up; empty otherwise), worst first
 * @param fidelity   the cross-table fidelity summary (standard tier and up; null otherwise)
 * @param roc        ROC points (false positive rate, true positive rate) of the membership attack, or null
 * @param dcr        distances to the closest member and to the closest holdout device of the sampled synthetic
 *                   records, for the histograms, or null without a holdout
 * @param samples    the sample sizes the sampled statistics read, by name
 * @param correlations per table, the real-minus-synthetic correlation differences of its numeric columns (standard tier)
 */
public record AuditResult(String tier, List<Check> checks, List<ColumnShape> shapes, Map<String, Object> fidelity,
                          double[][] roc, double[][] dcr, Map<String, Long> samples, List<CorrelationDiff.Matrix> correlations) {

    /** FAIL when any check failed, else WARN when any warned, else PASS. */
    public Verdict verdict() {
        if (checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        return checks.stream().anyMatch(c -> c.verdict() == Verdict.WARN) ? Verdict.WARN : Verdict.PASS;
    }
}
