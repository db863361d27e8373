package org.telesynth.synth.eventlog;

import org.telesynth.config.EventLogSettings;
import org.telesynth.privacy.GaussianCounts;
import org.telesynth.privacy.LaplaceCounts;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.ReleaseBudget;

import java.util.ArrayList;
import java.util.List;

/**
 * The budget of the user-level model, fixed before any data is read: {@code users_share} of the model's epsilon
 * for the users by primary product and error (discrete Laplace: each user in one cell, L1 sensitivity 1), then
 * the largest rho that composes with it and with the method's other events ({@code beside}: the DP-VAE's
 * training) to the release's epsilon, split among the other marginals by their shares (each a discrete Gaussian
 * at its L2 sensitivity, {@link UserMarginals}).
 *
 * @param usersEpsilon  the Laplace cells' epsilon
 * @param eventsPerUser m
 * @param byEvents      users by primary product, error and kept-events bucket (L2 1)
 * @param productMix    weighted product mix (L2 W)
 * @param eventTypes    weighted event types (L2 W)
 * @param hours         weighted hours of day (L2 W), or null when the method times events otherwise
 */
public record UserModelPlan(double usersEpsilon, int eventsPerUser, Measurement byEvents, Measurement productMix, Measurement eventTypes,
                            Measurement hours) {

    private static final String USERS = "eventlog users by primary product and error";

    /**
     * @param epsilon the release's total epsilon
     * @param delta   the release's total delta
     * @param beside  the method's other events (their epsilon is not the model's: users_share is of what remains)
     */
    public static UserModelPlan of(double epsilon, double delta, EventLogSettings s, boolean withHours, List<PrivacyEvent> beside) {
        double besideEpsilon = beside.stream().mapToDouble(e -> e instanceof PrivacyEvent.ApproxDp a ? a.epsilon() : 0).sum();
        double usersEpsilon = s.usersShare() * (epsilon - besideEpsilon);
        List<PrivacyEvent> fixed = new ArrayList<>(beside);
        fixed.add(new PrivacyEvent.PureDp(usersEpsilon, USERS));
        double rho = ReleaseBudget.rhoBeside(fixed, epsilon, delta);
        double shares = s.eventsShare() + s.productMixShare() + s.eventTypesShare() + (withHours ? s.hoursShare() : 0);
        double w = UserMarginals.WEIGHT;
        return new UserModelPlan(usersEpsilon, s.eventsPerUser(),
                Measurement.gaussian("eventlog users by primary product, error and kept events", rho * s.eventsShare() / shares, 1),
                Measurement.gaussian("eventlog product mix by primary product (user-weighted)", rho * s.productMixShare() / shares, w),
                Measurement.gaussian("eventlog event types by product, user error and size group (user-weighted)", rho * s.eventTypesShare() / shares, w),
                withHours ? Measurement.gaussian("eventlog hours of day by product (user-weighted)", rho * s.hoursShare() / shares, w) : null);
    }

    /** This model's privacy events, in plan order. */
    public List<PrivacyEvent> events() {
        List<PrivacyEvent> out = new ArrayList<>();
        out.add(new PrivacyEvent.PureDp(usersEpsilon, USERS));
        out.add(byEvents.event());
        out.add(productMix.event());
        out.add(eventTypes.event());
        if (hours != null) {
            out.add(hours.event());
        }
        return out;
    }

    /** Measures the model on the private log: each marginal once, with its noise; the rest is post-processing. */
    public UserModel measure(UserLog log, RandomSource random) {
        int[] edges = UserMarginals.bucketEdges(eventsPerUser);
        // sensitivity (UserMarginals.users): a user sits in one cell, L1 1
        long[] users = new LaplaceCounts(usersEpsilon, 1, random, USERS).release(UserMarginals.users(log));
        // sensitivity (UserMarginals): one cell per user, L2 1; the weighted ones: a user's weights sum to at most W, L2 <= W
        long[] buckets = gaussian(byEvents, UserMarginals.usersByEvents(log, edges), random);
        long[] mix = gaussian(productMix, UserMarginals.productMix(log), random);
        long[] types = gaussian(eventTypes, UserMarginals.eventTypes(log), random);
        long[] hourCells = hours == null ? null : gaussian(hours, UserMarginals.hours(log), random);
        return new UserModel(clamp(users), clamp(buckets), edges, eventsPerUser, clamp(mix), clamp(types), hourCells == null ? null : clamp(hourCells));
    }

    private static long[] gaussian(Measurement m, long[] truth, RandomSource random) {
        m.spend();
        return new GaussianCounts(m.rho(), m.sensitivity(), random, m.label()).release(truth);
    }

    private static long[] clamp(long[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0, v[i]);
        }
        return out;
    }
}
