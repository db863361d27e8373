package org.telesynth.audit;

/**
 * Accuracy, F1 and AUC of predicted class probabilities. With a positive class (a yes/no task) F1 and AUC are the
 * positive class's; otherwise both are macro averages, one-vs-rest, over the classes the test set holds (AUC over
 * those with both positives and negatives).
 */
public record ClassifierScores(double accuracy, double f1, double auc) {

    static ClassifierScores of(int[] truth, float[][] prob, int classes, int positive) {
        int n = truth.length;
        int[] predicted = new int[n];
        long correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (prob[i][k] > prob[i][best]) {
                    best = k;
                }
            }
            predicted[i] = best;
            correct += best == truth[i] ? 1 : 0;
        }
        double accuracy = n == 0 ? 0 : correct / (double) n;
        if (positive >= 0) {
            return new ClassifierScores(accuracy, f1(truth, predicted, positive), auc(truth, prob, positive));
        }
        double f1 = 0;
        double auc = 0;
        int present = 0;
        int ranked = 0;
        for (int k = 0; k < classes; k++) {
            long pos = count(truth, k);
            if (pos == 0) {
                continue;
            }
            present++;
            f1 += f1(truth, predicted, k);
            if (pos < n) {
                ranked++;
                auc += auc(truth, prob, k);
            }
        }
        return new ClassifierScores(accuracy, present == 0 ? 0 : f1 / present, ranked == 0 ? 0.5 : auc / ranked);
    }

    private static long count(int[] truth, int k) {
        long c = 0;
        for (int t : truth) {
            c += t == k ? 1 : 0;
        }
        return c;
    }

    static double f1(int[] truth, int[] predicted, int k) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean t = truth[i] == k;
            boolean p = predicted[i] == k;
            tp += t && p ? 1 : 0;
            fp += !t && p ? 1 : 0;
            fn += t && !p ? 1 : 0;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** One-vs-rest AUC of class {@code k}: the rank statistic of the membership attack, on probabilities. */
    static double auc(int[] truth, float[][] prob, int k) {
        int pos = (int) count(truth, k);
        double[] p = new double[pos];
        double[] q = new double[truth.length - pos];
        int a = 0;
        int b = 0;
        for (int i = 0; i < truth.length; i++) {
            // Membership.auc ranks by smaller distance: a higher probability is a smaller "distance"
            if (truth[i] == k) {
                p[a++] = -prob[i][k];
            } else {
                q[b++] = -prob[i][k];
            }
        }
        return Membership.auc(p, q);
    }

    /** This score over the train-on-real one's, per metric (1 when both are 0). */
    ClassifierScores over(ClassifierScores real) {
        return new ClassifierScores(ratio(accuracy, real.accuracy), ratio(f1, real.f1), ratio(auc, real.auc));
    }

    private static double ratio(double a, double b) {
        return b == 0 ? (a == 0 ? 1 : Double.POSITIVE_INFINITY) : a / b;
    }
}
