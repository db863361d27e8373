package org.telesynth.sweep;

import java.math.BigDecimal;

/** One cell of a sweep: a release of {@code method} at total {@code epsilon} with release seed {@code seed}. */
public record SweepCell(String method, double epsilon, long seed) {

    /** The cell's folder name, e.g. {@code marginal-e0.5-s2}. */
    public String id() {
        return method + "-e" + epsilonText(epsilon) + "-s" + seed;
    }

    /** An epsilon as the shortest plain decimal (4, 0.5, 1e-3 as 0.001). */
    static String epsilonText(double epsilon) {
        return new BigDecimal(Double.toString(epsilon)).stripTrailingZeros().toPlainString();
    }
}
