package org.telesynth.synth.dpvae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.synth.relational.DeviceAttribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The device profile as the VAE sees it, on public bounds only:
 * <ul>
 *   <li>each device attribute one-hot over its public cells;</li>
 *   <li>each child table's presence as a bit, except the tables of a configured presence group
 *       ({@code dpvae.presence_groups}, tables the workload joins together), whose presences form one categorical
 *       block of 2^g patterns, so the softmax head learns their joint distribution directly (the platform-power
 *       query needs devices present in all four hw tables: rare, and lost when four bits are modelled apart);</li>
 *   <li>each child table's rows per device n in [1, k] as log(n) / log(k) in [0, 1] (k, the contribution bound, is
 *       public), its loss counted only where the table is present.</li>
 * </ul>
 * Records stay as compact codes (an int per attribute, a float per table); a batch's one-hot rows are built when it
 * is drawn, so 1 M devices take a few hundred MB, not a dense matrix.
 */
final class ProfileEncoding {
    private final List<DeviceAttribute> attributes;
    private final int[] cells;
    /** Per attribute: the contribution bound k of its child table, or 0 for a value attribute. */
    private final int[] k;
    /** Per layout block (but values): the attributes it encodes (one, or a presence group's, bit j = the j-th). */
    private final List<int[]> blockAttributes = new ArrayList<>();
    /** Per layout block (but values): whether it is a presence group's pattern. */
    private final List<Boolean> pattern = new ArrayList<>();
    /** Per presence attribute: its value (rows) column, else -1. */
    private final int[] valueColumn;
    private final Layout layout;

    /**
     * @param groups presence groups: each a list of child table names
     */
    ProfileEncoding(List<DeviceAttribute> attributes, int[] cells, int[] k, List<List<String>> groups) {
        this.attributes = attributes;
        this.cells = cells;
        this.k = k;
        int na = attributes.size();
        int[] groupOf = new int[na];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < groups.size(); g++) {
            for (String table : groups.get(g)) {
                int a = presenceOf(table);
                if (a < 0) {
                    throw new IllegalArgumentException("dpvae.presence_groups: no child table " + table);
                }
                groupOf[a] = g;
            }
        }
        Layout.Builder b = new Layout.Builder();
        List<int[]> maskOf = new ArrayList<>();
        for (int a = 0; a < na; a++) {
            maskOf.add(new int[0]);
        }
        boolean[] groupDone = new boolean[groups.size()];
        for (int a = 0; a < na; a++) {
            DeviceAttribute attr = attributes.get(a);
            if (attr.presenceOf() == null) {
                b.category(attr.name(), cells[a]);
                blockAttributes.add(new int[]{a});
                pattern.add(false);
            } else if (groupOf[a] < 0) {
                b.presence(attr.name());
                blockAttributes.add(new int[]{a});
                pattern.add(false);
                maskOf.set(a, new int[]{b.lastColumn()});
            } else if (!groupDone[groupOf[a]]) {
                groupDone[groupOf[a]] = true;
                int[] members = new int[groups.get(groupOf[a]).size()];
                for (int j = 0; j < members.length; j++) {
                    members[j] = presenceOf(groups.get(groupOf[a]).get(j));
                }
                int patterns = 1 << members.length;
                b.category("presence of " + String.join(" + ", groups.get(groupOf[a])), patterns);
                blockAttributes.add(members);
                pattern.add(true);
                int first = b.lastColumn() - patterns + 1;
                for (int j = 0; j < members.length; j++) {
                    List<Integer> cols = new ArrayList<>();
                    for (int p = 0; p < patterns; p++) {
                        if ((p >> j & 1) == 1) {
                            cols.add(first + p);
                        }
                    }
                    maskOf.set(members[j], cols.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
        valueColumn = new int[na];
        Arrays.fill(valueColumn, -1);
        for (int a = 0; a < na; a++) {
            if (attributes.get(a).presenceOf() != null) {
                b.value("rows:" + attributes.get(a).presenceOf().name(), maskOf.get(a));
                valueColumn[a] = b.lastColumn();
            }
        }
        this.layout = b.build();
    }

    private int presenceOf(String table) {
        for (int a = 0; a < attributes.size(); a++) {
            if (attributes.get(a).presenceOf() != null && attributes.get(a).presenceOf().name().equals(table)) {
                return a;
            }
        }
        return -1;
    }

    Layout layout() {
        return layout;
    }

    /** A table's rows per device on the model's scale. */
    static float scaledRows(double rows, int k) {
        return k <= 1 ? 0 : (float) (Math.log(Math.max(1, Math.min(k, rows))) / Math.log(k));
    }

    /** Back from the model's scale to rows in [1, k]. */
    static int rows(double scaled, int k) {
        return (int) Math.max(1, Math.min(k, Math.round(Math.exp(scaled * Math.log(Math.max(1, k))))));
    }

    /** The cell a record takes in a (non-value) block: an attribute's code, or a presence pattern's number. */
    private int cellOf(int block, int[][] codes, int record) {
        int[] members = blockAttributes.get(block);
        if (!pattern.get(block)) {
            return codes[members[0]][record];
        }
        int p = 0;
        for (int j = 0; j < members.length; j++) {
            p |= codes[members[j]][record] << j;
        }
        return p;
    }

    /**
     * The input rows of the given records.
     *
     * @param codes  codes[attribute][record]
     * @param scaled scaled[attribute][record]: rows on the model's scale for a presence attribute (else unused)
     */
    INDArray batch(int[][] codes, float[][] scaled, int[] records, DataType type) {
        int w = layout.width();
        float[] x = new float[records.length * w];
        for (int i = 0; i < records.length; i++) {
            int r = records[i];
            int row = i * w;
            for (int blk = 0; blk < blockAttributes.size(); blk++) {
                Layout.Block block = layout.blocks().get(blk);
                int cell = cellOf(blk, codes, r);
                if (block.kind() == Layout.Kind.CATEGORY) {
                    x[row + block.offset() + cell] = 1;
                } else {
                    x[row + block.offset()] = cell;
                }
            }
            for (int a = 0; a < attributes.size(); a++) {
                if (valueColumn[a] >= 0 && codes[a][r] == 1) {
                    x[row + valueColumn[a]] = scaled[a][r];
                }
            }
        }
        return Nd4j.create(x, new long[]{records.length, w}, 'c').castTo(type);
    }

    /** The non-value blocks that are presence patterns ({@code patterns} true) or not, in layout order. */
    List<Integer> blocks(boolean patterns) {
        List<Integer> out = new ArrayList<>();
        for (int blk = 0; blk < blockAttributes.size(); blk++) {
            if (pattern.get(blk) == patterns) {
                out.add(blk);
            }
        }
        return out;
    }

    /**
     * The given blocks' cell counts, concatenated (a presence bit: absent, present). Private: for a mechanism only.
     * A device sits in one cell of each block, so the vector's L2 sensitivity is sqrt(number of blocks).
     */
    long[] counts(List<Integer> blocks, int[][] codes) {
        int total = 0;
        for (int blk : blocks) {
            total += cellsOf(blk);
        }
        long[] out = new long[total];
        int records = codes[0].length;
        int offset = 0;
        for (int blk : blocks) {
            for (int r = 0; r < records; r++) {
                out[offset + cellOf(blk, codes, r)]++;
            }
            offset += cellsOf(blk);
        }
        return out;
    }

    private int cellsOf(int block) {
        Layout.Block b = layout.blocks().get(block);
        return b.kind() == Layout.Kind.PRESENCE ? 2 : b.width();
    }

    /** Splits released concatenated counts of {@code blocks} into {@code perBlock} (indexed by layout block). */
    void split(double[] released, List<Integer> blocks, double[][] perBlock) {
        int offset = 0;
        for (int blk : blocks) {
            perBlock[blk] = Arrays.copyOfRange(released, offset, offset + cellsOf(blk));
            offset += cellsOf(blk);
        }
    }

    /** Synthetic devices from the trained model: their attribute codes and, per child table, rows per device. */
    record Decoded(int[][] codes, int[][] rows) {
    }

    /**
     * Decodes {@code n} devices in chunks (bounded memory), the heads calibrated to the released one-way
     * marginals when given ({@link Vae#calibration}). Post-processing of the trained model.
     */
    Decoded decode(Vae vae, int n, double[][] oneWay, NoiseStream random) {
        double[] shift = oneWay == null ? new double[layout.width()] : vae.calibration(oneWay, 1 << 15, random);
        int na = attributes.size();
        int[][] codes = new int[na][n];
        int[][] rows = new int[na][];
        for (int a = 0; a < na; a++) {
            rows[a] = valueColumn[a] < 0 ? null : new int[n];
        }
        int w = layout.width();
        int chunk = 1 << 15;
        for (int from = 0; from < n; from += chunk) {
            int m = Math.min(chunk, n - from);
            double[] x = vae.sample(m, shift, random);
            for (int i = 0; i < m; i++) {
                int row = i * w;
                for (int blk = 0; blk < blockAttributes.size(); blk++) {
                    Layout.Block block = layout.blocks().get(blk);
                    int[] members = blockAttributes.get(blk);
                    int cell = 0;
                    if (block.kind() == Layout.Kind.CATEGORY) {
                        while (cell < block.width() - 1 && x[row + block.offset() + cell] == 0) {
                            cell++;
                        }
                    } else {
                        cell = x[row + block.offset()] == 1 ? 1 : 0;
                    }
                    if (!pattern.get(blk)) {
                        codes[members[0]][from + i] = cell;
                    } else {
                        for (int j = 0; j < members.length; j++) {
                            codes[members[j]][from + i] = cell >> j & 1;
                        }
                    }
                }
                for (int a = 0; a < na; a++) {
                    if (valueColumn[a] >= 0) {
                        rows[a][from + i] = rows(x[row + valueColumn[a]], k[a]);
                    }
                }
            }
        }
        return new Decoded(codes, rows);
    }
}
