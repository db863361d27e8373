package org.telesynth.audit;

import java.util.Arrays;

/**
 * Scores of a membership attack and the distance-to-closest-record comparison, from nearest-record distances.
 * The attack scores a device by how close the synthetic data comes to it (closer: "member"); its AUC over members
 * and holdout devices is 0.5 when the release tells them apart no better than a coin.
 */
final class Membership {
    private Membership() {
    }

    /** AUC of "score higher for members": P(s_member > s_holdout) + P(equal) / 2, with score = -distance. */
    static double auc(double[] memberDistance, double[] holdoutDistance) {
        double[] h = holdoutDistance.clone();
        Arrays.sort(h);
        double wins = 0;
        for (double d : memberDistance) {
            int below = lowerBound(h, d); // holdout devices farther than d come after the equal ones
            int upTo = upperBound(h, d);
            wins += (h.length - upTo) + 0.5 * (upTo - below);
        }
        return memberDistance.length == 0 || h.length == 0 ? 0.5 : wins / ((double) memberDistance.length * h.length);
    }

    /** The share of members flagged at a threshold that flags at most {@code fpr} of the holdout devices. */
    static double tprAtFpr(double[] memberDistance, double[] holdoutDistance, double fpr) {
        double[] h = holdoutDistance.clone();
        Arrays.sort(h);
        int allowed = (int) Math.floor(fpr * h.length);
        // flag distance < t; the largest t flagging at most `allowed` holdout devices is h[allowed] (strictly below it)
        double t = allowed < h.length ? h[allowed] : Double.POSITIVE_INFINITY;
        long flagged = Arrays.stream(memberDistance).filter(d -> d < t).count();
        return memberDistance.length == 0 ? 0 : flagged / (double) memberDistance.length;
    }

    /** ROC points (false positive rate, true positive rate) over the distinct thresholds, for the plot. */
    static double[][] roc(double[] memberDistance, double[] holdoutDistance, int points) {
        double[] all = new double[memberDistance.length + holdoutDistance.length];
        System.arraycopy(memberDistance, 0, all, 0, memberDistance.length);
        System.arraycopy(holdoutDistance, 0, all, memberDistance.length, holdoutDistance.length);
        Arrays.sort(all);
        double[][] out = new double[points + 1][];
        for (int p = 0; p <= points; p++) {
            double t = p == points ? Double.POSITIVE_INFINITY : all[(int) ((long) p * (all.length - 1) / points)];
            out[p] = new double[]{share(holdoutDistance, t), share(memberDistance, t)};
        }
        return out;
    }

    /** Of the synthetic records, the share closer to a member than to any holdout device (ties count half). */
    static double closerToMembers(double[] toMembers, double[] toHoldout) {
        double n = 0;
        for (int i = 0; i < toMembers.length; i++) {
            n += toMembers[i] < toHoldout[i] ? 1 : toMembers[i] == toHoldout[i] ? 0.5 : 0;
        }
        return toMembers.length == 0 ? 0.5 : n / toMembers.length;
    }

    private static double share(double[] d, double t) {
        return d.length == 0 ? 0 : Arrays.stream(d).filter(x -> x <= t).count() / (double) d.length;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
