package org.telesynth.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.json: stable keys, documented in docs/report-format.md. Numbers that are NaN or infinite are written as
 * null (JSON has no such numbers); the metric's {@code passed} and {@code detail} still say what happened.
 */
public final class ReportJson {
    private ReportJson() {
    }

    public static Map<String, Object> of(Comparison c, Map<String, Object> inputs) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", 1);
        root.put("inputs", inputs);
        root.put("summary", summary(c));
        List<Object> queries = new ArrayList<>();
        Map<String, PeerScores.Method> peers = PeerScores.published();
        for (QueryScore q : c.queries()) {
            queries.add(query(q, peers));
        }
        root.put("queries", queries);
        return root;
    }

    static Map<String, Object> summary(Comparison c) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<QueryScore> peerScored = c.queries().stream().filter(QueryScore::peerScored).toList();
        s.put("queries", c.queries().size());
        s.put("passed", c.passed());
        s.put("mean_score", number(c.meanScore()));
        s.put("peer_scored_queries", peerScored.size());
        s.put("peer_scored_passed", peerScored.stream().filter(QueryScore::passed).count());
        s.put("median_normalized_error", c.medianNormalizedError() == null ? null : number(c.medianNormalizedError()));
        s.put("within_10", number(c.within(0.10)));
        s.put("within_25", number(c.within(0.25)));
        s.put("within_50", number(c.within(0.50)));
        s.put("only_in_real", c.onlyInReal());
        s.put("only_in_synth", c.onlyInSynth());
        s.put("unknown_queries", c.unknown());
        List<Object> skipped = new ArrayList<>();
        c.skipped().forEach((name, reason) -> {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("name", name);
            q.put("reason", reason);
            skipped.add(q);
        });
        s.put("skipped", skipped);
        return s;
    }

    private static Map<String, Object> query(QueryScore q, Map<String, PeerScores.Method> peers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.name());
        m.put("kind", q.kind());
        m.put("peer_scored", q.peerScored());
        m.put("status", q.status());
        m.put("score", number(q.score()));
        m.put("passed", q.passed());
        m.put("real_groups", q.realGroups());
        m.put("synth_groups", q.synthGroups());
        m.put("matched_groups", q.matchedGroups());
        m.put("coverage", number(q.coverage()));
        m.put("spurious_groups", q.spuriousGroups());
        if (q.rankAgreement() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("jaccard", number(q.rankAgreement().jaccard()));
            r.put("spearman", number(q.rankAgreement().spearman()));
            r.put("kendall_tau", number(q.rankAgreement().kendall()));
            m.put("rank_agreement", r);
        } else {
            m.put("rank_agreement", null);
        }
        List<Object> metrics = new ArrayList<>();
        for (MetricScore x : q.metrics()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("column", x.column());
            mm.put("type", x.type());
            mm.put("value", number(x.value()));
            mm.put("threshold", x.threshold());
            mm.put("higher_is_better", x.higherIsBetter());
            mm.put("passed", x.passed());
            mm.put("normalized_error", x.normalizedError() == null ? null : number(x.normalizedError()));
            mm.put("detail", x.detail());
            metrics.add(mm);
        }
        m.put("metrics", metrics);
        List<Object> columns = new ArrayList<>();
        for (ColumnError col : q.columns()) {
            Map<String, Object> cc = new LinkedHashMap<>();
            cc.put("column", col.column());
            cc.put("matched", col.matched());
            cc.put("median_relative_error", number(col.medianRelError()));
            cc.put("real_mean", number(col.realMean()));
            cc.put("synth_mean", number(col.synthMean()));
            cc.put("mean_relative_error", number(col.meanRelError()));
            columns.add(cc);
        }
        m.put("columns", columns);
        Map<String, Object> published = new LinkedHashMap<>();
        for (var e : peers.entrySet()) {
            PeerScores.Entry p = e.getValue().byQuery().get(q.name());
            Map<String, Object> entry = null;
            if (p != null) {
                entry = new LinkedHashMap<>();
                entry.put("score", number(p.score()));
                entry.put("passed", p.passed());
            }
            published.put(e.getKey(), entry);
        }
        m.put("peers", published);
        return m;
    }

    /** A JSON-safe number: null for NaN and infinities. */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
