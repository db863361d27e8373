package org.telesynth.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One charge in the ledger: a whole release plan, recorded before the data is read.
 *
 * @param runId         unique id of the run
 * @param method        the synthesizer (or "manual" for a release recorded by hand)
 * @param events        the plan's privacy events, as label -> parameters
 * @param epsilon       what the plan spends
 * @param delta         what the plan spends
 * @param parameterHash a hash of the run's parameters (so a re-run of the same plan is recognisable)
 * @param time          ISO-8601 instant of the charge
 * @param seeded        true when the run used a seeded, non-secure random stream
 * @param outcome       {@link #CHARGED} from the charge until the release's tables are in place, then
 *                      {@link #RELEASED}; an entry left CHARGED is a release that was interrupted (killed, failed):
 *                      its budget stays spent, since the data may have been read
 */
public record LedgerEntry(String runId, String method, List<Map<String, Object>> events, double epsilon, double delta,
                          String parameterHash, String time, boolean seeded, String outcome) {
    public static final String CHARGED = "charged";
    public static final String RELEASED = "released";

    /** A fresh charge, before its release exists. */
    public LedgerEntry(String runId, String method, List<Map<String, Object>> events, double epsilon, double delta,
                       String parameterHash, String time, boolean seeded) {
        this(runId, method, events, epsilon, delta, parameterHash, time, seeded, CHARGED);
    }

    /** This entry with its release in place. */
    public LedgerEntry released() {
        return new LedgerEntry(runId, method, events, epsilon, delta, parameterHash, time, seeded, RELEASED);
    }

    public LedgerEntry {
        if (!CHARGED.equals(outcome) && !RELEASED.equals(outcome)) {
            throw new IllegalArgumentException("outcome must be " + CHARGED + " or " + RELEASED + ", got " + outcome);
        }
        if (runId == null || method == null || events == null || time == null) {
            throw new IllegalArgumentException("a ledger entry needs runId, method, events and time");
        }
        events = List.copyOf(events);
        Checks.nonNegativeFinite("epsilon", epsilon);
        if (!(delta >= 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in [0, 1), got " + delta);
        }
    }

    /** The events of a plan in the ledger's JSON shape. */
    public static List<Map<String, Object>> describe(List<PrivacyEvent> plan) {
        return plan.stream().map(LedgerEntry::describe).toList();
    }

    private static Map<String, Object> describe(PrivacyEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", e.label());
        if (e instanceof PrivacyEvent.PureDp p) {
            m.put("kind", "pure_dp");
            m.put("epsilon", p.epsilon());
        } else if (e instanceof PrivacyEvent.Zcdp z) {
            m.put("kind", "zcdp");
            m.put("rho", z.rho());
        } else if (e instanceof PrivacyEvent.ApproxZcdp z) {
            m.put("kind", "approx_zcdp");
            m.put("rho", z.rho());
            m.put("delta", z.delta());
        } else if (e instanceof PrivacyEvent.ApproxDp a) {
            m.put("kind", "approx_dp");
            m.put("epsilon", a.epsilon());
            m.put("delta", a.delta());
        } else if (e instanceof PrivacyEvent.SubsampledGaussian s) {
            m.put("kind", "subsampled_gaussian");
            m.put("sampling_rate", s.samplingRate());
            m.put("noise_multiplier", s.noiseMultiplier());
            m.put("steps", s.steps());
        }
        return m;
    }
}
