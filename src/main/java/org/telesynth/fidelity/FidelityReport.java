package org.telesynth.fidelity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cross-table measure of a release beside its noise floor: the same measure between the real tables and an
 * independent fleet of the same size and story (for the simulated default, a second simulated fleet), so a
 * synthetic table set can be read as "k times the floor".
 *
 * @param release the release against the real tables
 * @param floor   an independent fleet against the real tables, or null when none was given
 */
public record FidelityReport(CrossTableFidelity.Result release, CrossTableFidelity.Result floor) {

    /** The release's mean TVD over the floor's, or null without a floor. */
    public Double ratio() {
        return floor == null || floor.mean() < 1e-9 ? null : release.mean() / floor.mean(); // a floor of float dust gives no ratio
    }

    /** The JSON shape of report.json's {@code cross_table_fidelity}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("release", release.summary());
        m.put("noise_floor", floor == null ? null : floor.summary());
        m.put("mean_tvd_over_floor", ratio());
        return m;
    }
}
