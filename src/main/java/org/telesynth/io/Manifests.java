package org.telesynth.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.telesynth.cli.VersionProvider;
import org.telesynth.sim.SimulationOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Provenance files written beside every stage's outputs, so a run can be repeated from its manifest alone. */
public final class Manifests {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifests() {
    }

    public static Map<String, Object> simulation(SimulationOptions options, Map<String, Long> rows, double wallSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", "simulate");
        m.put("code_version", VersionProvider.version());
        m.put("profile", options.profile().name());
        m.put("devices", options.devices());
        m.put("days", options.days());
        m.put("start", options.start().toString());
        m.put("seed", options.seed());
        m.put("rows", rows);
        m.put("wall_seconds", Math.round(wallSeconds * 10) / 10.0);
        return m;
    }

    public static void write(Path file, Map<String, Object> manifest) {
        try {
            JSON.writeValue(file.toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
