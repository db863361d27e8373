package org.telesynth.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.Progress;
import org.telesynth.agg.Aggregator;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.StagedOutput;
import org.telesynth.io.TableViews;
import org.telesynth.pipeline.Synthesizers;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.ReleaseRunner;
import org.telesynth.synth.Synthesizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deep tier: a one-run privacy audit of the whole pipeline (Steinke, Nasr and Jagielski 2023). m canary devices
 * ({@link Canaries}) are each added to the members with probability 1/2; load, aggregate and the release run on
 * the result as a user would run them; the attacker ({@link CanaryAttack}) guesses from what a user sees which were
 * in; its right guesses give a lower confidence bound on the epsilon the pipeline really has ({@link OneRunBound}).
 * A bound above the claimed epsilon proves the claim false; one below it is evidence, not proof, that it holds.
 */
public final class CanaryAudit {

    /** A release of the canaried data: reads REAL and AGG, writes the release into {@code out}, printing into {@code log}. */
    public interface Release {
        void run(Path real, Path agg, Path out, Progress log);
    }

    /**
     * What the audit found.
     *
     * @param included canaries that were in; guesses the attacker's (one per canary); correct its right ones
     * @param tokens   canaries whose token the release showed
     * @param bound    the empirical lower bound on epsilon at {@code confidence}
     */
    public record Result(String method, int canaries, int included, int guesses, int correct, int tokens, double confidence,
                         double claimedEpsilon, double delta, double bound) {
    }

    private CanaryAudit() {
    }

    /**
     * The release {@code manifest} describes, made again on other data: its method, (epsilon, delta) and options,
     * with {@code config}; seeded only when {@code seed} is given.
     */
    public static Release replay(JsonNode manifest, ReleaseConfig config, Long seed) {
        String method = manifest.path("method").asText();
        Synthesizer<?> s = Synthesizers.get(method);
        Map<String, Integer> options = new TreeMap<>();
        manifest.at("/request/options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asInt()));
        ReleaseRequest request = new ReleaseRequest(manifest.at("/request/epsilon").asDouble(), manifest.at("/request/delta").asDouble(), options);
        return (real, agg, out, log) -> ReleaseRunner.release(s, config, request,
                new ReleaseRunner.Paths(s.input() == Synthesizer.Input.AGG ? agg : real, real, out, true), seed, RandomSource.of(seed), log);
    }

    /**
     * Runs the audit on {@code members} (a loaded dataset, which it only reads) in {@code work} (a fresh folder,
     * removed afterwards): {@code m} canaries, the claim (epsilon, delta) set as the canaried dataset's cap.
     */
    public static Result run(Path members, ReleaseConfig config, String method, double epsilon, double delta, Release release, int m,
                             double confidence, RandomSource random, Path work, Progress progress) {
        boolean[] included = new boolean[m];
        int in = 0;
        for (int i = 0; i < m; i++) {
            included[i] = (random.nextLong() & 1) == 1;
            in += included[i] ? 1 : 0;
        }
        int sampleSeed = (int) (random.nextLong() & 0x7fffffff);
        List<String> log = new ArrayList<>();
        Progress seen = new Progress() {
            @Override
            public void step(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add(message);
            }
        };
        try (Connection c = Duck.open()) {
            Path raw = work.resolve("raw");
            Path real = work.resolve("real");
            Path agg = work.resolve("agg");
            Path out = work.resolve("release");
            Files.createDirectories(raw);
            progress.step(String.format("deep tier: %d canaries, each in with probability 1/2 -> %s", m, work));
            TableViews.createIn(c, members, "members");
            Canaries.write(c, "members", included, raw, sampleSeed);
            progress.step("deep tier: load, aggregate and " + method + " at epsilon " + epsilon + " on the canaried members");
            FleetLoader.load(raw, real, false, config, null, seen);
            Ledger.of(real).init(epsilon, delta);
            Aggregator.run(real, agg, config, seen);
            release.run(real, agg, out, seen);
            long[] hits = CanaryAttack.hits(c, out, log, m);
            int correct = 0;
            int tokens = 0;
            for (int i = 0; i < m; i++) {
                boolean guessIn = hits[i] > 0;
                tokens += guessIn ? 1 : 0;
                correct += guessIn == included[i] ? 1 : 0;
            }
            double bound = OneRunBound.epsilon(m, m, correct, delta, confidence);
            return new Result(method, m, in, m, correct, tokens, confidence, epsilon, delta, bound);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            StagedOutput.deleteTree(work);
        }
    }
}
