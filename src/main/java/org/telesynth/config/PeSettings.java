package org.telesynth.config;


import org.telesynth.BadInputException;
import java.util.List;

/**
 * How synthesize-pe evolves its population and spends its budget, all public (config; iterations and population
 * can be overridden on the command line).
 *
 * @param deviceShare      share of the zCDP budget for the device model (votes, and the conditional marginals)
 * @param conditionalShare inside the device model: share for the noisy one-way marginals the final population is
 *                         steered to (0: vanilla PE)
 * @param iterations       T: rounds of voting
 * @param population       N: synthetic records per round
 * @param variationRate    probability that the variation API redraws an attribute, in the first round
 * @param variationDecay   the rate's factor per round
 * @param blocking         device attributes the nearest-neighbour search blocks on, most specific last
 * @param distance         the vote's distance: {@code workload} (an attribute's disagreement weighs as much as the
 *                         workload uses it) or {@code mixed} (every attribute 1, ordered numeric values by their gap)
 * @param marginals        the conditional variant's workload marginals: groups of device attributes (a child
 *                         table's name for its presence) measured as one joint histogram each; every other
 *                         attribute gets its one-way marginal
 */
public record PeSettings(double deviceShare, double conditionalShare, int iterations, int population, double variationRate,
                         double variationDecay, List<String> blocking, String distance, List<List<String>> marginals) {

    static PeSettings parse(ConfigNode node) {
        PeSettings s = new PeSettings(node.share("device_share"), node.number("conditional_share", 0, false, 1, true),
                node.integer("iterations", 1), node.integer("population", 1), node.number("variation_rate", 0, true, 1, false),
                node.number("variation_decay", 0, true, 1, false), node.texts("blocking"),
                node.choice("distance", List.of("workload", "mixed")), node.groups("marginals"));
        node.rejectUnknown();
        return s;
    }

    /** These settings with the command line's iterations and population where given. */
    public PeSettings with(Integer iterations, Integer population) {
        int t = iterations == null ? this.iterations : iterations;
        int n = population == null ? this.population : population;
        if (t < 1 || n < 1) {
            throw new BadInputException("--iterations and --population must be at least 1");
        }
        return new PeSettings(deviceShare, conditionalShare, t, n, variationRate, variationDecay, blocking, distance, marginals);
    }
}
