package org.telesynth.synth.eventlog;

/**
 * The released user-level model of an event log: the noisy marginals of {@link UserMarginals}, rounded and
 * clamped at 0 (post-processing). {@code hours} is null when the method takes times from elsewhere.
 *
 * @param users         users by primary product and error (P x 2)
 * @param usersByEvents the same by kept-events bucket (P x 2 x edges)
 * @param edges         the buckets' lower edges
 * @param eventsPerUser m, the last bucket's upper end
 * @param productMix    weighted products of a user's events by primary product (P x P)
 * @param eventTypes    weighted event types by the user's error and size group and the event's product (2 x G x P x E)
 * @param hours         weighted hours of day by product (P x 24), or null
 */
public record UserModel(long[] users, long[] usersByEvents, int[] edges, int eventsPerUser, long[] productMix, long[] eventTypes,
                        long[] hours) {
}
