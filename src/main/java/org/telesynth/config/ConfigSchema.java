package org.telesynth.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema of a user's configuration file ({@code config/telesynth.schema.json}), for editors that complete
 * and check YAML as it is typed. It is made from the built-in defaults, the one place where the keys are declared,
 * so it cannot drift from them: every mapping lists its keys and forbids others ({@code additionalProperties:
 * false}, as the loader does), every key is optional (a user's file overlays the defaults) and may be {@code null}
 * (which removes a default's entry). The mappings keyed by a table or column name are open: their values share
 * the schema of the defaults' entries. Ranges are checked by the loader alone, which names the key and the value.
 */
public final class ConfigSchema {
    /** Key paths whose mappings are keyed by open names (tables, columns), '*' standing for any one name. */
    private static final Set<String> OPEN = Set.of("pertable.table_weights", "entities", "marginal.parents", "marginal.parents.*",
            "marginal.summaries", "tables", "tables.*.clamp", "tables.*.values");

    private ConfigSchema() {
    }

    /** The schema, as a JSON document. */
    public static ObjectNode generate() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://github.com/telesynth/telesynth/config/telesynth.schema.json");
        root.put("title", "telesynth configuration");
        root.put("description", "A user's telesynth.yaml, laid over the built-in config/default.yaml (docs/config.md)."
                + " Generated from the defaults by ConfigSchema; do not edit by hand.");
        root.setAll(of(ConfigLayers.defaults(), "", json));
        return root;
    }

    private static ObjectNode of(JsonNode value, String path, ObjectMapper json) {
        ObjectNode s = json.createObjectNode();
        if (value.isObject()) {
            s.put("type", "object");
            if (OPEN.contains(path)) {
                // every entry of an open mapping takes the shape of the defaults' entries together (one table's settings like another's)
                s.set("additionalProperties", value.isEmpty() ? json.createObjectNode() : nullable(of(merged(value), path + ".*", json), json));
                return s;
            }
            ObjectNode properties = s.putObject("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                properties.set(e.getKey(), nullable(of(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), json), json));
            }
            s.put("additionalProperties", false);
        } else if (value.isArray()) {
            s.put("type", "array");
            if (!value.isEmpty() && value.get(0).isContainerNode()) {
                s.set("items", of(value.get(0), path + "[]", json));
            } else if (!value.isEmpty()) {
                // a clamp such as [0, 100, "linear"] mixes numbers and a scale's name
                java.util.TreeSet<String> types = new java.util.TreeSet<>();
                value.forEach(v -> types.add(of(v, path + "[]", json).get("type").asText()));
                ObjectNode items = s.putObject("items");
                if (types.size() == 1) {
                    items.put("type", types.first());
                } else {
                    ArrayNode t = items.putArray("type");
                    types.forEach(t::add);
                }
            }
        } else if (value.isBoolean()) {
            s.put("type", "boolean");
        } else if (value.isNumber()) {
            s.put("type", "number");
        } else {
            // a date such as window.start is a YAML string; enumerated choices (distance, device_model) are named in
            // docs/config.md and checked by the loader
            s.put("type", "string");
        }
        return s;
    }

    /** The union of the entries of an open mapping (each table names other columns), as one sample mapping. */
    private static JsonNode merged(JsonNode mapping) {
        ObjectNode union = new ObjectMapper().createObjectNode();
        boolean objects = true;
        for (Iterator<JsonNode> it = mapping.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            if (!v.isObject()) {
                objects = false;
                break;
            }
            v.fields().forEachRemaining(e -> union.putIfAbsent(e.getKey(), e.getValue()));
        }
        return objects ? union : mapping.elements().next();
    }

    private static ObjectNode nullable(ObjectNode s, ObjectMapper json) {
        JsonNode type = s.get("type");
        if (type != null && type.isTextual()) {
            ArrayNode types = json.createArrayNode().add(type.asText()).add("null");
            s.set("type", types);
        }
        return s;
    }
}
