package org.telesynth.synth;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The hook that lets a synthesizer condition a child row's attributes on its device: for each modelled column,
 * the released models to draw from and which one a row uses. The per-table baseline has one model per column.
 */
@FunctionalInterface
public interface RowSampler {
    Draw draw(ColumnSpec column);

    /**
     * @param models the released models, all over the same cells
     * @param group  which model a row of device d draws from (ignored when there is one model)
     */
    record Draw(List<ColumnModel> models, IntUnaryOperator group) {
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
            return new Draw(List.of(model), d -> 0);
        }
    }
}
