package org.telesynth.synth.dpvae;

import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.SynthesisPlan;
import org.telesynth.synth.Synthesizer;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.telesynth.Progress;
import org.telesynth.config.DpVaeSettings;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.privacy.RandomSource;
import org.telesynth.sim.EventLogSimulator;
import org.telesynth.synth.eventlog.EventLogDomain;
import org.telesynth.synth.eventlog.LogAssembler;
import org.telesynth.synth.eventlog.UserLog;
import org.telesynth.synth.eventlog.UserModel;
import org.telesynth.synth.eventlog.UserModelPlan;

import static org.telesynth.synth.eventlog.EventLogDomain.EVENTS;
import static org.telesynth.synth.eventlog.EventLogDomain.PRODUCTS;
import static org.telesynth.synth.eventlog.EventLogDomain.WINDOW_SECONDS;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mechanism study's event log ({@code simulate --profile eventlog}) through the DP-VAE, steered to the
 * user-level model: a VAE over one record per event (product type, event type, time of event), the privacy unit a
 * user. Contribution bounding keeps at most m = {@code eventlog_events_per_user} events per user for training;
 * each event's gradient is clipped to C / m, so one user's summed gradient has norm at most C, and the Poisson
 * sampling draws users (with all their kept events): the subsampled Gaussian at the user level. An event-level VAE
 * has no users, and on its own it flattens the product x event interaction the study measures (each product's
 * error rate near the mean, docs/methods/dpvae.md), so the log is assembled user by user from the user-level model
 * of the marginal mode without its hours ({@link UserModelPlan}: users by primary product and error, their kept
 * events, product mix and event types), and the decoder gives each event's time given its product.
 */
public final class EventLogDpVae {
    /** Decoded events whose times, by product, the assembled log draws from (public: a fixed pool size). */
    static final int TIME_POOL = 200_000;
    static final int DAYS = WINDOW_SECONDS / 86400;

    private EventLogDpVae() {
    }

    /** The plan: the training's (epsilon, delta) share, then the user-level model beside it. */
    public record Plan(ReleaseConfig config, double trainingEpsilon, double trainingDelta, UserModelPlan model,
                       DpVaeSettings settings) implements SynthesisPlan {
        public Plan(double epsilon, double delta, ReleaseConfig config, DpVaeSettings settings) {
            this(config, epsilon * settings.eventlogTrainingShare(), delta * settings.trainingDeltaShare(), settings, epsilon, delta);
        }

        private Plan(ReleaseConfig config, double trainingEpsilon, double trainingDelta, DpVaeSettings settings, double epsilon, double delta) {
            this(config, trainingEpsilon, trainingDelta, UserModelPlan.of(epsilon, delta, config.eventlog(), false,
                    List.of(trainingEvent(trainingEpsilon, trainingDelta))), settings);
        }

        @Override
        public Map<String, Object> publicSettings() {
            return Map.of("dpvae", org.telesynth.io.Manifests.json().convertValue(settings, Map.class),
                    "eventlog", org.telesynth.io.Manifests.json().convertValue(config.eventlog(), Map.class));
        }

        @Override
        public List<PrivacyEvent> events() {
            List<PrivacyEvent> out = new ArrayList<>();
            out.add(trainingEvent(trainingEpsilon, trainingDelta));
            out.addAll(model.events());
            return out;
        }

        private static PrivacyEvent trainingEvent(double epsilon, double delta) {
            return new PrivacyEvent.ApproxDp(epsilon, delta, "DP-SGD training of the event VAE (noise calibrated to this after the noisy user count)");
        }

        DpSgd training(double noisyUsers) {
            double q = Math.min(1, settings.batchSize() / Math.max(1, noisyUsers));
            int steps = (int) Math.ceil(settings.epochs() / q);
            double sigma = org.telesynth.privacy.NoiseCalibration.dpSgdNoiseMultiplier(trainingEpsilon, trainingDelta, q, steps);
            return new DpSgd(q, sigma, settings.clip(), steps, settings.learningRate(),
                    q * Math.max(1, noisyUsers) * settings.eventlogEventsPerUser());
        }
    }

    /** The layout: product, event type and hour of day one-hot, the day as its position in the window, [0, 1]. */
    static Layout layout() {
        return new Layout.Builder().category("product", PRODUCTS.size()).category("event", EVENTS.size())
                .category("hour", EventLogDomain.HOURS).value("day").build();
    }

    /** The method behind {@code synthesize-dpvae --eventlog}: its input is the event log folder, the unit a user. */
    public static final class Method implements Synthesizer<Plan> {
        @Override
        public String name() {
            return "dpvae-eventlog";
        }

        @Override
        public Input input() {
            return Input.EVENT_LOG;
        }

        @Override
        public void checkInput(Path in) {
            EventLogDomain.file(in);
        }

        @Override
        public Plan plan(ReleaseConfig config, ReleaseRequest request) {
            Set<String> known = Set.of("epochs", "batch_size");
            return new Plan(request.epsilon(), request.delta(), config,
                    config.dpvae().with(request.option("epochs", known), request.option("batch_size", known)));
        }

        @Override
        public Map<String, Long> synthesize(Path in, Plan plan, RandomSource random, StagedOutput out, Progress progress) {
            return EventLogDpVae.synthesize(in, plan, random, out, progress);
        }
    }

    static Map<String, Long> synthesize(Path in, Plan plan, RandomSource random, StagedOutput out, Progress progress) {
        Path file = EventLogDomain.file(in);
        Nd4jSetup.configure(plan.settings().threads());
        int m = plan.settings().eventlogEventsPerUser();
        Connection c = Duck.open(0, "2GB", out.scratch("spill"));
        try (c) {
            // the user-level model first: its noisy user count sets the training's sampling rate
            UserModel model = plan.model().measure(UserLog.read(c, file, plan.model().eventsPerUser()), random);
            double users = Arrays.stream(model.users()).sum();
            // the training's contribution bound: each user's first m events by the same hash order
            UserLog training = UserLog.read(c, file, m);
            int[] firstEvent = training.firstKept();
            Layout layout = layout();
            DpSgd sgd = plan.training(users);
            NoiseStream noise = new NoiseStream(random);
            NoiseStream aux = new NoiseStream(RandomSource.seeded(random.nextLong()));
            Vae vae = Vae.init(layout, plan.settings().hidden(), plan.settings().latent(), DataType.FLOAT, aux);
            progress.step(String.format("  DP-SGD on users: %,d steps at sampling rate %.4g, noise multiplier %.4f, clip %.2g per user"
                    + " (%.2g per event, at most %d events per user)", sgd.steps(), sgd.samplingRate(), sgd.noiseMultiplier(), sgd.clip(), sgd.clip() / m, m));
            // sensitivity (DpSgd): a user's at most m events, each clipped to C / m, move the sum by at most C
            sgd.withExamplesPerRecord(m).train(vae, training.users(), users0 -> {
                int count = 0;
                for (int u : users0) {
                    count += firstEvent[u + 1] - firstEvent[u];
                }
                float[] x = new float[count * layout.width()];
                int at = 0;
                for (int u : users0) {
                    for (int i = firstEvent[u]; i < firstEvent[u + 1]; i++, at++) {
                        int o = at * layout.width();
                        x[o + training.product()[i]] = 1;
                        x[o + PRODUCTS.size() + training.event()[i]] = 1;
                        int second = training.second()[i];
                        x[o + PRODUCTS.size() + EVENTS.size() + EventLogDomain.hourOf(second)] = 1;
                        x[o + PRODUCTS.size() + EVENTS.size() + EventLogDomain.HOURS] = (float) (second / 86400) / DAYS;
                    }
                }
                return org.nd4j.linalg.factory.Nd4j.create(x, new long[]{count, layout.width()}, 'c');
            }, noise, aux, true, progress);

            LogAssembler.Log synthetic = LogAssembler.assemble(model, decodedTimes(vae, layout, aux), random);
            LogAssembler.write(c, synthetic, out.file(EventLogSimulator.TABLE + ".parquet"));
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put(EventLogSimulator.TABLE, (long) synthetic.size());
            // the counts printed are of the synthetic log: mechanism outputs
            progress.step(String.format("  %s: %,d synthetic events of %,d synthetic users", EventLogSimulator.TABLE, synthetic.size(), (long) users));
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    /** Times by product from {@link #TIME_POOL} decoded events: an event of product x takes a decoded x's time (post-processing). */
    static LogAssembler.Times decodedTimes(Vae vae, Layout layout, NoiseStream aux) {
        double[] decoded = vae.sample(TIME_POOL, new double[layout.width()], aux);
        int[][] pools = new int[PRODUCTS.size()][TIME_POOL];
        int[] sizes = new int[PRODUCTS.size()];
        int[] all = new int[TIME_POOL];
        for (int i = 0; i < TIME_POOL; i++) {
            int o = i * layout.width();
            int p = argmax(decoded, o, PRODUCTS.size());
            int hour = argmax(decoded, o + PRODUCTS.size() + EVENTS.size(), EventLogDomain.HOURS);
            int day = (int) Math.max(0, Math.min(DAYS - 1, decoded[o + PRODUCTS.size() + EVENTS.size() + EventLogDomain.HOURS] * DAYS));
            int s = day * 86400 + hour * 3600;
            pools[p][sizes[p]++] = s;
            all[i] = s;
        }
        return (product, random) -> {
            int n = sizes[product];
            int[] pool = n == 0 ? all : pools[product];
            // the decoder gives the day and the hour; the second within the hour is uniform
            return pool[(int) (random.nextDouble() * (n == 0 ? TIME_POOL : n))] + (int) (random.nextDouble() * 3600);
        };
    }

    private static int argmax(double[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            best = v[from + j] > v[from + best] ? j : best;
        }
        return best;
    }
}
