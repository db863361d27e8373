package org.telesynth.synth;

import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.privacy.SpendOnce;

/**
 * One planned use of the data, fixed before any data is read: a Gaussian measurement (rho, L2 sensitivity) or a
 * partition selection (rho, delta, values per device). It is spent once: the plan charges its budget once, so the
 * object itself refuses a second release ({@link #spend()}), and a measurement can never be released again and
 * its noise averaged away.
 */
public final class Measurement {
    private final String label;
    private final double rho;
    private final double sensitivity;
    private final double delta;
    private final SpendOnce once;

    /**
     * @param label       what is measured, e.g. "system_userwait.proc_name marginal"
     * @param rho         zCDP budget
     * @param sensitivity L2 sensitivity of the measured vector between neighbouring datasets (Gaussian), or the
     *                    number of distinct values one device may contribute (partition selection)
     * @param delta       partition selection's delta (its threshold), 0 for a Gaussian
     */
    private Measurement(String label, double rho, double sensitivity, double delta) {
        this(label, rho, sensitivity, delta, new SpendOnce("planned measurement '" + label + "'"));
    }

    private Measurement(String label, double rho, double sensitivity, double delta, SpendOnce once) {
        this.label = label;
        this.rho = rho;
        this.sensitivity = sensitivity;
        this.delta = delta;
        this.once = once;
    }

    /**
     * The same planned Gaussian measurement (same rho, spent together) of a statistic bounded tighter: at L2
     * sensitivity {@code tighter}, at most the planned one. A Gaussian with sigma = sensitivity / sqrt(2 rho) is
     * rho-zCDP whatever the sensitivity, as long as the statistic keeps it; the caller enforces the tighter bound
     * (a row clip) on what it measures, and may choose it from released outputs (adaptive composition), never from
     * the data.
     */
    public Measurement clippedAt(double tighter) {
        if (isPartition() || tighter <= 0 || tighter > sensitivity) {
            throw new IllegalArgumentException(label + ": a tighter sensitivity must lie in (0, " + sensitivity + "], not " + tighter);
        }
        return new Measurement(label, rho, tighter, delta, once);
    }

    public String label() {
        return label;
    }

    public double rho() {
        return rho;
    }

    public double sensitivity() {
        return sensitivity;
    }

    public double delta() {
        return delta;
    }

    /** Marks the measurement released; a second call throws (its budget was charged once). */
    public void spend() {
        once.spend();
    }

    public static Measurement gaussian(String label, double rho, double l2Sensitivity) {
        return new Measurement(label, rho, l2Sensitivity, 0);
    }

    /** Gaussian partition selection: delta-approximately rho-zCDP ({@link org.telesynth.privacy.GaussianPartitionSelection}). */
    public static Measurement partition(String label, double rho, double delta, int valuesPerDevice) {
        return new Measurement(label, rho, valuesPerDevice, delta);
    }

    public boolean isPartition() {
        return delta > 0;
    }

    /** A Gaussian measurement's noise standard deviation: sensitivity / sqrt(2 rho) (zCDP, Bun-Steinke 2016 Prop. 1.6). */
    public double sigma() {
        return sensitivity / Math.sqrt(2 * rho);
    }

    /**
     * The released cells {@code noisy} with every cell under {@code sigmas} noise standard deviations set to 0:
     * mostly noise there, and a sparse histogram's noise would otherwise outweigh its few real cells when it is
     * used as a distribution. Post-processing.
     */
    public double[] zeroBelow(double[] noisy, double sigmas) {
        double floor = sigmas * sigma();
        double[] out = new double[noisy.length];
        for (int i = 0; i < noisy.length; i++) {
            out[i] = noisy[i] >= floor ? noisy[i] : 0;
        }
        return out;
    }

    public PrivacyEvent event() {
        return isPartition() ? new PrivacyEvent.ApproxZcdp(rho, delta, label) : new PrivacyEvent.Zcdp(rho, label);
    }
}
