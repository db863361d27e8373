package org.telesynth.synth.eventlog;

import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.privacy.RandomSource;
import org.telesynth.sim.EventLogSimulator;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.SynthesisPlan;
import org.telesynth.synth.Synthesizer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * synthesize-marginal --eventlog: the event log from user-level marginals alone. The users by primary product and
 * error with discrete Laplace, then users by kept-events bucket, the product mix, the event types and the hours of
 * day as discrete Gaussians ({@link UserModelPlan}); a log assembled user by user from them ({@link LogAssembler}).
 */
public final class EventLogMarginals implements Synthesizer<EventLogMarginals.Plan> {

    /** The plan: the user-level model with hours. */
    public record Plan(ReleaseConfig config, UserModelPlan model) implements SynthesisPlan {
        @Override
        public List<PrivacyEvent> events() {
            return model.events();
        }

        @Override
        public Map<String, Object> publicSettings() {
            return Map.of("eventlog", Manifests.json().convertValue(config.eventlog(), Map.class));
        }
    }

    @Override
    public String name() {
        return "marginal-eventlog";
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
        request.option("none", Set.of()); // refuses any method option: this mode has none
        return new Plan(config, UserModelPlan.of(request.epsilon(), request.delta(), config.eventlog(), true, List.of()));
    }

    @Override
    public Map<String, Long> synthesize(Path in, Plan plan, RandomSource random, StagedOutput out, Progress progress) {
        Path file = EventLogDomain.file(in);
        Connection c = Duck.open(0, "2GB", out.scratch("spill"));
        try (c) {
            UserLog log = UserLog.read(c, file, plan.model().eventsPerUser());
            UserModel model = plan.model().measure(log, random);
            LogAssembler.Log synthetic = LogAssembler.assemble(model, LogAssembler.fromHours(model.hours()), random);
            LogAssembler.write(c, synthetic, out.file(EventLogSimulator.TABLE + ".parquet"));
            // the counts printed are of the synthetic log: mechanism outputs
            progress.step(String.format("  %s: %,d synthetic events of %,d synthetic users", EventLogSimulator.TABLE, synthetic.size(),
                    java.util.Arrays.stream(model.users()).sum()));
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put(EventLogSimulator.TABLE, (long) synthetic.size());
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }
}
