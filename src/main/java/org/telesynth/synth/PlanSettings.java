package org.telesynth.synth;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Manifests;

import java.util.LinkedHashMap;
import java.util.Map;

/** The public settings a plan was built from, as the manifest records them. */
public final class PlanSettings {
    private PlanSettings() {
    }

    /**
     * The settings every method's relational half uses (partition selection, the budget weights, the bins, the
     * bounding's hash), plus the method's own section(s): name to settings record.
     */
    public static Map<String, Object> of(ReleaseConfig config, Map<String, Object> methodSections) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("partition_share", config.partitionShare());
        common.put("partition_delta_share", config.partitionDeltaShare());
        common.put("partition_values_per_device", config.partitionValuesPerDevice());
        common.put("device_count_weight", config.deviceCountWeight());
        common.put("table_weights", config.tableWeights());
        common.put("numeric_bins", config.numericBins());
        out.put("pertable", common);
        out.put("bounding", config.bounding());
        out.put("entities", Manifests.json().convertValue(config.entities(), Map.class));
        methodSections.forEach((name, section) -> out.put(name, Manifests.json().convertValue(section, Map.class)));
        return out;
    }
}
