package org.telesynth.audit;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.Map;

/**
 * The two model families TSTR trains, both XGBoost4J boosters on the same softmax objective: gradient-boosted trees
 * (gbtree, the family that usually wins on tabular telemetry) and multinomial logistic regression (gblinear; its
 * "shotgun" updater on one thread, which is deterministic and, on hundreds of indicator columns, many times faster
 * than coordinate descent).
 */
enum Classifier {
    // trees: 100 rounds of depth-6 trees at learning rate 0.1; the linear model: 200 full-step rounds, which converge
    // on standardised features under a light ridge penalty (fewer stop short of the separable toy task's boundary)
    boosted_trees("gbtree", 100), logistic_regression("gblinear", 200);

    private final String booster;
    private final int rounds;

    Classifier(String booster, int rounds) {
        this.booster = booster;
        this.rounds = rounds;
    }

    /**
     * Trains on {@code train} (row-major, {@code columns} wide) with labels {@code 0..classes-1} and returns the
     * class probabilities of each test row.
     */
    float[][] fitPredict(float[] train, int[] labels, float[] test, int columns, int classes, long seed) {
        try {
            DMatrix tr = new DMatrix(train, labels.length, columns, Float.NaN);
            float[] y = new float[labels.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[i];
            }
            tr.setLabel(y);
            Map<String, Object> p = new HashMap<>();
            p.put("booster", booster);
            p.put("objective", "multi:softprob");
            p.put("num_class", classes);
            p.put("seed", seed);
            // the linear updater runs on one thread, where "shotgun" is deterministic; trees are deterministic on any number
            p.put("nthread", this == boosted_trees ? Runtime.getRuntime().availableProcessors() : 1);
            p.put("verbosity", 0);
            if (this == boosted_trees) {
                p.put("tree_method", "hist");
                p.put("max_depth", 6);
                p.put("eta", 0.1);
            } else {
                p.put("updater", "shotgun");
                p.put("lambda", 0.1);
                p.put("eta", 1.0);
            }
            Booster model = XGBoost.train(tr, p, rounds, new HashMap<>(), null, null);
            DMatrix te = new DMatrix(test, test.length / columns, columns, Float.NaN);
            float[][] out = model.predict(te);
            model.dispose();
            tr.dispose();
            te.dispose();
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost: " + e.getMessage(), e);
        }
    }
}
