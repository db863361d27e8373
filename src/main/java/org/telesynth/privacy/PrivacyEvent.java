package org.telesynth.privacy;

/**
 * One use of the private data, as the accountants compose it. Every mechanism call of a synthesizer's plan is one
 * event; the plan is charged to the ledger as a whole before any data is read. Immutable records; an accountant
 * that cannot compose an event kind says so with {@link UnsupportedEventException}.
 */
public sealed interface PrivacyEvent {
    /** What the event measures, for the manifest and the ledger (e.g. "sysinfo 1-way marginals"). */
    String label();

    /** A pure epsilon-DP mechanism (Laplace, exponential mechanism, report-noisy-max). */
    record PureDp(double epsilon, String label) implements PrivacyEvent {
        public PureDp {
            Checks.positiveFinite("epsilon", epsilon);
        }
    }

    /** A rho-zCDP mechanism (the Gaussian mechanisms: rho = sensitivity^2 / (2 sigma^2)). */
    record Zcdp(double rho, String label) implements PrivacyEvent {
        public Zcdp {
            Checks.positiveFinite("rho", rho);
        }
    }

    /**
     * A delta-approximately rho-zCDP mechanism (Bun and Steinke 2016, Definition 8.1): outside an event of
     * probability at most delta it is rho-zCDP. Gaussian partition selection is one: the rho of its noisy counts,
     * the delta of a value only one device holds crossing the threshold. Composes by adding rhos and deltas.
     */
    record ApproxZcdp(double rho, double delta, String label) implements PrivacyEvent {
        public ApproxZcdp {
            Checks.positiveFinite("rho", rho);
            Checks.probability("delta", delta);
        }
    }

    /** An (epsilon, delta)-DP mechanism with no finer curve (DP partition selection); composed additively. */
    record ApproxDp(double epsilon, double delta, String label) implements PrivacyEvent {
        public ApproxDp {
            Checks.positiveFinite("epsilon", epsilon);
            Checks.probability("delta", delta);
        }
    }

    /**
     * {@code steps} runs of the Poisson-subsampled Gaussian mechanism (DP-SGD): sampling rate q, noise multiplier
     * sigma (noise standard deviation divided by the L2 sensitivity, i.e. the clipping norm).
     */
    record SubsampledGaussian(double samplingRate, double noiseMultiplier, int steps, String label) implements PrivacyEvent {
        public SubsampledGaussian {
            Checks.inRange("samplingRate", samplingRate, 0, 1);
            Checks.positiveFinite("noiseMultiplier", noiseMultiplier);
            Checks.positive("steps", steps);
        }
    }
}
