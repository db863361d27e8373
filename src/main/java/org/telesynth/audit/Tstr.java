package org.telesynth.audit;

import org.telesynth.Progress;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Train on synthetic, test on real (TSTR): each task's models are trained once on synthetic devices and once on as
 * many sampled real members (train on real, the ceiling), and both are tested on the holdout, which neither saw.
 * The ratio of the two scores says how much of the real data's predictive structure the release kept.
 */
public final class Tstr {
    private Tstr() {
    }

    /**
     * One task and model family.
     *
     * @param synthRows synthetic training examples; realRows real training examples; testRows holdout examples
     * @param synthetic TSTR's scores; real train-on-real's; ratio the first over the second, metric by metric
     */
    public record Row(String task, String question, String model, int synthRows, int realRows, int testRows,
               ClassifierScores synthetic, ClassifierScores real, ClassifierScores ratio) {

        /**
         * TSTR's skill over chance as a share of TRTR's: (AUC_tstr - 0.5) / (AUC_trtr - 0.5). The plain AUC ratio credits a
         * model at chance with 0.5 / AUC_trtr, 0.8 when train-on-real reaches 0.62; this one gives it 0. NaN when
         * train-on-real itself has no skill (AUC within 0.01 of a coin), so the task cannot judge the release.
         */
        public double aucLift() {
            return real.auc() - 0.5 < 0.01 ? Double.NaN : (synthetic.auc() - 0.5) / (real.auc() - 0.5);
        }
    }

    /**
     * Every task and model family over the views {@code synth}, {@code real} and {@code holdout} of {@code c}, each
     * side sampled to at most {@code devices} devices; a task whose training sets hold one class or none is left out,
     * its reason put in {@code skipped}.
     */
    static List<Row> run(Connection c, int devices, long seed, Progress progress, Map<String, String> skipped) {
        List<Row> out = new ArrayList<>();
        for (TstrTask task : TstrTask.all()) {
            long t0 = System.nanoTime();
            FeatureTable synth = FeatureTable.read(c, task.sql().of("synth", devices));
            FeatureTable real = FeatureTable.read(c, task.sql().of("real", devices));
            FeatureTable test = FeatureTable.read(c, task.sql().of("holdout", devices));
            TreeSet<String> labels = new TreeSet<>();
            labels.addAll(Arrays.asList(synth.labels));
            labels.addAll(Arrays.asList(real.labels));
            labels.addAll(Arrays.asList(test.labels));
            List<String> classes = new ArrayList<>(labels);
            if (distinct(synth) < 2 || distinct(real) < 2 || test.rows() == 0) {
                skipped.put(task.name(), String.format("%s: not measured, the synthetic training set holds %d devices of %d classes, the real"
                        + " one %d of %d and the holdout %d devices", task.question(), synth.rows(), distinct(synth), real.rows(), distinct(real), test.rows()));
                continue;
            }
            progress.step(String.format("  TSTR %s: examples read in %.1f s", task.name(), (System.nanoTime() - t0) / 1e9));
            int positive = task.positive() == null ? -1 : classes.indexOf(task.positive());
            int[] truth = codes(test, classes);
            for (Classifier model : Classifier.values()) {
                ClassifierScores s = fit(model, synth, test, classes, truth, positive, seed);
                ClassifierScores r = fit(model, real, test, classes, truth, positive, seed);
                progress.step(String.format("  TSTR %s, %s: trained and tested in %.1f s", task.name(), model, (System.nanoTime() - t0) / 1e9));
                out.add(new Row(task.name(), task.question(), model.name(), synth.rows(), real.rows(), test.rows(), s, r, s.over(r)));
            }
        }
        return out;
    }

    private static ClassifierScores fit(Classifier model, FeatureTable train, FeatureTable test, List<String> classes, int[] truth,
                                        int positive, long seed) {
        FeatureEncoding enc = new FeatureEncoding(train);
        float[][] prob = model.fitPredict(enc.matrix(train), codes(train, classes), enc.matrix(test), enc.columns, classes.size(), seed);
        return ClassifierScores.of(truth, prob, classes.size(), positive);
    }

    private static long distinct(FeatureTable t) {
        return Arrays.stream(t.labels).distinct().count();
    }

    private static int[] codes(FeatureTable t, List<String> classes) {
        int[] out = new int[t.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = classes.indexOf(t.labels[i]);
        }
        return out;
    }
}
