package org.telesynth.sweep;

import org.telesynth.BadInputException;
import org.telesynth.privacy.LedgerEntry;
import org.telesynth.synth.ReleaseRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep releases: every method at every epsilon with every seed, each at the same delta. Validated whole
 * when built, before anything is read or written.
 */
public record SweepPlan(List<String> methods, List<Double> epsilons, List<Long> seeds, double delta) {
    public SweepPlan {
        methods = List.copyOf(methods);
        epsilons = List.copyOf(epsilons);
        seeds = List.copyOf(seeds);
        if (methods.isEmpty() || epsilons.isEmpty() || seeds.isEmpty()) {
            throw new BadInputException("--methods, --epsilons and --seeds each need at least one value");
        }
        methods.forEach(SweepMethod::of);
        for (double e : epsilons) {
            new ReleaseRequest(e, delta); // the same checks as one release's --epsilon and --delta
        }
        unique("--methods", methods);
        unique("--epsilons", epsilons);
        unique("--seeds", seeds);
    }

    private static void unique(String option, List<?> values) {
        if (new HashSet<>(values).size() != values.size()) {
            throw new BadInputException(option + ": a value is given twice (" + values + ")");
        }
    }

    /** Every cell, method by method, then epsilon, then seed. */
    public List<SweepCell> cells() {
        List<SweepCell> out = new ArrayList<>();
        for (String m : methods) {
            for (double e : epsilons) {
                for (long s : seeds) {
                    out.add(new SweepCell(m, e, s));
                }
            }
        }
        return out;
    }

    /** What the cells not yet charged ({@code charged}: run ids in the ledger) need together, by basic composition. */
    public double[] need(List<SweepCell> cells) {
        double eps = 0;
        for (SweepCell c : cells) {
            eps += c.epsilon();
        }
        return new double[]{eps, delta * cells.size()};
    }

    /** The charged entries of the ledger by run id, for telling which cells are paid for. */
    static Map<String, LedgerEntry> byRunId(List<LedgerEntry> entries) {
        Map<String, LedgerEntry> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.runId(), e));
        return out;
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methods", methods);
        m.put("epsilons", epsilons);
        m.put("seeds", seeds);
        m.put("delta", delta);
        return m;
    }
}
