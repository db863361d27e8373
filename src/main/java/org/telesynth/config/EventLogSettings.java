package org.telesynth.config;

/**
 * How the event-log modes (synthesize-marginal --eventlog, synthesize-dpvae --eventlog) bound a user and split the
 * user-level model's budget, all public (config {@code eventlog:}).
 *
 * @param eventsPerUser   m: events kept per user for the weighted marginals and the events-per-user buckets (a
 *                        user's weights sum to a constant whatever m, so m bounds work, not sensitivity)
 * @param usersShare      share of epsilon for the users by primary product and error (discrete Laplace, pure DP)
 * @param eventsShare     shares of the zCDP rest: the users by product, error and kept-events bucket;
 * @param productMixShare the products of a user's events given the primary one;
 * @param eventTypesShare the event types given the product and the user's error;
 * @param hoursShare      the hour of day given the product (the marginal mode only; the DP-VAE's decoder gives
 *                        times, and its rest is split among the other three in proportion)
 */
public record EventLogSettings(int eventsPerUser, double usersShare, double eventsShare, double productMixShare,
                               double eventTypesShare, double hoursShare) {

    // at most 1024: UserMarginals.WEIGHT, the weight units a user's kept events share (each kept event weighs at least 1)
    static EventLogSettings parse(ConfigNode node) {
        EventLogSettings s = new EventLogSettings(node.integer("events_per_user", 1, 1024),
                node.number("users_share", 0, true, 1, true), node.share("events_share"), node.share("product_mix_share"),
                node.share("event_types_share"), node.share("hours_share"));
        double sum = s.eventsShare + s.productMixShare + s.eventTypesShare + s.hoursShare;
        if (Math.abs(sum - 1) > 1e-9) {
            throw node.badKey("hours_share", "makes the four zCDP shares sum to " + sum + ", not 1");
        }
        node.rejectUnknown();
        return s;
    }
}
