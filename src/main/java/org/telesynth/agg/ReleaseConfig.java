package org.telesynth.agg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.telesynth.BadInputException;
import org.telesynth.io.Hashes;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public parameters of aggregation and synthesis ({@code config/default.yaml}, built into the jar, or a file
 * given with {@code --config}). Everything the release needs to know without looking at the data: the window,
 * per table the contribution bound k and the clamps of every numeric column, the budget split.
 *
 * @param source            where it was read from
 * @param hash              SHA-256 of its bytes (recorded in manifests)
 * @param start             first day of the release window
 * @param days              window length
 * @param capEpsilon        cap given to a dataset's ledger at its first release
 * @param capDelta          same, delta
 * @param partitionShare    share of the zCDP budget (rho) for partition selection
 * @param partitionDeltaShare   share of delta for partition selection
 * @param partitionValuesPerDevice distinct open-domain values one device contributes per column
 * @param deviceCountWeight zCDP weight of the device count
 * @param tableWeights      zCDP weight per table
 * @param numericBins       bins per numeric column
 * @param tables            per table: k and clamps
 * @param marginal          synthesize-marginal's budget split and conditioning
 * @param dpvae             synthesize-dpvae's training and budget split
 * @param pe                synthesize-pe's evolution and budget split
 * @param entities          per table, the columns drawn once per device slot (the generator's entity slots)
 */
public record ReleaseConfig(String source, String hash, LocalDate start, int days, double capEpsilon, double capDelta,
                            double partitionShare, double partitionDeltaShare, int partitionValuesPerDevice,
                            double deviceCountWeight, Map<String, Double> tableWeights, int numericBins,
                            Map<String, TableConfig> tables, MarginalSettings marginal,
                            DpVaeSettings dpvae, PeSettings pe, Map<String, EntitySlots> entities) {

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

    private static final String DEFAULT = "/org/telesynth/config/default.yaml";

    /** The built-in default, or the file given. */
    public static ReleaseConfig load(Path file) {
        try {
            if (file == null) {
                try (InputStream in = ReleaseConfig.class.getResourceAsStream(DEFAULT)) {
                    if (in == null) {
                        throw new IllegalStateException("the default configuration is missing from the jar");
                    }
                    return parse(in.readAllBytes(), "built-in config/default.yaml");
                }
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("--config: no such file: " + file);
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new BadInputException("--config: cannot read " + file + ": " + e.getMessage());
        }
    }

    static ReleaseConfig parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode pt = root.path("pertable");
        Map<String, Double> weights = new LinkedHashMap<>();
        double defaultWeight = pt.path("table_weights").path("default").asDouble(1);
        Map<String, TableConfig> tables = new LinkedHashMap<>();
        int bins = root.path("numeric_bins").asInt(24);
        for (TableSchema t : Schema.tables()) {
            weights.put(t.name(), pt.path("table_weights").path(t.name()).asDouble(defaultWeight));
            tables.put(t.name(), table(t, root.path("tables").path(t.name()), source));
        }
        ReleaseConfig c = new ReleaseConfig(source, Hashes.sha256(bytes), LocalDate.parse(root.path("window").path("start").asText("2023-01-01")),
                root.path("window").path("days").asInt(30), root.path("budget").path("cap_epsilon").asDouble(4),
                root.path("budget").path("cap_delta").asDouble(1e-5), pt.path("partition_share").asDouble(0.1),
                pt.path("partition_delta_share").asDouble(0.5), pt.path("partition_values_per_device").asInt(8),
                pt.path("device_count_weight").asDouble(0.5), weights, bins, tables, MarginalSettings.parse(root.path("marginal"), source),
                DpVaeSettings.parse(root.path("dpvae"), source),
                PeSettings.parse(root.path("pe"), source), entities(root.path("entities"), source));
        if (c.days <= 0 || bins < 2 || !(c.partitionShare > 0 && c.partitionShare < 1)
                || !(c.partitionDeltaShare > 0 && c.partitionDeltaShare < 1) || c.partitionValuesPerDevice < 1) {
            throw new BadInputException(source + ": window.days, numeric_bins (>= 2), partition shares (in (0, 1)) or"
                    + " partition_values_per_device (>= 1) out of range");
        }
        return c;
    }

    private static Map<String, EntitySlots> entities(JsonNode node, String source) {
        Map<String, EntitySlots> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            TableSchema t = Schema.tables().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new BadInputException(source + ": entities." + e.getKey() + " names no table"));
            int slots = e.getValue().path("slots").asInt(0);
            java.util.List<String> columns = new java.util.ArrayList<>();
            e.getValue().path("columns").forEach(c -> columns.add(c.asText()));
            if (slots < 1 || columns.isEmpty() || t.deviceTable()) {
                throw new BadInputException(source + ": entities." + t.name() + " needs slots >= 1 and columns, on a child table");
            }
            for (String c : columns) {
                if (t.column(c).isEmpty()) {
                    throw new BadInputException(source + ": entities." + t.name() + ".columns: no column " + c);
                }
            }
            out.put(t.name(), new EntitySlots(slots, java.util.List.copyOf(columns)));
        });
        return out;
    }

    private static TableConfig table(TableSchema t, JsonNode node, String source) {
        if (node.isMissingNode()) {
            throw new BadInputException(source + ": tables." + t.name() + " is missing (every table needs k and its clamps)");
        }
        int k = node.path("k").asInt(0);
        if (k < 1) {
            throw new BadInputException(source + ": tables." + t.name() + ".k must be >= 1");
        }
        Map<String, Clamp> clamps = new LinkedHashMap<>();
        for (Column col : t.columns()) {
            boolean needsClamp = col.isNumeric() || (col.type().equals("TIMESTAMP") && t.deviceTable());
            if (!needsClamp) {
                continue;
            }
            JsonNode c = node.path("clamp").path(col.name());
            if (c.isMissingNode()) {
                c = node.path("default_clamp");
            }
            if (!c.isArray() || c.size() < 2) {
                throw new BadInputException(source + ": tables." + t.name() + ".clamp." + col.name()
                        + " is missing: every numeric column needs public bounds [lo, hi]");
            }
            try {
                clamps.put(col.name(), new Clamp(c.get(0).asDouble(), c.get(1).asDouble(), c.size() > 2 && c.get(2).asText().equals("linear")));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(source + ": tables." + t.name() + ".clamp." + col.name() + ": " + e.getMessage());
            }
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        node.path("values").fields().forEachRemaining(e -> {
            if (!clamps.containsKey(e.getKey())) {
                throw new BadInputException(source + ": tables." + t.name() + ".values." + e.getKey() + " names no numeric column");
            }
            double[] v = new double[e.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = e.getValue().get(i).asDouble();
            }
            java.util.Arrays.sort(v);
            values.put(e.getKey(), v);
        });
        return new TableConfig(k, clamps, values);
    }

    public TableConfig table(String name) {
        return tables.get(name);
    }
}
