package org.telesynth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Where the process's temporary files go: a fixed folder of ours under the system temp directory. The DuckDB driver
 * extracts its 60 MB native library into the temp directory at every start and deletes it only at a normal exit,
 * so a kill -9 used to leave one copy per killed run in /tmp. Here the copies live in one folder, and each start
 * removes those old enough that their process has long loaded (or lost) them: on Linux, a mapped library stays
 * valid after its file is removed, and a fresh copy is younger than {@link #STALE}.
 */
final class NativeTemp {
    static final Duration STALE = Duration.ofMinutes(10);

    private NativeTemp() {
    }

    /** Points {@code java.io.tmpdir} at our folder and removes stale native copies; call before anything else. */
    static void pin() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = root.resolve("telesynth-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_"));
        try {
            Files.createDirectories(dir);
            removeStale(dir, Instant.now().minus(STALE));
            System.setProperty("java.io.tmpdir", dir.toString());
        } catch (IOException | SecurityException e) {
            // keep the system temp directory: a run must not fail over where its scratch goes
        }
    }

    /** Removes the extracted native libraries in {@code dir} last modified before {@code before}. */
    static int removeStale(Path dir, Instant before) throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("libduckdb_java")).toList()) {
                try {
                    if (Files.getLastModifiedTime(f).compareTo(FileTime.from(before)) < 0 && Files.deleteIfExists(f)) {
                        removed++;
                    }
                } catch (IOException ignored) {
                    // another process removed it first
                }
            }
        }
        return removed;
    }
}
