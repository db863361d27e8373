package org.telesynth.io;

import org.telesynth.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
