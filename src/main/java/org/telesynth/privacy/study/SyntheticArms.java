package org.telesynth.privacy.study;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.io.Manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Synthetic event logs as arms of the study: each release is one run at the epsilon its manifest records, scored
 * with the direct arms' metrics (the error-rate z-scores' L-infinity error and the top set's IOU, from the
 * synthetic log's own user counts) and with what only a log can answer: the per-product event error rates'
 * range coverage, the hours of day by product (mean total variation) and the events per user (KS distance).
 */
public final class SyntheticArms {
    private SyntheticArms() {
    }

    /** One synthetic arm: a method's name and the folder of its releases (one release, or one per subfolder). */
    public record Arm(String name, Path dir) {
        /** {@code METHOD=DIR}, as {@code --synthetic} takes it. */
        public static Arm parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new BadInputException("--synthetic: expected METHOD=DIR, not " + text);
            }
            String name = text.substring(0, eq);
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new BadInputException("--synthetic: a method name is letters, digits, '_', '.' or '-', not " + name);
            }
            return new Arm(name, Path.of(text.substring(eq + 1)));
        }

        /** The releases of this arm, in name order; bad input when there is none, or one lacks its manifest's epsilon. */
        public List<Path> releases() {
            if (Files.isRegularFile(dir.resolve("eventlog.parquet"))) {
                return List.of(dir);
            }
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("--synthetic " + name + ": no folder " + dir);
            }
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> out = s.filter(p -> Files.isRegularFile(p.resolve("eventlog.parquet"))).sorted().toList();
                if (out.isEmpty()) {
                    throw new BadInputException("--synthetic " + name + ": no eventlog.parquet in " + dir + " or its subfolders");
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static double epsilon(Path release) {
            JsonNode m = Manifests.readIfPresent(release.resolve("manifest.json"));
            JsonNode e = m == null ? null : m.path("request").path("epsilon");
            if (e == null || !e.isNumber()) {
                throw new BadInputException(release + ": no manifest.json with request.epsilon (a synthesize-* release has one)");
            }
            return e.asDouble();
        }
    }

    /** Every release of every arm, scored against the real log. */
    public static List<MechanismStudy.Run> score(LogStats real, List<Arm> arms, Progress progress) {
        double[] trueZ = zScores(real.counts());
        List<MechanismStudy.Run> out = new ArrayList<>();
        for (Arm arm : arms) {
            List<Path> releases = arm.releases();
            List<Double> epsilons = releases.stream().map(Arm::epsilon).toList(); // all checked before any is read
            Map<Double, Integer> runs = new HashMap<>();
            for (int i = 0; i < releases.size(); i++) {
                LogStats s = LogStats.read(releases.get(i), real.products());
                double[] z = zScores(s.counts());
                int run = runs.merge(epsilons.get(i), 1, Integer::sum) - 1;
                out.add(new MechanismStudy.Run(arm.name(), true, epsilons.get(i), run, MechanismStudy.linf(trueZ, z), MechanismStudy.iou(trueZ, z),
                        LogStats.rateCoverage(real.errorRate(), s.errorRate()), LogStats.hourTv(real.hourShares(), s.hourShares()),
                        LogStats.ks(real.usersByEvents(), s.usersByEvents())));
            }
            progress.step("  " + arm.name() + ": " + releases.size() + " synthetic logs");
        }
        return out;
    }

    static double[] zScores(ProductCounts c) {
        double[] total = new double[c.total().length];
        double[] errors = new double[total.length];
        for (int i = 0; i < total.length; i++) {
            total[i] = c.total()[i];
            errors[i] = c.errors()[i];
        }
        return ProductCounts.zScores(ProductCounts.rates(total, errors));
    }
}
