package org.telesynth.synth.dpvae;

import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.SynthesisPlan;
import org.telesynth.synth.Synthesizer;
import java.util.Set;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.nd4j.linalg.api.buffer.DataType;
import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.config.DpVaeSettings;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.privacy.RandomSource;
import org.telesynth.sim.EventLogSimulator;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.ReleaseBudget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mechanism study's event log ({@code simulate --profile eventlog}) through the DP-VAE, as the seeds did it:
 * one record per event over (product type, event type, time of event), the privacy unit a user. Contribution
 * bounding keeps at most m = {@code eventlog_events_per_user} events per user; each event's gradient is clipped
 * to C / m, so one user's summed gradient has norm at most C, and the Poisson sampling draws users (with all their
 * kept events): the subsampled Gaussian at the user level, the same accountant as the device-level training.
 * The public domains: the study's products and event types, and its window (2024-05-01, 92 days).
 */
public final class EventLogDpVae {
    static final List<String> PRODUCTS = List.of("A", "B", "C", "D", "E", "F", "Others");
    static final List<String> EVENTS = List.of("open", "close", "save", "reset", "error");
    static final String START = "2024-05-01 00:00:00";
    static final int WINDOW_SECONDS = 92 * 86400;

    private EventLogDpVae() {
    }

    /** The plan: the training's (epsilon, delta) share, then the noisy user and event counts as one zCDP budget. */
    public record Plan(ReleaseConfig config, double trainingEpsilon, double trainingDelta, Measurement userCount, Measurement eventCount,
                       DpVaeSettings settings) implements SynthesisPlan {
        public Plan(double epsilon, double delta, ReleaseConfig config, DpVaeSettings settings) {
            this(config, epsilon * settings.eventlogTrainingShare(), delta * settings.trainingDeltaShare(),
                    counts(epsilon, delta, settings), settings);
        }

        private Plan(ReleaseConfig config, double trainingEpsilon, double trainingDelta, Measurement[] counts, DpVaeSettings settings) {
            this(config, trainingEpsilon, trainingDelta, counts[0], counts[1], settings);
        }

        @Override
        public Map<String, Object> publicSettings() {
            return Map.of("dpvae", org.telesynth.io.Manifests.json().convertValue(settings, Map.class));
        }

        private static Measurement[] counts(double epsilon, double delta, DpVaeSettings s) {
            ReleaseBudget rest = ReleaseBudget.split(epsilon * (1 - s.eventlogTrainingShare()), delta * (1 - s.trainingDeltaShare()), 0.1, 0.5, false);
            return new Measurement[]{Measurement.gaussian("eventlog user count", rest.rho() / 2, 1),
                    // a user keeps at most m events
                    Measurement.gaussian("eventlog event count", rest.rho() / 2, s.eventlogEventsPerUser())};
        }

        @Override
        public List<PrivacyEvent> events() {
            return List.of(new PrivacyEvent.ApproxDp(trainingEpsilon, trainingDelta,
                    "DP-SGD training of the event VAE (noise calibrated to this after the noisy user count)"), userCount.event(), eventCount.event());
        }

        DpSgd training(double noisyUsers) {
            double q = Math.min(1, settings.batchSize() / Math.max(1, noisyUsers));
            int steps = (int) Math.ceil(settings.epochs() / q);
            double sigma = org.telesynth.privacy.NoiseCalibration.dpSgdNoiseMultiplier(trainingEpsilon, trainingDelta, q, steps);
            return new DpSgd(q, sigma, settings.clip(), steps, settings.learningRate(),
                    q * Math.max(1, noisyUsers) * settings.eventlogEventsPerUser());
        }
    }

    /** The layout: product and event type one-hot, the time as its position in the window, [0, 1]. */
    static Layout layout() {
        return new Layout.Builder().category("product", PRODUCTS.size()).category("event", EVENTS.size()).value("time").build();
    }

    /** The event log file of {@code --in} (the file, or the directory holding it); checked before any charge. */
    public static Path input(Path in) {
        Path file = Files.isDirectory(in) ? in.resolve(EventLogSimulator.TABLE + ".parquet") : in;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--in: no " + EventLogSimulator.TABLE + ".parquet in " + in + " (simulate --profile eventlog writes one)");
        }
        return file;
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
            EventLogDpVae.input(in);
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
        ReleaseConfig config = plan.config();
        Path file = input(in);
        Nd4jSetup.configure(plan.settings().threads());
        int m = plan.settings().eventlogEventsPerUser();
        Connection c = Duck.open(0, "2GB", out.scratch("spill"));
        try (c) {
            // contribution bounding: each user's first m events in a fixed data-independent order (a hash of the event)
            Duck.exec(c, "CREATE TEMP TABLE kept AS SELECT dense_rank() OVER (ORDER BY \"User ID\") - 1 AS u,"
                    + " coalesce(list_position(" + Duck.textList(PRODUCTS) + ", \"Product Type\"), " + PRODUCTS.size() + ") - 1 AS p,"
                    + " coalesce(list_position(" + Duck.textList(EVENTS) + ", \"Event Type\"), 1) - 1 AS e,"
                    + " least(greatest(epoch(\"Time of Event\") - epoch(TIMESTAMP '" + START + "'), 0), " + (WINDOW_SECONDS - 1) + ")::DOUBLE / " + WINDOW_SECONDS + " AS t"
                    + " FROM (SELECT *, row_number() OVER (PARTITION BY \"User ID\" ORDER BY hash(\"Time of Event\", \"Event Type\", \"Product Type\")) AS r"
                    + " FROM read_parquet(" + Duck.literal(file.toString()) + ")) WHERE r <= " + m);
            Measurer measure = new Measurer(c, random, config);
            // sensitivity (plan): one user, counted once; its at most m kept events
            double users = measure.count(plan.userCount(), "SELECT count(DISTINCT u) FROM kept");
            double events = measure.count(plan.eventCount(), "SELECT count(*) FROM kept");
            String order = " ORDER BY u, p, e, t) FROM kept";
            int[] user = Duck.queryIntList(c, "SELECT list(u" + order);
            int[] product = Duck.queryIntList(c, "SELECT list(p" + order);
            int[] event = Duck.queryIntList(c, "SELECT list(e" + order);
            double[] time = Duck.queryDoubleList(c, "SELECT list(t" + order);
            int realUsers = user.length == 0 ? 0 : user[user.length - 1] + 1;
            int[] firstEvent = new int[realUsers + 1];
            for (int i = 0, u = 0; u <= realUsers; u++) {
                while (i < user.length && user[i] < u) {
                    i++;
                }
                firstEvent[u] = i;
            }
            Layout layout = layout();
            DpSgd sgd = plan.training(users);
            NoiseStream noise = new NoiseStream(random);
            NoiseStream aux = new NoiseStream(RandomSource.seeded(random.nextLong()));
            Vae vae = Vae.init(layout, plan.settings().hidden(), plan.settings().latent(), DataType.FLOAT, aux);
            progress.step(String.format("  DP-SGD on users: %,d steps at sampling rate %.4g, noise multiplier %.4f, clip %.2g per user"
                    + " (%.2g per event, at most %d events per user)", sgd.steps(), sgd.samplingRate(), sgd.noiseMultiplier(), sgd.clip(), sgd.clip() / m, m));
            // sensitivity (DpSgd): a user's at most m events, each clipped to C / m, move the sum by at most C
            sgd.withExamplesPerRecord(m).train(vae, realUsers, users0 -> {
                int count = 0;
                for (int u : users0) {
                    count += firstEvent[u + 1] - firstEvent[u];
                }
                int[] rows = new int[count];
                int at = 0;
                for (int u : users0) {
                    for (int i = firstEvent[u]; i < firstEvent[u + 1]; i++) {
                        rows[at++] = i;
                    }
                }
                float[] x = new float[count * layout.width()];
                for (int i = 0; i < count; i++) {
                    int o = i * layout.width();
                    x[o + product[rows[i]]] = 1;
                    x[o + PRODUCTS.size() + event[rows[i]]] = 1;
                    x[o + PRODUCTS.size() + EVENTS.size()] = (float) time[rows[i]];
                }
                return org.nd4j.linalg.factory.Nd4j.create(x, new long[]{count, layout.width()}, 'c');
            }, noise, aux, true, progress);

            int n = (int) Math.max(1, Math.round(events));
            int syntheticUsers = (int) Math.max(1, Math.round(users));
            double[] decoded = vae.sample(n, new double[layout.width()], aux);
            int[] sp = new int[n];
            int[] se = new int[n];
            int[] ss = new int[n];
            int[] su = new int[n];
            for (int i = 0; i < n; i++) {
                int o = i * layout.width();
                sp[i] = argmax(decoded, o, PRODUCTS.size());
                se[i] = argmax(decoded, o + PRODUCTS.size(), EVENTS.size());
                ss[i] = (int) Math.min(WINDOW_SECONDS - 1, decoded[o + PRODUCTS.size() + EVENTS.size()] * WINDOW_SECONDS);
                su[i] = i % syntheticUsers;
            }
            write(c, sp, se, ss, su, out.file(EventLogSimulator.TABLE + ".parquet"));
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put(EventLogSimulator.TABLE, (long) n);
            progress.step(String.format("  %s: %,d synthetic events of %,d synthetic users", EventLogSimulator.TABLE, n, syntheticUsers));
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    private static void write(Connection c, int[] product, int[] event, int[] second, int[] user, Path file) throws SQLException {
        Duck.exec(c, "CREATE TABLE synth (p INTEGER[], e INTEGER[], s INTEGER[], u INTEGER[])");
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "synth")) {
            a.beginRow().append(product).append(event).append(second).append(user).endRow();
        }
        Duck.copyToParquet(c, "SELECT list_extract(" + Duck.textList(PRODUCTS) + ", p + 1) AS \"Product Type\", list_extract("
                + Duck.textList(EVENTS) + ", e + 1) AS \"Event Type\","
                + " TIMESTAMP '" + START + "' + to_seconds(s::BIGINT) AS \"Time of Event\", 'S' || lpad(u::VARCHAR, 8, '0') AS \"User ID\""
                + " FROM (SELECT unnest(p) AS p, unnest(e) AS e, unnest(s) AS s, unnest(u) AS u FROM synth)", file);
    }

    private static int argmax(double[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            best = v[from + j] > v[from + best] ? j : best;
        }
        return best;
    }
}
