package org.telesynth.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a training set turns examples into a dense row-major float matrix, fixed once from the training set and
 * applied alike to the test set: a categorical feature becomes indicator columns of its most frequent training
 * levels (others and NULL: all zero), a numeric one its standardised value (NaN for NULL, which both boosters read
 * as missing). Standardising changes nothing for trees and lets the linear model's one penalty fit every feature.
 */
final class FeatureEncoding {
    /** Indicator columns per categorical feature at most: enough for every public domain but the country list's tail. */
    static final int MAX_LEVELS = 40;
    private final List<Map<String, Integer>> levels = new ArrayList<>();
    private final double[] mean;
    private final double[] scale;
    final int columns;

    FeatureEncoding(FeatureTable train) {
        int col = 0;
        for (String[] values : train.categorical) {
            Map<String, Integer> freq = new HashMap<>();
            for (String v : values) {
                if (v != null) {
                    freq.merge(v, 1, Integer::sum);
                }
            }
            List<String> top = freq.keySet().stream()
                    .sorted((a, b) -> freq.get(b).equals(freq.get(a)) ? a.compareTo(b) : freq.get(b) - freq.get(a))
                    .limit(MAX_LEVELS).toList();
            Map<String, Integer> index = new HashMap<>();
            for (String v : top) {
                index.put(v, col++);
            }
            levels.add(index);
        }
        mean = new double[train.numeric.size()];
        scale = new double[train.numeric.size()];
        for (int j = 0; j < mean.length; j++) {
            double[] x = Arrays.stream(train.numeric.get(j)).filter(v -> !Double.isNaN(v)).toArray();
            mean[j] = x.length == 0 ? 0 : Arrays.stream(x).average().orElse(0);
            double var = 0;
            for (double v : x) {
                var += (v - mean[j]) * (v - mean[j]);
            }
            double sd = x.length < 2 ? 0 : Math.sqrt(var / (x.length - 1));
            scale[j] = sd > 0 ? sd : 1;
        }
        columns = col + mean.length;
    }

    /** The examples of {@code t} as a row-major matrix of {@link #columns} columns. */
    float[] matrix(FeatureTable t) {
        int n = t.rows();
        float[] out = new float[n * columns];
        for (int f = 0; f < levels.size(); f++) {
            String[] values = t.categorical.get(f);
            Map<String, Integer> index = levels.get(f);
            for (int i = 0; i < n; i++) {
                Integer col = values[i] == null ? null : index.get(values[i]);
                if (col != null) {
                    out[i * columns + col] = 1;
                }
            }
        }
        int base = columns - mean.length;
        for (int j = 0; j < mean.length; j++) {
            double[] x = t.numeric.get(j);
            for (int i = 0; i < n; i++) {
                out[i * columns + base + j] = Double.isNaN(x[i]) ? Float.NaN : (float) ((x[i] - mean[j]) / scale[j]);
            }
        }
        return out;
    }
}
