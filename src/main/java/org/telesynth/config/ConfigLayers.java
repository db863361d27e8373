package org.telesynth.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.telesynth.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The configuration as layers: the built-in {@code config/default.yaml} (the one place where defaults are
 * declared) with a user's file laid over it. Mappings merge key by key, a list or a scalar replaces the default,
 * and a key set to {@code null} removes the default's entry (for example one of {@code marginal.parents}).
 */
final class ConfigLayers {
    static final String DEFAULT = "/org/telesynth/config/default.yaml";

    private ConfigLayers() {
    }

    static JsonNode defaults() {
        try (InputStream in = ConfigLayers.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("the default configuration is missing from the jar");
            }
            return parse(in.readAllBytes(), "built-in config/default.yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in configuration", e);
        }
    }

    static JsonNode parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new YAMLMapper().createObjectNode();
        }
        if (!root.isObject()) {
            throw new BadInputException(source + ": the top level must be a mapping of settings");
        }
        return root;
    }

    /** {@code over} laid over a copy of {@code base}. */
    static JsonNode overlay(JsonNode base, JsonNode over) {
        ObjectNode out = base.deepCopy();
        merge(out, over);
        return out;
    }

    private static void merge(ObjectNode into, JsonNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = into.get(e.getKey());
            if (e.getValue().isNull()) {
                into.remove(e.getKey());
            } else if (old != null && old.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) old, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
