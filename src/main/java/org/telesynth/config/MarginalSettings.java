package org.telesynth.config;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How synthesize-marginal spends its budget and what its models may condition on, all public (config).
 *
 * @param deviceShare      share of the zCDP budget for the device model (the rest goes to the child tables)
 * @param oneWayShare      inside the device model: share for the one-way marginals (and the device count)
 * @param selectShare      inside the device model: share for the exponential-mechanism parent selections
 * @param maxCells         the most cells one measured marginal of the device model may have (parents x child)
 * @param rowsLevels       a child table's rows bucket: at most this many buckets of present devices
 * @param levels           a numeric column's level summary: at most this many levels of present devices
 * @param summaryMaxCategories a categorical column gets a top-category summary when it has at most this many cells
 * @param summaries        per table, the columns summarised (a table not named: every numeric column and every
 *                         categorical one within summary_max_categories)
 * @param maxRowCells      a child column's noisy grid (device summary x row parent x column) may have at most this
 *                         many cells; over it, the row parent is left out
 * @param rowSelectShare   of each child column's budget, the share for choosing its row parent (marginal method)
 * @param rowClip          a child table's column marginals weigh each device's rows at most this much together
 * @param deviceAttributes sysinfo columns (cpu_metadata's prefixed {@code cpu_}) of the device model; every child
 *                         table's presence is added
 * @param parents          per table, per column: the row column ({@code col}) or device attribute
 *                         ({@code device.attr}) it is drawn conditioned on
 */
public record MarginalSettings(double deviceShare, double oneWayShare, double selectShare, int maxCells, int rowsLevels, int levels,
                               int summaryMaxCategories, Map<String, List<String>> summaries, int maxRowCells, double rowSelectShare, int rowClip,
                               List<String> deviceAttributes, Map<String, Map<String, String>> parents) {

    static MarginalSettings parse(ConfigNode node) {
        double deviceShare = node.share("device_share");
        double oneWayShare = node.share("one_way_share");
        double selectShare = node.share("select_share");
        if (oneWayShare + selectShare >= 1) {
            throw node.badKey("one_way_share", "plus select_share must stay below 1, not " + (oneWayShare + selectShare));
        }
        int maxCells = node.integer("max_cells", 4);
        int rowsLevels = node.integer("rows_levels", 1);
        int levels = node.integer("levels", 1);
        int summaryMaxCategories = node.integer("summary_max_categories", 2);
        Map<String, List<String>> summaries = new LinkedHashMap<>();
        ConfigNode sm = node.child("summaries");
        for (String table : sm.keys()) {
            summaries.put(table, sm.texts(table));
        }
        int maxRowCells = node.integer("max_row_cells", 4);
        double rowSelectShare = node.share("row_select_share");
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
        return new MarginalSettings(deviceShare, oneWayShare, selectShare, maxCells, rowsLevels, levels, summaryMaxCategories, summaries,
                maxRowCells, rowSelectShare, rowClip, attributes, parents);
    }

    /** The parent of a column, or null. */
    public String parent(String table, String column) {
        return parents.getOrDefault(table, Map.of()).get(column);
    }
}
