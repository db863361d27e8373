package org.telesynth.report;

import org.telesynth.bench.QuerySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a comparison in plain sentences: how many queries meet their thresholds, and for each one that
 * does not, why (no answer, groups missing, rank order lost, an error over the bar) and what would most likely help
 * (more epsilon, another method, a larger fleet). The hints are rules of thumb read off the scores, and say so.
 */
final class UtilityVerdict {
    /** A normalised error up to this is within sampling noise of the real data's own half split. */
    private static final double NEAR_FLOOR = 2.0;

    private UtilityVerdict() {
    }

    static String headline(Comparison c) {
        return String.format(Locale.ROOT, "%d of %d queries meet their thresholds (a query passes when at least half of its metrics"
                + " pass, as the published peer scorer counts).", c.passed(), c.queries().size());
    }

    /** One sentence per query: why it failed and what would help, or that it passed. */
    static List<String> sentences(Comparison c, List<QuerySpec> suite, ReportContext x) {
        List<String> out = new ArrayList<>();
        for (QueryScore q : c.queries()) {
            out.add(sentence(q, spec(suite, q.name()), x));
        }
        return out;
    }

    static String sentence(QueryScore q, QuerySpec spec, ReportContext x) {
        if (q.passed()) {
            return String.format(Locale.ROOT, "✓ %s passes (score %.2f).", q.name(), q.score());
        }
        List<String> why = new ArrayList<>();
        List<String> help = new ArrayList<>();
        if (q.synthGroups() == 0 && q.realGroups() > 0) {
            why.add("the synthetic answer is empty");
        } else if (!q.kind().equals("rows") && q.matchedGroups() < q.realGroups()) {
            why.add(String.format(Locale.ROOT, "%d of %d real groups are missing", q.realGroups() - q.matchedGroups(), q.realGroups()));
        }
        if (q.rankAgreement() != null && q.rankAgreement().spearman() < 0.5) {
            why.add(String.format(Locale.ROOT, "the rank order is lost (Spearman %.2f, top-k overlap %.2f)", q.rankAgreement().spearman(),
                    q.rankAgreement().jaccard()));
            help.add("more epsilon (ranks need counts accurate to the gaps between neighbours)");
        }
        MetricScore worst = null;
        double worstRatio = 0;
        for (MetricScore m : q.metrics()) {
            double ratio = m.higherIsBetter() ? (1 - m.value()) / Math.max(1e-9, 1 - m.threshold()) : m.value() / m.threshold();
            if (!m.passed() && (worst == null || ratio > worstRatio)) {
                worst = m;
                worstRatio = ratio;
            }
        }
        if (worst != null) {
            why.add(String.format(Locale.ROOT, "%s is over the bar (%s %s, threshold %s%s)", worst.column(), worst.type(),
                    ReportMarkdown.fmt(worst.value()), worst.higherIsBetter() ? "≥ " : "≤ ", ReportMarkdown.fmt(worst.threshold())));
        }
        if (why.isEmpty()) {
            why.add("fewer than half of its metrics pass");
        }
        boolean missing = q.matchedGroups() < q.realGroups() && !q.kind().equals("rows");
        Double normalized = q.metrics().stream().map(MetricScore::normalizedError).filter(e -> e != null && Double.isFinite(e))
                .max(Double::compare).orElse(null);
        double missingShare = !missing || q.realGroups() == 0 ? 0 : (double) (q.realGroups() - q.matchedGroups()) / q.realGroups();
        if (missingShare >= 0.25) {
            help.add("more epsilon or a larger fleet (small groups fall under the noise and partition selection)");
        } else if (normalized != null && normalized <= NEAR_FLOOR) {
            help.add("a larger fleet: the error is within " + NEAR_FLOOR + " x the real data's own half-split noise");
        } else if (missing) {
            help.add("more epsilon or a larger fleet (small groups fall under the noise and partition selection)");
        } else {
            help.add("more epsilon");
        }
        boolean crossTable = spec != null && spec.sql().toUpperCase(Locale.ROOT).contains("JOIN");
        String method = x.isRelease() ? x.release().path("method").asText() : "";
        if (crossTable && method.equals("pertable")) {
            help.add("another method: this question joins tables, and pertable keeps no cross-table relation (try marginal)");
        }
        return "✗ " + q.name() + " fails: " + String.join("; ", why) + ". Would help: " + String.join("; or ", dedupe(help)) + ".";
    }

    private static List<String> dedupe(List<String> l) {
        return l.stream().distinct().toList();
    }

    static QuerySpec spec(List<QuerySpec> suite, String name) {
        return suite.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
