package org.telesynth.audit;

import java.util.List;
import java.util.Map;

/**
 * Everything one audit found.
 *
 * @param tier       the tier run (quick, standard, full, deep)
 * @param checks     every check, in tier order
 * @param shapes     the column shapes (standard tier and up; empty otherwise), worst first
 * @param fidelity   the cross-table fidelity summary (standard tier and up; null otherwise)
 * @param roc        ROC points (false positive rate, true positive rate) of the membership attack, or null
 * @param dcr        distances to the closest member and to the closest holdout device of the sampled synthetic
 *                   records, for the histograms, or null without a holdout
 * @param samples    the sample sizes the sampled statistics read, by name
 * @param correlations per table, the real-minus-synthetic correlation differences of its numeric columns (standard tier)
 * @param distributions the worst gated columns' real and synthetic distributions, for the plots (standard tier and up)
 * @param canary     the deep tier's one-run canary audit, or null below that tier
 * @param tstr       train-on-synthetic, test-on-real scores per task and model family (full tier with a holdout; empty otherwise)
 */
public record AuditResult(String tier, List<Check> checks, List<ColumnShape> shapes, Map<String, Object> fidelity,
                          double[][] roc, double[][] dcr, Map<String, Long> samples, List<CorrelationDiff.Matrix> correlations,
                          List<Tstr.Row> tstr, List<ColumnDistribution> distributions, CanaryAudit.Result canary) {

    /** This result with the deep tier's canary audit and its gate added. */
    public AuditResult withCanary(CanaryAudit.Result result, Check gate) {
        List<Check> all = new java.util.ArrayList<>(checks);
        all.add(gate);
        return new AuditResult("deep", all, shapes, fidelity, roc, dcr, samples, correlations, tstr, distributions, result);
    }

    /** FAIL when any check failed, else WARN when any warned, else PASS. */
    public Verdict verdict() {
        if (checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        return checks.stream().anyMatch(c -> c.verdict() == Verdict.WARN) ? Verdict.WARN : Verdict.PASS;
    }
}
