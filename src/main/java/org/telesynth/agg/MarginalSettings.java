package org.telesynth.agg;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How synthesize-marginal spends its budget and what its models may condition on, all public (config).
 *
 * @param deviceShare      share of the zCDP budget for the device model (the rest goes to the child tables)
 * @param oneWayShare      inside the device model: share for the one-way marginals (and the device count)
 * @param selectShare      inside the device model: share for the exponential-mechanism tree selection
 * @param rowClip          a child table's column marginals weigh each device's rows at most this much together
 * @param deviceAttributes sysinfo columns (cpu_metadata's prefixed {@code cpu_}) of the device model; every child
 *                         table's presence is added
 * @param parents          per table, per column: the row column ({@code col}) or device attribute
 *                         ({@code device.attr}) it is drawn conditioned on
 */
public record MarginalSettings(double deviceShare, double oneWayShare, double selectShare, int rowClip, List<String> deviceAttributes,
                               Map<String, Map<String, String>> parents) {

    static MarginalSettings parse(JsonNode node, String source) {
        List<String> attributes = new ArrayList<>();
        node.path("device_attributes").forEach(a -> attributes.add(a.asText()));
        Map<String, Map<String, String>> parents = new LinkedHashMap<>();
        node.path("parents").fields().forEachRemaining(t -> {
            Map<String, String> columns = new LinkedHashMap<>();
            t.getValue().fields().forEachRemaining(c -> columns.put(c.getKey(), c.getValue().asText()));
            parents.put(t.getKey(), columns);
        });
        MarginalSettings s = new MarginalSettings(node.path("device_share").asDouble(0.4), node.path("one_way_share").asDouble(0.2),
                node.path("select_share").asDouble(0.1), node.path("row_clip").asInt(16), attributes, parents);
        if (!(s.deviceShare > 0 && s.deviceShare < 1) || !(s.oneWayShare > 0) || !(s.selectShare > 0) || s.oneWayShare + s.selectShare >= 1 || s.rowClip < 1) {
            throw new BadInputException(source + ": marginal.device_share must be in (0, 1), one_way_share and select_share positive with a sum below 1, row_clip >= 1");
        }
        return s;
    }

    /** The parent of a column, or null. */
    public String parent(String table, String column) {
        return parents.getOrDefault(table, Map.of()).get(column);
    }
}
