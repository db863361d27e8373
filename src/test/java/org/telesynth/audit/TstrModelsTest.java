package org.telesynth.audit;

import org.junit.jupiter.api.Test;
import org.telesynth.privacy.RandomSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TSTR's parts on hand-made data: the scores on a known prediction, both model families on a separable toy task
 * (near-perfect, deterministic), and a model trained on data that teaches the reverse rule (its ratio near 0).
 */
class TstrModelsTest {

    @Test
    void scores_ofAKnownPrediction() {
        int[] truth = {0, 0, 1, 1};
        float[][] prob = {{0.9f, 0.1f}, {0.4f, 0.6f}, {0.6f, 0.4f}, {0.1f, 0.9f}};
        ClassifierScores s = ClassifierScores.of(truth, prob, 2, 1);
        assertEquals(0.5, s.accuracy(), 1e-12);
        assertEquals(0.5, s.f1(), 1e-12); // one true positive, one false positive, one false negative
        assertEquals(0.75, s.auc(), 1e-12); // 3 of the 4 positive-negative pairs ranked right
        // multi-class: macro over the classes present; class 2 is predicted never and present once
        int[] t3 = {0, 1, 2};
        float[][] p3 = {{0.8f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.1f, 0.8f, 0.1f}};
        ClassifierScores m = ClassifierScores.of(t3, p3, 3, -1);
        assertEquals(2 / 3.0, m.accuracy(), 1e-12);
        assertEquals((1 + 2 / 3.0 + 0) / 3, m.f1(), 1e-12);
    }

    /**
     * A toy device table: a numeric, a categorical and a noise feature; the label is "yes" when x + (c == "b" ? 1 : -1)
     * > 0, or (signal false) the reverse: a training set that teaches the wrong rule.
     */
    private static FeatureTable toy(int n, boolean signal, long seed) {
        RandomSource r = RandomSource.seeded(seed);
        List<String> labels = new ArrayList<>();
        double[] x = new double[n];
        double[] noise = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = 4 * r.nextDouble() - 2;
            noise[i] = r.nextDouble();
            c[i] = r.nextDouble() < 0.5 ? "a" : "b";
            boolean yes = (x[i] + (c[i].equals("b") ? 1 : -1) > 0) == signal;
            labels.add(yes ? "yes" : "no");
        }
        return FeatureTable.of(labels.toArray(String[]::new), List.of("c"), List.<String[]>of(c), List.of("x", "noise"), List.of(x, noise));
    }

    private static ClassifierScores fit(Classifier model, FeatureTable train, FeatureTable test) {
        FeatureEncoding enc = new FeatureEncoding(train);
        List<String> classes = List.of("no", "yes");
        int[] y = new int[train.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(train.labels[i]);
        }
        int[] truth = new int[test.rows()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = classes.indexOf(test.labels[i]);
        }
        return ClassifierScores.of(truth, model.fitPredict(enc.matrix(train), y, enc.matrix(test), enc.columns, 2, 1), 2, 1);
    }

    @Test
    void bothFamilies_separateASeparableTask() {
        FeatureTable train = toy(4000, true, 1);
        FeatureTable test = toy(2000, true, 2);
        for (Classifier model : Classifier.values()) {
            ClassifierScores s = fit(model, train, test);
            assertTrue(s.auc() > 0.97 && s.accuracy() > 0.9, model + " " + s);
        }
    }

    @Test
    void trainingOnTheWrongRule_ranksBackwards_andItsRatioIsNearZero() {
        FeatureTable test = toy(2000, true, 2);
        for (Classifier model : Classifier.values()) {
            ClassifierScores real = fit(model, toy(4000, true, 1), test);
            ClassifierScores wrong = fit(model, toy(4000, false, 3), test);
            assertTrue(wrong.auc() < 0.05 && wrong.accuracy() < 0.1, model + " " + wrong);
            assertTrue(wrong.over(real).auc() < 0.05 && wrong.over(real).f1() < 0.1, model + " ratio " + wrong.over(real));
            assertTrue(fit(model, toy(4000, true, 4), test).over(real).auc() > 0.97, model + ": a second sample of the same data");
        }
    }

    @Test
    void liftRatio_givesAModelAtChanceZero_whereThePlainRatioGivesIt0_71() {
        ClassifierScores coin = new ClassifierScores(0.9, 0.1, 0.5);
        ClassifierScores real = new ClassifierScores(0.9, 0.3, 0.7);
        Tstr.Row row = new Tstr.Row("t", "q", "m", 10, 10, 10, coin, real, coin.over(real));
        assertEquals(0.5 / 0.7, row.ratio().auc(), 1e-12);
        assertEquals(0, row.aucLift(), 1e-12);
        Tstr.Row half = new Tstr.Row("t", "q", "m", 10, 10, 10, new ClassifierScores(0.9, 0.2, 0.6), real, null);
        assertEquals(0.5, half.aucLift(), 1e-12);
        Tstr.Row noSkill = new Tstr.Row("t", "q", "m", 10, 10, 10, coin, new ClassifierScores(0.9, 0.3, 0.505), null);
        assertTrue(Double.isNaN(noSkill.aucLift()), "train-on-real at chance cannot judge the release");
    }

    @Test
    void sameDataAndSeed_sameProbabilities() {
        FeatureTable train = toy(1000, true, 1);
        FeatureTable test = toy(200, true, 2);
        FeatureEncoding enc = new FeatureEncoding(train);
        int[] y = new int[train.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = train.labels[i].equals("yes") ? 1 : 0;
        }
        for (Classifier model : Classifier.values()) {
            float[][] a = model.fitPredict(enc.matrix(train), y, enc.matrix(test), enc.columns, 2, 9);
            float[][] b = model.fitPredict(enc.matrix(train), y, enc.matrix(test), enc.columns, 2, 9);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], model.name());
            }
        }
    }
}
