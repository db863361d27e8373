package org.telesynth.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a stage may write: never over, inside or around one of its inputs (a release written into the real tables
 * would replace them), compared by real paths so that a symbolic link or {@code ..} cannot hide the overlap.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Refuses (bad input) an output {@code out} that is a regular file, or that is, contains or lies inside any of
     * the {@code inputs} (by option name, e.g. {@code "--in"}, then path; null paths are skipped).
     */
    public static void checkApart(String outOption, Path out, Object... optionsAndInputs) {
        if (Files.isRegularFile(out)) {
            throw new BadInputException(outOption + ": " + out + " is a file, not a directory");
        }
        Path o = real(out);
        for (int i = 0; i + 1 < optionsAndInputs.length; i += 2) {
            Path in = (Path) optionsAndInputs[i + 1];
            if (in == null) {
                continue;
            }
            Path r = real(in);
            if (o.equals(r) || o.startsWith(r) || r.startsWith(o)) {
                String how = o.equals(r) ? "is" : o.startsWith(r) ? "lies inside" : "contains";
                throw new BadInputException(outOption + ": " + out + " " + how + " " + optionsAndInputs[i] + " " + in
                        + ": write the output to a directory of its own");
            }
        }
    }

    /**
     * Refuses (bad input) an output directory that already holds something other than stale staging: a release
     * there was paid for, and replacing it silently would lose it. The message names that release (its run id,
     * method and epsilon, from its public manifest) and the way out ({@code --force}).
     */
    public static void checkNoEarlierRelease(String outOption, Path out) {
        if (!Files.isDirectory(out)) {
            return;
        }
        List<String> names;
        try (Stream<Path> list = Files.list(out)) {
            names = list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".staging-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list --out " + out, e);
        }
        if (names.isEmpty()) {
            return;
        }
        JsonNode m = names.contains("manifest.json") ? readQuietly(out.resolve("manifest.json")) : null;
        String what = m != null && m.has("run_id")
                ? "the release " + m.path("run_id").asText() + " (" + m.path("method").asText() + ", epsilon "
                  + m.at("/privacy/epsilon").asText() + ")"
                : names.size() + " files (" + String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "") + ")";
        throw new BadInputException(outOption + ": " + out + " already holds " + what
                + ", which would be lost: choose an empty directory, or pass --force to replace it");
    }

    private static JsonNode readQuietly(Path manifest) {
        try {
            return Manifests.json().readTree(manifest.toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The real path of {@code p}, or of its nearest existing ancestor with the rest appended. */
    public static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + p, e);
        }
    }
}
