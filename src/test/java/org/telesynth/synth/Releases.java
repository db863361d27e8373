package org.telesynth.synth;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Manifests;
import org.telesynth.pipeline.Synthesizers;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.RandomSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Releases in tests go the way the command line goes: the registry and the one release path. */
public final class Releases {
    private Releases() {
    }

    /**
     * A dataset directory of its own for a test's ledger: {@code dir} gets the manifest (and so the dataset id) of the
     * real tables {@code agg} was aggregated from, and a ledger with the given cap.
     */
    public static Path dataset(Path dir, Path agg, double capEpsilon, double capDelta) {
        try {
            Files.createDirectories(dir);
            JsonNode m = Manifests.readIfPresent(agg.resolve("manifest.json"));
            Files.copy(Path.of(m.path("input").asText()).resolve("manifest.json"), dir.resolve("manifest.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Ledger.of(dir).init(capEpsilon, capDelta);
        return dir;
    }

    /** One release with the default configuration. */
    public static ReleaseRunner.Result release(String method, Path agg, Path data, Path out, double epsilon, Long seed,
                                               Map<String, Integer> options) {
        return release(method, ReleaseConfig.load(null), agg, data, out, epsilon, seed, options);
    }

    /** One release. */
    public static ReleaseRunner.Result release(String method, ReleaseConfig config, Path agg, Path data, Path out, double epsilon,
                                               Long seed, Map<String, Integer> options) {
        return ReleaseRunner.release(Synthesizers.get(method), config, new ReleaseRequest(epsilon, 1e-5, options),
                new ReleaseRunner.Paths(agg, data, out), seed, RandomSource.of(seed), Progress.NONE);
    }
}
