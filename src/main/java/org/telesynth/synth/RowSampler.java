package org.telesynth.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The hook that lets a synthesizer condition a row's attributes on its device and on another column of the same
 * row: for each modelled column, the released models to draw from and which one a row uses. The per-table
 * baseline has one model per column.
 */
@FunctionalInterface
public interface RowSampler {
    Draw draw(ColumnSpec column);

    /**
     * A row of device d whose parent column drew cell p uses model {@code deviceGroup(d) * parentCells + p}.
     *
     * @param models       the released models, all over the same cells
     * @param deviceGroup  the device's group (null: one group)
     * @param parentColumn a column of the same row this one is conditioned on (drawn first), or null
     */
    record Draw(List<ColumnModel> models, IntUnaryOperator deviceGroup, String parentColumn) {
        public Draw {
            if (models.isEmpty()) {
                throw new IllegalArgumentException("a draw needs at least one model");
            }
            int cells = models.get(0).cells();
            if (models.stream().anyMatch(m -> m.cells() != cells)) {
                throw new IllegalArgumentException("the models of one draw must share their cells");
            }
        }

        /** One model for every row. */
        public static Draw of(ColumnModel model) {
            return new Draw(List.of(model), null, null);
        }

        /**
         * The device model's value of a column: device d takes cell {@code code[d]} of {@code cells} (a point mass
         * per cell; post-processing of the model's draws).
         */
        public static Draw ofDeviceCodes(ColumnSpec column, int cells, int[] code) {
            List<ColumnModel> point = new ArrayList<>();
            for (int v = 0; v < cells; v++) {
                double[] w = new double[cells];
                w[v] = 1;
                point.add(new ColumnModel(column, w, null));
            }
            return byDevice(point, d -> code[d]);
        }

        /** One model per device group. */
        public static Draw byDevice(List<ColumnModel> models, IntUnaryOperator deviceGroup) {
            return new Draw(models, deviceGroup, null);
        }
    }
}
