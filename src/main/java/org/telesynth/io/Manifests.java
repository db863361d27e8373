package org.telesynth.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.telesynth.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Provenance files written beside every stage's outputs, so a run can be repeated from its manifest alone. */
public final class Manifests {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifests() {
    }

    public static Map<String, Object> load(String in, boolean dropOrphans, Map<String, FleetLoader.TableLoad> tables,
                                           java.util.List<String> absentTables, JsonNode sourceManifest, double wallSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", "load");
        m.put("code_version", Version.version());
        m.put("input", in);
        m.put("drop_orphans", dropOrphans);
        m.put("tables", tables);
        m.put(AbsentTables.KEY, absentTables);
        m.put("wall_seconds", Math.round(wallSeconds * 10) / 10.0);
        if (sourceManifest != null) {
            m.put("source_manifest", sourceManifest);
        }
        return m;
    }

    /** The manifest in {@code file}, or null when there is none. */
    /** The texts listed under {@code key} in {@code dir/manifest.json}; none without the manifest or the key. */
    public static java.util.List<String> listed(Path dir, String key) {
        JsonNode m = readIfPresent(dir.resolve("manifest.json"));
        java.util.List<String> out = new java.util.ArrayList<>();
        if (m != null) {
            m.path(key).forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    public static JsonNode readIfPresent(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void write(Path file, Map<String, Object> manifest) {
        try {
            JSON.writeValue(file.toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes {@code value} as JSON through a temporary sibling and an atomic move, so that a reader (or a re-run after
     * a kill) sees the old file or the new one, never a part; concurrent writers of the same file each use their own
     * temporary file.
     */
    public static void writeAtomically(Path file, Object value) {
        try {
            writeTextAtomically(file, JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + file + " as JSON", e);
        }
    }

    /** As {@link #writeAtomically} for text. */
    public static void writeTextAtomically(Path file, String text) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = java.nio.file.Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            java.nio.file.Files.writeString(tmp, text);
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
