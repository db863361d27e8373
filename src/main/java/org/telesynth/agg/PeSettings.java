package org.telesynth.agg;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.util.ArrayList;
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

    static PeSettings parse(JsonNode node, String source) {
        List<String> blocking = new ArrayList<>();
        node.path("blocking").forEach(b -> blocking.add(b.asText()));
        PeSettings s = new PeSettings(node.path("device_share").asDouble(0.4), node.path("conditional_share").asDouble(0.3),
                node.path("iterations").asInt(16), node.path("population").asInt(50_000), node.path("variation_rate").asDouble(0.3),
                node.path("variation_decay").asDouble(0.7), List.copyOf(blocking), node.path("distance").asText("workload"),
                DpVaeSettings.groups(node.path("marginals")));
        if (!(s.deviceShare > 0 && s.deviceShare < 1) || !(s.conditionalShare >= 0 && s.conditionalShare < 1) || s.iterations < 1
                || s.population < 1 || !(s.variationRate > 0 && s.variationRate <= 1) || !(s.variationDecay > 0 && s.variationDecay <= 1)) {
            throw new BadInputException(source + ": pe.device_share in (0, 1), conditional_share in [0, 1), iterations and population"
                    + " >= 1, variation_rate and variation_decay in (0, 1]");
        }
        if (!s.distance.equals("workload") && !s.distance.equals("mixed")) {
            throw new BadInputException(source + ": pe.distance must be workload or mixed, not " + s.distance);
        }
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
