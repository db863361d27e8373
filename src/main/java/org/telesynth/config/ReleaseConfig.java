package org.telesynth.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;
import org.telesynth.io.Hashes;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public parameters of aggregation and synthesis ({@code config/default.yaml}, built into the jar, or a file
 * given with {@code --config} laid over it). Everything the release needs to know without looking at the data: the window,
 * per table the contribution bound k and the clamps of every numeric column, the budget split.
 *
 * @param source            where it was read from
 * @param hash              SHA-256 of the merged configuration as canonical JSON (recorded in manifests)
 * @param start             first day of the release window
 * @param days              window length
 * @param windowMinKeptShare the least share of a table's rows the window may keep before aggregate refuses the data
 * @param capEpsilon        cap given to a dataset's ledger at its first release
 * @param capDelta          same, delta
 * @param partitionShare    share of the zCDP budget (rho) for partition selection
 * @param partitionDeltaShare   share of delta for partition selection
 * @param partitionValuesPerDevice distinct open-domain values one device contributes per column
 * @param deviceCountWeight zCDP weight of the device count
 * @param tableWeights      zCDP weight per table
 * @param pertableDeviceModel how synthesize-pertable makes its device tables: {@code histogram} (one-way marginals)
 *                          or {@code dpvae} (a DP-SGD VAE over the device attributes)
 * @param numericBins       bins per numeric column
 * @param tables            per table: k and clamps
 * @param marginal          synthesize-marginal's budget split and conditioning
 * @param dpvae             synthesize-dpvae's training and budget split
 * @param pe                synthesize-pe's evolution and budget split
 * @param eventlog          the event-log modes' user bound and budget split
 * @param entities          per table, the columns drawn once per device slot (the generator's entity slots)
 * @param audit             the audit's quality gates
 * @param optionalTables    child tables {@code load} accepts missing from its input ({@code load.optional_tables}):
 *                          loaded empty and recorded as absent
 * @param eventSummaries    the event summaries this release writes beside the 19 tables (none unless set by
 *                          {@link #withEventSummaries}: from AGG's manifest, which names the event tables the input
 *                          held, a public fact about the export's files like its absent tables)
 */
public record ReleaseConfig(String source, String hash, LocalDate start, int days, double windowMinKeptShare, double capEpsilon, double capDelta,
                            double partitionShare, double partitionDeltaShare, int partitionValuesPerDevice,
                            double deviceCountWeight, Map<String, Double> tableWeights, String pertableDeviceModel, int numericBins,
                            Map<String, TableConfig> tables, MarginalSettings marginal,
                            DpVaeSettings dpvae, PeSettings pe, EventLogSettings eventlog, Map<String, EntitySlots> entities, AuditSettings audit,
                            List<String> optionalTables, List<String> eventSummaries) {

    /** The tables this release writes: the 19, then its event summaries. */
    public List<TableSchema> releaseTables() {
        List<TableSchema> out = new java.util.ArrayList<>(Schema.tables());
        eventSummaries.forEach(name -> out.add(Schema.findReleasable(name).orElseThrow()));
        return out;
    }

    /** The child tables this release writes. */
    public List<TableSchema> releaseChildTables() {
        return releaseTables().stream().filter(t -> !t.deviceTable()).toList();
    }

    /** The same configuration writing these event summaries too (names of {@link org.telesynth.schema.EventSummaries}). */
    public ReleaseConfig withEventSummaries(List<String> summaries) {
        for (String name : summaries) {
            if (org.telesynth.schema.EventSummaries.find(name).isEmpty()) {
                // the list comes from an AGG manifest: a name that is not a summary means a hand-made or altered AGG
                throw new BadInputException("--in: event_summaries names no event summary: " + name + " (run telesynth aggregate again)");
            }
        }
        return new ReleaseConfig(source, hash, start, days, windowMinKeptShare, capEpsilon, capDelta, partitionShare,
                partitionDeltaShare, partitionValuesPerDevice, deviceCountWeight, tableWeights, pertableDeviceModel, numericBins,
                tables, marginal, dpvae, pe, eventlog, entities, audit, optionalTables, List.copyOf(summaries));
    }

    /**
     * A many-row table's per-device entities: its {@code columns} take one of {@code slots} values per device, which
     * its rows repeat in turn (a device's displays, its blocker names), so distinct-device counts per value are real.
     */
    public record EntitySlots(int slots, java.util.List<String> columns) {
    }

    /** One table's bounds: k, the clamps, and the public value lists of discrete numeric columns. */
    public record TableConfig(int k, Map<String, Clamp> clamps, Map<String, double[]> values) {
        public Clamp clamp(String column) {
            return clamps.get(column);
        }

        /** The public values of a discrete numeric column, or null when it is binned. */
        public double[] values(String column) {
            return values.get(column);
        }
    }

    /** How the per-table baseline makes its device tables ({@code pertable.device_model}). */
    public static final List<String> DEVICE_MODELS = List.of("histogram", "dpvae");

    /** The built-in default, or the file given laid over it ({@link ConfigLayers}). */
    public static ReleaseConfig load(Path file) {
        return load(file, null);
    }

    /**
     * As {@link #load(Path)}, with one more layer of YAML laid on top ({@code overlay}, null for none): how a sweep
     * releases a method's variant, e.g. {@code pertable: {device_model: dpvae}}. The hash covers the merged result.
     */
    public static ReleaseConfig load(Path file, String overlay) {
        ConfigDiscovery found = ConfigDiscovery.of(file);
        return load(found, overlay);
    }

    /** As {@link #load(Path, String)} with the file already found. */
    static ReleaseConfig load(ConfigDiscovery found, String overlay) {
        return parse(merged(found, overlay), found.file() == null ? "built-in config/default.yaml" + (overlay == null ? "" : " + " + overlay)
                : found.file() + " (" + found.via() + ")" + (overlay == null ? "" : " + " + overlay));
    }

    /** The configuration in effect given {@code --config} (or null): the defaults with the discovered file laid over them. */
    public static JsonNode merged(Path file) {
        return merged(ConfigDiscovery.of(file), null);
    }

    private static JsonNode merged(ConfigDiscovery found, String overlay) {
        JsonNode tree = ConfigLayers.defaults();
        if (found.file() != null) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(found.file());
            } catch (IOException e) {
                throw new BadInputException(found.via() + ": cannot read " + found.file() + ": " + e.getMessage());
            }
            tree = ConfigLayers.overlay(tree, ConfigLayers.parse(bytes, found.file().toString()));
        }
        return overlay == null ? tree : ConfigLayers.overlay(tree, ConfigLayers.parse(overlay.getBytes(StandardCharsets.UTF_8), "overlay " + overlay));
    }

    /** A whole configuration given as YAML bytes laid over the defaults (tests). */
    static ReleaseConfig parse(byte[] bytes, String source) {
        return parse(ConfigLayers.overlay(ConfigLayers.defaults(), ConfigLayers.parse(bytes, source)), source);
    }

    private static ReleaseConfig parse(JsonNode tree, String source) {
        ConfigNode root = new ConfigNode(tree, "", source);
        ConfigNode window = root.child("window");
        LocalDate start;
        String startText = window.raw("start").asText();
        try {
            start = LocalDate.parse(startText);
        } catch (java.time.format.DateTimeParseException e) {
            throw window.badKey("start", "must be a date YYYY-MM-DD, not \"" + startText + "\"");
        }
        int days = window.integer("days", 1, 36_600);
        double minKept = window.number("min_kept_share", 0, false, 1, false);
        window.rejectUnknown();
        List<String> optionalTables = optionalTables(root.child("load"));
        ConfigNode budget = root.child("budget");
        double capEpsilon = budget.positive("cap_epsilon");
        double capDelta = budget.number("cap_delta", 0, false, 1, true);
        budget.rejectUnknown();
        ConfigNode pt = root.child("pertable");
        double partitionShare = pt.share("partition_share");
        double partitionDeltaShare = pt.share("partition_delta_share");
        int valuesPerDevice = pt.integer("partition_values_per_device", 1);
        double deviceCountWeight = pt.positive("device_count_weight");
        ConfigNode tw = pt.child("table_weights");
        double defaultWeight = tw.positive("default");
        for (String k : tw.keys()) {
            if (!k.equals("default") && Schema.findReleasable(k).isEmpty()) {
                throw tw.badKey(k, "names no table");
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (TableSchema t : Schema.releasable()) {
            weights.put(t.name(), tw.has(t.name()) ? tw.positive(t.name()) : defaultWeight);
        }
        String deviceModel = pt.choice("device_model", DEVICE_MODELS);
        pt.rejectUnknown();
        int bins = root.integer("numeric_bins", 2, 10_000);
        ConfigNode tablesNode = root.child("tables");
        for (String k : tablesNode.keys()) {
            if (Schema.findReleasable(k).isEmpty()) {
                throw tablesNode.badKey(k, "names no table");
            }
        }
        Map<String, TableConfig> tables = new LinkedHashMap<>();
        for (TableSchema t : Schema.releasable()) {
            if (!tablesNode.has(t.name())) {
                throw tablesNode.badKey(t.name(), "is missing (every table needs k and its clamps)");
            }
            tables.put(t.name(), table(t, tablesNode.child(t.name())));
        }
        ReleaseConfig c = new ReleaseConfig(source, Hashes.sha256(canonical(tree)), start, days, minKept, capEpsilon, capDelta,
                partitionShare, partitionDeltaShare, valuesPerDevice, deviceCountWeight, weights, deviceModel, bins, tables,
                MarginalSettings.parse(root.child("marginal")), DpVaeSettings.parse(root.child("dpvae")),
                PeSettings.parse(root.child("pe")), EventLogSettings.parse(root.child("eventlog")), entities(root.child("entities")), AuditSettings.parse(root.child("audit")),
                optionalTables, List.of());
        root.rejectUnknown();
        return c;
    }

    /** The merged tree as canonical JSON bytes (what {@link #hash()} is taken of). */
    private static byte[] canonical(JsonNode tree) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsBytes(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(tree, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code load.optional_tables}: child tables only, each once. A device table cannot be absent: sysinfo is the
     * device list every release and every query joins on, cpu_metadata its CPU attributes.
     */
    private static List<String> optionalTables(ConfigNode load) {
        List<String> names = load.texts("optional_tables");
        load.rejectUnknown();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            TableSchema t = Schema.tables().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> load.badKey("optional_tables", "names no table: " + name));
            if (t.deviceTable()) {
                throw load.badKey("optional_tables", "lists the device table " + name + ", which every release needs");
            }
            if (names.subList(0, i).contains(name)) {
                throw load.badKey("optional_tables", "lists " + name + " twice");
            }
        }
        return names;
    }

    private static Map<String, EntitySlots> entities(ConfigNode node) {
        Map<String, EntitySlots> out = new LinkedHashMap<>();
        for (String name : node.keys()) {
            TableSchema t = Schema.findReleasable(name).orElseThrow(() -> node.badKey(name, "names no table"));
            ConfigNode e = node.child(name);
            int slots = e.integer("slots", 1);
            java.util.List<String> columns = e.texts("columns");
            e.rejectUnknown();
            if (columns.isEmpty() || t.deviceTable()) {
                throw node.badKey(name, "needs columns, on a child table");
            }
            for (String c : columns) {
                if (t.column(c).isEmpty()) {
                    throw node.badKey(name + ".columns", "names no column " + c + " of " + t.name());
                }
            }
            out.put(t.name(), new EntitySlots(slots, columns));
        }
        return out;
    }

    private static TableConfig table(TableSchema t, ConfigNode node) {
        int k = node.integer("k", 1);
        ConfigNode clampNode = node.has("clamp") ? node.child("clamp") : null;
        JsonNode defaultClamp = node.has("default_clamp") ? node.raw("default_clamp") : null;
        Map<String, Clamp> clamps = new LinkedHashMap<>();
        if (clampNode != null) {
            for (String name : clampNode.keys()) {
                if (t.column(name).isEmpty()) {
                    throw clampNode.badKey(name, "names no column of " + t.name());
                }
            }
        }
        for (Column col : t.columns()) {
            boolean needsClamp = col.isNumeric() || (col.type().equals("TIMESTAMP") && t.deviceTable());
            if (!needsClamp) {
                if (clampNode != null && clampNode.has(col.name())) {
                    throw clampNode.badKey(col.name(), "is not a numeric column: it takes no clamp");
                }
                continue;
            }
            String key = node.path() + ".clamp." + col.name();
            JsonNode c = clampNode != null && clampNode.has(col.name()) ? clampNode.raw(col.name()) : defaultClamp;
            if (c == null) {
                throw node.bad(key, "is missing: every numeric column needs public bounds [lo, hi]");
            }
            clamps.put(col.name(), clamp(c, node, key));
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        if (node.has("values")) {
            ConfigNode v = node.child("values");
            for (String name : v.keys()) {
                if (!clamps.containsKey(name)) {
                    throw v.badKey(name, "names no numeric column");
                }
                double[] list = v.numbers(name);
                if (list.length == 0) {
                    throw v.badKey(name, "must list at least one value");
                }
                java.util.Arrays.sort(list);
                values.put(name, list);
            }
        }
        node.rejectUnknown();
        return new TableConfig(k, clamps, values);
    }

    private static Clamp clamp(JsonNode c, ConfigNode owner, String key) {
        boolean shape = c.isArray() && (c.size() == 2 || c.size() == 3) && c.get(0).isNumber() && c.get(1).isNumber()
                && (c.size() == 2 || (c.get(2).isTextual() && c.get(2).asText().equals("linear")));
        if (!shape) {
            throw owner.bad(key, "must be [lo, hi] or [lo, hi, \"linear\"], not " + c);
        }
        try {
            return new Clamp(c.get(0).asDouble(), c.get(1).asDouble(), c.size() > 2);
        } catch (IllegalArgumentException e) {
            throw owner.bad(key, e.getMessage());
        }
    }

    /**
     * What aggregate's bounding depends on, and nothing else: the window, and per table k, the clamps and the
     * public value lists. AGG records it; a release refuses an AGG whose bounding is not its plan's.
     */
    public Map<String, Object> bounding() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_start", start.toString());
        out.put("window_days", days);
        Map<String, Object> perTable = new LinkedHashMap<>();
        tables.forEach((name, tc) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("k", tc.k());
            Map<String, Object> clamps = new LinkedHashMap<>();
            tc.clamps().forEach((col, cl) -> clamps.put(col, java.util.List.of(cl.lo(), cl.hi(), cl.linear() ? "linear" : "log1p")));
            t.put("clamps", clamps);
            Map<String, Object> values = new LinkedHashMap<>();
            tc.values().forEach((col, v) -> values.put(col, java.util.Arrays.stream(v).boxed().toList()));
            t.put("values", values);
            perTable.put(name, t);
        });
        out.put("tables", perTable);
        return out;
    }

    public TableConfig table(String name) {
        return tables.get(name);
    }
}
