package org.telesynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Atomic output for a stage: files are written into a hidden staging folder inside the output directory and
 * only moved into place (rename, same file system) by {@link #commit()}. If the stage fails, {@link #close()}
 * removes the staging folder, so the output directory is left exactly as it was. Scratch space (DuckDB's spill,
 * parts of tables) lives apart from the output when a scratch root is given: a release keeps it on the private
 * side, since a spill holds private rows. Staging and scratch folders are named after the process that made
 * them, and a later run removes those whose process is gone (left by a kill -9).
 */
public final class StagedOutput implements AutoCloseable {
    private static final String PREFIX = ".staging-";
    private final Path target;
    private final Path staging;
    private final Path scratch;
    private final boolean targetExisted;
    private final Map<String, String> parquetFooter;
    private boolean committed;

    /** Output into {@code target}, scratch space inside its staging folder (stages whose output is private). */
    public StagedOutput(Path target) {
        this(target, null);
    }

    /** Output into {@code target}, scratch space in a fresh folder under {@code scratchRoot} (the private side). */
    public StagedOutput(Path target, Path scratchRoot) {
        this(target, scratchRoot, Map.of());
    }

    /**
     * As {@link #StagedOutput(Path, Path)}, with the key-value metadata that the Parquet files written here are to
     * carry in their footers (a release's public provenance), for the writers to attach.
     */
    public StagedOutput(Path target, Path scratchRoot, Map<String, String> parquetFooter) {
        // kept in order: the footer's bytes follow it, and a seeded release must give the same bytes every time
        this.parquetFooter = Collections.unmodifiableMap(new LinkedHashMap<>(parquetFooter));
        this.target = target.toAbsolutePath().normalize();
        this.targetExisted = Files.exists(this.target);
        String name = PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
        this.staging = this.target.resolve(name);
        this.scratch = scratchRoot == null ? staging : scratchRoot.toAbsolutePath().normalize().resolve(name);
        try {
            Files.createDirectories(this.target);
            removeStale(this.target);
            Files.createDirectories(staging);
            if (scratchRoot != null) {
                Files.createDirectories(scratchRoot);
                removeStale(scratchRoot);
                Files.createDirectories(scratch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + target, e);
        }
    }

    /** Removes staging folders in {@code dir} whose process is no longer alive. */
    static void removeStale(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isDirectory).toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith(PREFIX)) {
                    continue;
                }
                String[] parts = n.substring(PREFIX.length()).split("-", 2);
                boolean alive;
                try {
                    alive = ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
                } catch (NumberFormatException e) {
                    alive = false; // an older build's staging (no pid): its process is long gone
                }
                if (!alive) {
                    deleteTree(p);
                }
            }
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

    /** A scratch folder (e.g. for DuckDB spill files), removed with the staging area. */
    public Path scratch(String name) {
        return scratch.resolve(name);
    }

    public Path target() {
        return target;
    }

    /** The key-value metadata for the footers of Parquet files written here; empty when none was given. */
    public Map<String, String> parquetFooter() {
        return parquetFooter;
    }

    /**
     * Moves every staged regular file into the target directory, replacing files of the same name. The manifest
     * goes last: a run killed halfway leaves the earlier manifest (or none), never a manifest over missing tables.
     */
    public void commit() {
        try (Stream<Path> files = Files.list(staging)) {
            Comparator<Path> manifestLast = Comparator.comparing((Path f) -> f.getFileName().toString().equals("manifest.json"))
                    .thenComparing(Comparator.naturalOrder());
            for (Path f : files.filter(Files::isRegularFile).sorted(manifestLast).toList()) {
                moveAtomically(f, target.resolve(f.getFileName().toString()));
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move outputs into " + target, e);
        } finally {
            deleteTree(staging);
            deleteTree(scratch);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
            deleteTree(scratch);
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

    /**
     * Removes a tree. Another process may remove the same stale tree at the same moment (two sweep cells starting
     * together after a kill both clear the dead cell's scratch): what it removed first is simply gone, so a path
     * vanishing under the walk counts as removed, not as a failure. Only a directory that refills while we empty it
     * is someone else's work in progress; after a few tries that is an error.
     */
    public static void deleteTree(Path root) {
        for (int attempt = 0; ; attempt++) {
            try {
                removeVanishingTree(root);
                return;
            } catch (DirectoryNotEmptyException refilled) {
                if (attempt >= 9) {
                    throw new UncheckedIOException(
                            "cannot remove " + root + ": it keeps changing while it is removed", refilled);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + root, e);
            }
        }
    }

    /** Depth-first removal where any entry may vanish at any moment (removed by a concurrent remover). */
    private static void removeVanishingTree(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return;
        }
        if (attributes.isDirectory()) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                entries.forEach(children::add);
            } catch (NoSuchFileException | DirectoryIteratorException gone) {
                if (gone instanceof DirectoryIteratorException d && !(d.getCause() instanceof NoSuchFileException)) {
                    throw d.getCause();
                }
                return;
            }
            for (Path child : children) {
                removeVanishingTree(child);
            }
        }
        Files.deleteIfExists(path);
    }
}
