package org.telesynth.ledger;

import org.telesynth.BadInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A per-release allowance over what a dataset's ledger has left: {@code budget plan --releases N --strategy S}.
 * The i-th release charged after the policy was recorded may spend at most {@code allowances[i]}; a release past
 * the N-th has no allowance. Strategies, over the epsilon left E and the delta left D at planning time:
 * <ul>
 *   <li>{@code equal}: E / N each;</li>
 *   <li>{@code decaying}: halving, E 2^-(i+1) / (1 - 2^-N), so early releases get more and the total is E;</li>
 *   <li>{@code reserve}: 80 % of E split equally, 20 % kept back for what was not planned.</li>
 * </ul>
 * Delta is split the same way.
 *
 * @param strategy   equal, decaying or reserve
 * @param releases   N
 * @param startIndex how many charges the ledger held when the policy was recorded (release i is charge
 *                   startIndex + i)
 * @param epsilons   the epsilon allowance of each release
 * @param deltas     the delta allowance of each release
 * @param recordedAt when
 */
public record BudgetPolicy(String strategy, int releases, int startIndex, List<Double> epsilons, List<Double> deltas, String recordedAt) {
    public static final List<String> STRATEGIES = List.of("equal", "decaying", "reserve");
    /** The share of what is left that the reserve strategy keeps back. */
    public static final double RESERVE = 0.2;

    public BudgetPolicy {
        epsilons = List.copyOf(epsilons);
        deltas = List.copyOf(deltas);
    }

    /** The plan for {@code releases} more releases of what is left. */
    public static BudgetPolicy plan(String strategy, int releases, Ledger.State s) {
        if (!STRATEGIES.contains(strategy)) {
            throw new BadInputException("--strategy must be one of " + String.join(", ", STRATEGIES) + ", not " + strategy);
        }
        if (releases < 1 || releases > 10_000) {
            throw new BadInputException("--releases must be in [1, 10000], not " + releases);
        }
        double e = Math.max(0, s.capEpsilon() - s.spentEpsilon());
        double d = Math.max(0, s.capDelta() - s.spentDelta());
        List<Double> eps = new ArrayList<>();
        List<Double> del = new ArrayList<>();
        for (int i = 0; i < releases; i++) {
            double w = switch (strategy) {
                case "equal" -> 1.0 / releases;
                case "decaying" -> Math.pow(2, -(i + 1)) / (1 - Math.pow(2, -releases));
                default -> (1 - RESERVE) / releases;
            };
            eps.add(e * w);
            del.add(d * w);
        }
        return new BudgetPolicy(strategy, releases, s.entries().size(), eps, del, Instant.now().toString());
    }

    /** The index of the next release under this policy, given how many charges the ledger holds. */
    int next(int charges) {
        return charges - startIndex;
    }

    /** Why {@code epsilon, delta} is over the allowance of the release after {@code charges} charges, or null. */
    String over(int charges, double epsilon, double delta) {
        int i = next(charges);
        if (i >= releases) {
            return String.format(Locale.ROOT, "the policy (%s over %d releases) has no allowance left: this would be release %d", strategy, releases, i + 1);
        }
        if (epsilon > epsilons.get(i) + Ledger.SLACK || delta > deltas.get(i) + Ledger.SLACK * 1e-3) {
            return String.format(Locale.ROOT, "release %d of %d under the %s policy may spend epsilon %.6g, delta %.3g, not epsilon %.6g, delta %.3g",
                    i + 1, releases, strategy, epsilons.get(i), deltas.get(i), epsilon, delta);
        }
        return null;
    }

    /** The plan as text, one release a line. */
    public String describe() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "policy %s over %d releases (from charge %d on)%n", strategy, releases, startIndex + 1));
        for (int i = 0; i < releases; i++) {
            b.append(String.format(Locale.ROOT, "  release %-4d epsilon %.6g  delta %.3g%n", i + 1, epsilons.get(i), deltas.get(i)));
        }
        return b.toString();
    }
}
