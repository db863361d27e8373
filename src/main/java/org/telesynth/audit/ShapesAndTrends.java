package org.telesynth.audit;

import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit's column shapes and column-pair trends of a synthetic table set against the real one, for the report's
 * quality score: the same measures the audit gates on (KS or TVD per column, |difference of Pearson correlations|
 * per numeric pair within a table), measured once.
 *
 * @param shapes one per column of every table (guid aside)
 * @param pairs  one per numeric column pair within a table
 */
public record ShapesAndTrends(List<ColumnShape> shapes, List<PairTrend> pairs) {
    /** One numeric column pair of a table: |corr_real - corr_synth|, in [0, 2]. */
    public record PairTrend(String table, String a, String b, double difference) {
    }

    public static ShapesAndTrends measure(Path real, Path synth, int sampleRows) {
        try (Connection c = Duck.open()) {
            TableViews.createIn(c, real, "real");
            TableViews.createIn(c, synth, "synth");
            List<ColumnShape> shapes = ColumnShapes.measure(c, sampleRows);
            List<PairTrend> pairs = new ArrayList<>();
            for (CorrelationDiff.Matrix m : CorrelationDiff.measure(c)) {
                for (int i = 0; i < m.columns().size(); i++) {
                    for (int j = i + 1; j < m.columns().size(); j++) {
                        pairs.add(new PairTrend(m.table(), m.columns().get(i), m.columns().get(j), m.diff()[i][j]));
                    }
                }
            }
            return new ShapesAndTrends(shapes, pairs);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }
}
