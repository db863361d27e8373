package org.telesynth.synth.marginal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The real devices' codes held on the driver, one {@code int} per device and attribute, counted here: for a
 * measurement engine on this machine (DuckDB), where AGG fits anyway and counting arrays beats a grouping query
 * per step (measured at 100 k devices: the release took 38 s so, 48 s with {@link DeviceCodes}' grouping sets).
 *
 * @param codes codes[attribute][device] (private: only the mechanisms see what is counted from them)
 */
record CodeArrays(int[][] codes, int[] cells) implements DeviceNetwork.Contingency {
    @Override
    public List<List<long[]>> tables(List<DeviceNetwork.Step> steps) {
        List<List<long[]>> out = new ArrayList<>();
        for (DeviceNetwork.Step step : steps) {
            out.add(IntStream.range(0, step.candidates().size()).parallel()
                    .mapToObj(i -> table(step, i)).toList());
        }
        return out;
    }

    private long[] table(DeviceNetwork.Step step, int candidate) {
        int[] parents = step.candidates().get(candidate);
        int kc = cells[step.child()];
        int[] z = codes[step.child()];
        long[] t = new long[step.size(cells, candidate)];
        // a presentOnly child's devices without rows (code 0) count nowhere
        int skip = step.presentOnly() ? 0 : -1;
        int[] x = parents.length > 0 ? codes[parents[0]] : null;
        int[] y = parents.length > 1 ? codes[parents[1]] : null;
        int kb = parents.length > 1 ? cells[parents[1]] : 1;
        for (int d = 0; d < z.length; d++) {
            if (z[d] != skip) {
                int row = x == null ? 0 : y == null ? x[d] : x[d] * kb + y[d];
                t[row * kc + z[d]]++;
            }
        }
        return t;
    }
}
