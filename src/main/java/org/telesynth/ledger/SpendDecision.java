package org.telesynth.ledger;

import org.telesynth.privacy.LedgerEntry;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a charge fits, decided the same way by every backend, inside its lock or transaction: the cap (a study
 * ledger's grows instead of refusing), then the policy's allowance (which {@code --override} may pass, logged).
 *
 * @param capEpsilon the cap after the charge (a study ledger's may have grown)
 * @param capDelta   the same, delta
 * @param refusal    the refusal line (exit 3), or null when the charge goes through
 * @param detail     what the audit log notes beside the outcome (an override), or empty
 */
record SpendDecision(double capEpsilon, double capDelta, String refusal, String detail) {

    static SpendDecision of(Path data, Ledger.State s, BudgetPolicy policy, LedgerEntry entry, boolean override, boolean study) {
        double eps = s.spentEpsilon() + entry.epsilon();
        double del = s.spentDelta() + entry.delta();
        boolean overEpsilon = eps > s.capEpsilon() + Ledger.SLACK;
        boolean overDelta = del > s.capDelta() + Ledger.SLACK;
        if ((overEpsilon || overDelta) && study) {
            // a study ledger (public data: a simulated fleet) records what a release costs and never refuses it: the
            // cap grows to what is spent, so the ledger stays a true record of the study's total
            return new SpendDecision(Math.max(s.capEpsilon(), eps), Math.max(s.capDelta(), Math.min(del, 0.999999)), null, "");
        }
        if (overEpsilon || overDelta) {
            return new SpendDecision(s.capEpsilon(), s.capDelta(), refusal(data, s, entry, overEpsilon, overDelta), "");
        }
        String overAllowance = policy == null || study ? null : policy.over(s.entries().size(), entry.epsilon(), entry.delta());
        if (overAllowance != null && !override) {
            return new SpendDecision(s.capEpsilon(), s.capDelta(), "budget refused by the policy: " + overAllowance + ". To proceed: spend"
                    + " less, pass --override (recorded in the audit log), or plan again with telesynth budget plan --data " + data
                    + " --releases N --strategy equal|decaying|reserve --record", "");
        }
        return new SpendDecision(s.capEpsilon(), s.capDelta(), null, overAllowance == null ? "" : "override: " + overAllowance);
    }

    /**
     * The refusal line: what ran out (a release refused on delta must not read as an epsilon problem), the cap and
     * what is spent, and every way on: a smaller budget, a larger cap, {@code budget show}, and for public data a
     * study ledger.
     */
    static String refusal(Path data, Ledger.State s, LedgerEntry entry, boolean overEpsilon, boolean overDelta) {
        String over = overEpsilon && overDelta ? "epsilon and delta" : overEpsilon ? "epsilon" : "delta";
        String smaller = overDelta && !overEpsilon ? "a smaller --delta" : overEpsilon && !overDelta ? "a smaller --epsilon" : "a smaller --epsilon and --delta";
        long releases = s.entries().size();
        return String.format(Locale.ROOT,
                "budget refused on %s: %s needs epsilon %.6g, delta %.3g, but %s has only epsilon %.6g, delta %.3g left (cap epsilon %s,"
                        + " delta %s; spent epsilon %.6g, delta %.3g in %d release%s). To proceed: use %s; or raise the cap with"
                        + " telesynth budget init --data %s --epsilon E --delta D; see every charge with telesynth budget show --data %s;"
                        + " for public data such as a simulated fleet, telesynth budget init --data %s --study makes a study ledger"
                        + " (docs/budget.md)", over, entry.method(), entry.epsilon(), entry.delta(), data,
                Math.max(0, s.capEpsilon() - s.spentEpsilon()), Math.max(0, s.capDelta() - s.spentDelta()), s.capEpsilon(), s.capDelta(),
                s.spentEpsilon(), s.spentDelta(), releases, releases == 1 ? "" : "s", smaller, data, data, data);
    }
}
