package org.telesynth.synth.pe;

import org.telesynth.synth.AliasTable;
import org.telesynth.synth.ColumnSpec;
import org.telesynth.synth.relational.DeviceAttribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The conditional variant's workload marginals and how the APIs draw from them. Marginals: the configured groups
 * of device attributes ({@code pe.marginals}, public: attributes the query suite reads together; they may
 * overlap), then every attribute in none of them alone. A marginal's cell is the mixed-radix number of its
 * attributes' codes (first attribute most significant). Raking steers the population to one released histogram
 * per marginal. Draws: a partition of the attributes, one draw group per marginal holding its attributes that no
 * earlier marginal holds; the APIs draw and vary a draw group as one value, from its marginal's released
 * histogram summed over the attributes it does not hold. So a joint pattern that one device in ten thousand has
 * (the four hardware tables present together) can be born and kept, which independent per-attribute draws cannot.
 */
final class AttributeGroups {
    private final int[] attributeCells;
    private final int[][] marginals;
    private final int[] cells;
    private final int[][] draws;
    /** Per attribute: whether its cells are ordered public numeric values (the variation API steps along them). */
    private final boolean[] ordered;

    private AttributeGroups(int[][] marginals, int[] attributeCells, boolean[] ordered) {
        this.attributeCells = attributeCells;
        this.ordered = ordered;
        this.marginals = marginals;
        this.cells = new int[marginals.length];
        this.draws = new int[marginals.length][];
        boolean[] drawn = new boolean[attributeCells.length];
        for (int g = 0; g < marginals.length; g++) {
            cells[g] = product(marginals[g]);
            draws[g] = Arrays.stream(marginals[g]).filter(a -> !drawn[a]).toArray();
            for (int a : marginals[g]) {
                drawn[a] = true;
            }
        }
    }

    private int product(int[] members) {
        long c = 1;
        for (int a : members) {
            c *= attributeCells[a];
        }
        if (c > 1_000_000) {
            throw new org.telesynth.BadInputException("pe.marginals: a group of " + c + " cells; at most 1,000,000");
        }
        return (int) c;
    }

    /** Every attribute its own marginal. */
    static AttributeGroups singletons(int[] attributeCells) {
        int[][] members = new int[attributeCells.length][];
        for (int a = 0; a < members.length; a++) {
            members[a] = new int[]{a};
        }
        return new AttributeGroups(members, attributeCells, new boolean[attributeCells.length]);
    }

    /**
     * The configured groups (each a list of attribute names, or child table names for their presence), then
     * every attribute in none of them alone.
     */
    static AttributeGroups of(List<DeviceAttribute> attributes, int[] attributeCells, List<List<String>> groups) {
        List<int[]> members = new ArrayList<>();
        boolean[] used = new boolean[attributes.size()];
        for (List<String> group : groups) {
            int[] m = group.stream().mapToInt(name -> index(attributes, name)).toArray();
            if (Arrays.stream(m).distinct().count() < m.length) {
                throw new org.telesynth.BadInputException("pe.marginals: " + group + " names an attribute twice");
            }
            Arrays.stream(m).forEach(a -> used[a] = true);
            members.add(m);
        }
        for (int a = 0; a < attributes.size(); a++) {
            if (!used[a]) {
                members.add(new int[]{a});
            }
        }
        return new AttributeGroups(members.toArray(new int[0][]), attributeCells, orderedNumeric(attributes));
    }

    /** Per attribute, whether its cells are ordered public numeric values (a VALUES column: RAM sizes). */
    static boolean[] orderedNumeric(List<DeviceAttribute> attributes) {
        boolean[] out = new boolean[attributes.size()];
        for (int a = 0; a < out.length; a++) {
            out[a] = attributes.get(a).spec() != null && attributes.get(a).spec().kind() == ColumnSpec.Kind.VALUES;
        }
        return out;
    }

    private static int index(List<DeviceAttribute> attributes, String name) {
        for (int a = 0; a < attributes.size(); a++) {
            DeviceAttribute attr = attributes.get(a);
            if (attr.name().equals(name) || (attr.presenceOf() != null && attr.presenceOf().name().equals(name))) {
                return a;
            }
        }
        throw new org.telesynth.BadInputException("pe.marginals: " + name + " is neither a device attribute (marginal.device_attributes) nor a child table");
    }

    /** The number of marginals (each released and raked to; also the number of draw groups, some maybe empty). */
    int size() {
        return marginals.length;
    }

    /** The number of attributes. */
    int attributes() {
        return attributeCells.length;
    }

    int cells(int marginal) {
        return cells[marginal];
    }

    /** All marginals' cells, one histogram after another. */
    int totalCells() {
        return Arrays.stream(cells).sum();
    }

    /** Record {@code r}'s cell of marginal {@code g}. */
    int cellOf(int g, int[][] codes, int r) {
        int c = 0;
        for (int a : marginals[g]) {
            c = c * attributeCells[a] + codes[a][r];
        }
        return c;
    }

    /** The marginals' histograms of {@code codes}, one after another (a record adds 1 to one cell of each). */
    long[] counts(int[][] codes) {
        long[] out = new long[totalCells()];
        for (int g = 0, offset = 0; g < marginals.length; offset += cells[g], g++) {
            for (int r = 0; r < codes[0].length; r++) {
                out[offset + cellOf(g, codes, r)]++;
            }
        }
        return out;
    }

    /** Per draw group, the uniform distribution over its public cells (null for an empty group). */
    AliasTable[] uniform() {
        AliasTable[] out = new AliasTable[draws.length];
        for (int g = 0; g < draws.length; g++) {
            out[g] = draws[g].length == 0 ? null : AliasTable.of(new double[product(draws[g])]); // all-zero weights: uniform
        }
        return out;
    }

    /**
     * Per draw group, its marginal's released histogram ({@code released}: every marginal's, one after another;
     * negatives as 0) summed over the attributes the group does not hold (null for an empty group).
     */
    AliasTable[] released(double[] released) {
        AliasTable[] out = new AliasTable[draws.length];
        for (int g = 0, offset = 0; g < draws.length; offset += cells[g], g++) {
            if (draws[g].length == 0) {
                continue;
            }
            double[] w = new double[product(draws[g])];
            int[] codes = new int[attributeCells.length];
            for (int c = 0; c < cells[g]; c++) {
                int rest = c;
                for (int j = marginals[g].length - 1; j >= 0; j--) {
                    codes[marginals[g][j]] = rest % attributeCells[marginals[g][j]];
                    rest /= attributeCells[marginals[g][j]];
                }
                int d = 0;
                for (int a : draws[g]) {
                    d = d * attributeCells[a] + codes[a];
                }
                w[d] += Math.max(0, released[offset + c]);
            }
            out[g] = AliasTable.of(w);
        }
        return out;
    }

    /**
     * The attribute of draw group {@code g} if the group is one attribute with ordered numeric cells (RAM sizes,
     * say), which the variation API perturbs to a neighbouring public value rather than redraws; else -1.
     */
    int steppedAttribute(int g) {
        return draws[g].length == 1 && ordered[draws[g][0]] ? draws[g][0] : -1;
    }

    /** The number of cells of attribute {@code a}. */
    int attributeCells(int a) {
        return attributeCells[a];
    }

    /** Sets record {@code r}'s attributes of draw group {@code g} from the group's cell {@code cell}. */
    void setDrawn(int g, int cell, int[][] codes, int r) {
        int[] m = draws[g];
        for (int j = m.length - 1; j >= 0; j--) {
            codes[m[j]][r] = cell % attributeCells[m[j]];
            cell /= attributeCells[m[j]];
        }
    }
}
