package org.telesynth.synth;

/** Test helper: distances between released vectors of neighbouring datasets. */
public final class Vectors {
    private Vectors() {
    }

    /** The L2 distance, the shorter vector padded with zeros. */
    public static double l2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            double d = (i < a.length ? a[i] : 0) - (i < b.length ? b[i] : 0);
            s += d * d;
        }
        return Math.sqrt(s);
    }

}
