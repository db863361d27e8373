package org.telesynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Atomic output for a stage: files are written into a hidden staging folder inside the output directory and
 * only moved into place (rename, same file system) by {@link #commit()}. If the stage fails, {@link #close()}
 * removes the staging folder, so the output directory is left exactly as it was.
 */
public final class StagedOutput implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final boolean targetExisted;
    private boolean committed;

    public StagedOutput(Path target) {
        this.target = target.toAbsolutePath().normalize();
        this.targetExisted = Files.exists(this.target);
        this.staging = this.target.resolve(".staging-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + target, e);
        }
    }

    /** Where to write {@code fileName} before commit. */
    public Path file(String fileName) {
        return staging.resolve(fileName);
    }

    /** The staging folder itself, for writers that fill a directory; its regular files are committed. */
    public Path directory() {
        return staging;
    }

    /** A scratch folder inside the staging area (e.g. for DuckDB spill files), removed with it. */
    public Path scratch(String name) {
        return staging.resolve(name);
    }

    public Path target() {
        return target;
    }

    /** Moves every staged regular file into the target directory, replacing files of the same name. */
    public void commit() {
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                moveAtomically(f, target.resolve(f.getFileName().toString()));
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move outputs into " + target, e);
        } finally {
            deleteTree(staging);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
            if (targetExisted) {
                return;
            }
            try (Stream<Path> left = Files.list(target)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(target);
                }
            } catch (IOException ignored) {
                // not empty: something else wrote there, leave it
            }
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
