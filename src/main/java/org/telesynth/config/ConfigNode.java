package org.telesynth.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict view of one YAML mapping of the configuration: every read names the key, checks the type and the range,
 * and remembers the key, so that {@link #rejectUnknown()} can refuse any key nobody read (a typo such as
 * {@code devce_share}). Errors are {@link BadInputException}s (exit 2) naming the key path and the value.
 * Defaults live in one place, the built-in {@code config/default.yaml} that a user's file overlays
 * ({@link ConfigLayers}), so a read here never supplies a default: a key missing after the overlay is an error.
 */
public final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final String source;
    private final Set<String> read = new HashSet<>();

    ConfigNode(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
        if (!node.isObject()) {
            throw bad(path.isEmpty() ? "the top level" : path, "must be a mapping, not " + show(node));
        }
    }

    /** The key path of this mapping, e.g. {@code marginal}. */
    public String path() {
        return path;
    }

    private String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode required(String name) {
        read.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw bad(key(name), "is missing");
        }
        return v;
    }

    /** Whether the mapping has {@code name} (and marks it read). */
    public boolean has(String name) {
        read.add(name);
        return node.has(name) && !node.get(name).isNull();
    }

    /** A nested mapping. */
    public ConfigNode child(String name) {
        return new ConfigNode(required(name), key(name), source);
    }

    /** A number in [lo, hi] ({@code loOpen}/{@code hiOpen} exclude the end). */
    public double number(String name, double lo, boolean loOpen, double hi, boolean hiOpen) {
        JsonNode v = required(name);
        if (!v.isNumber()) {
            throw bad(key(name), "must be a number, not " + show(v));
        }
        double x = v.asDouble();
        boolean ok = Double.isFinite(x) && (loOpen ? x > lo : x >= lo) && (hiOpen ? x < hi : x <= hi);
        if (!ok) {
            throw bad(key(name), "must be in " + (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + (hiOpen ? ")" : "]") + ", not " + show(v));
        }
        return x;
    }

    /** A share in the open interval (0, 1). */
    public double share(String name) {
        return number(name, 0, true, 1, true);
    }

    /** A positive finite number. */
    public double positive(String name) {
        return number(name, 0, true, Double.MAX_VALUE, false);
    }

    /** A whole number at least {@code min} (24.9 and "24" are refused, 24.0 is 24). */
    public int integer(String name, int min) {
        return integer(name, min, Integer.MAX_VALUE);
    }

    /** A whole number in [min, max]. */
    public int integer(String name, int min, int max) {
        JsonNode v = required(name);
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || Math.abs(v.asDouble()) > Integer.MAX_VALUE) {
            throw bad(key(name), "must be a whole number, not " + show(v));
        }
        int x = v.asInt();
        if (x < min || x > max) {
            throw bad(key(name), "must be " + (max == Integer.MAX_VALUE ? "at least " + min : "in [" + min + ", " + max + "]") + ", not " + show(v));
        }
        return x;
    }

    /** A string (YAML scalars that are not numbers or booleans). */
    public String text(String name) {
        JsonNode v = required(name);
        if (!v.isTextual()) {
            throw bad(key(name), "must be a string, not " + show(v));
        }
        return v.asText();
    }

    /** One of the allowed strings. */
    public String choice(String name, List<String> allowed) {
        String v = text(name);
        if (!allowed.contains(v)) {
            throw bad(key(name), "must be one of " + String.join(", ", allowed) + ", not " + v);
        }
        return v;
    }

    /** A list of strings (possibly empty). */
    public List<String> texts(String name) {
        return texts(required(name), key(name));
    }

    private List<String> texts(JsonNode v, String key) {
        if (!v.isArray()) {
            throw bad(key, "must be a list, not " + show(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw bad(key + "[" + i + "]", "must be a string, not " + show(v.get(i)));
            }
            out.add(v.get(i).asText());
        }
        return List.copyOf(out);
    }

    /** A list of lists of strings. */
    public List<List<String>> groups(String name) {
        JsonNode v = required(name);
        if (!v.isArray()) {
            throw bad(key(name), "must be a list of lists, not " + show(v));
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(texts(v.get(i), key(name) + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    /** A list of numbers. */
    public double[] numbers(String name) {
        JsonNode v = required(name);
        if (!v.isArray()) {
            throw bad(key(name), "must be a list of numbers, not " + show(v));
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
                throw bad(key(name) + "[" + i + "]", "must be a finite number, not " + show(v.get(i)));
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    /** The raw value of a key (for shapes this class does not type, such as a clamp). */
    public JsonNode raw(String name) {
        return required(name);
    }

    /** The mapping's keys, in file order, all marked read (the caller checks each). */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        read.addAll(out);
        return out;
    }

    /** A mapping of names to strings. */
    public Map<String, String> textMap(String name) {
        ConfigNode m = child(name);
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : m.keys()) {
            out.put(k, m.text(k));
        }
        return out;
    }

    /** Refuses the first key of this mapping that no read asked for. */
    public void rejectUnknown() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!read.contains(k)) {
                throw bad(key(k), "is not a known setting (check its spelling; see config/default.yaml)");
            }
        }
    }

    /** A bad-input error naming the key path of this config. */
    public BadInputException bad(String keyPath, String problem) {
        return new BadInputException(source + ": " + keyPath + " " + problem);
    }

    /** As {@link #bad(String, String)} for a key of this mapping. */
    public BadInputException badKey(String name, String problem) {
        return bad(key(name), problem);
    }

    private static String show(JsonNode v) {
        return v.isTextual() ? "\"" + v.asText() + "\"" : v.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
