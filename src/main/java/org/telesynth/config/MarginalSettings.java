package org.telesynth.config;


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

    static MarginalSettings parse(ConfigNode node) {
        double deviceShare = node.share("device_share");
        double oneWayShare = node.share("one_way_share");
        double selectShare = node.share("select_share");
        if (oneWayShare + selectShare >= 1) {
            throw node.badKey("one_way_share", "plus select_share must stay below 1, not " + (oneWayShare + selectShare));
        }
        int rowClip = node.integer("row_clip", 1);
        List<String> attributes = node.texts("device_attributes");
        if (attributes.size() != new java.util.HashSet<>(attributes).size()) {
            throw node.badKey("device_attributes", "names an attribute twice: " + attributes);
        }
        Map<String, Map<String, String>> parents = new LinkedHashMap<>();
        ConfigNode p = node.child("parents");
        for (String table : p.keys()) {
            parents.put(table, p.textMap(table));
        }
        node.rejectUnknown();
        return new MarginalSettings(deviceShare, oneWayShare, selectShare, rowClip, attributes, parents);
    }

    /** The parent of a column, or null. */
    public String parent(String table, String column) {
        return parents.getOrDefault(table, Map.of()).get(column);
    }
}
