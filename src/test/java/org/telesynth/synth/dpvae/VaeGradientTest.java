package org.telesynth.synth.dpvae;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.privacy.RandomSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written VAE gradient: against central finite differences of its own loss, against Deeplearning4j's
 * gradient for the same decoder layers, and the ghost per-example norms and clipping against one example at a time.
 * In double precision, so the tolerances are those of the finite differences (step 1e-6: error O(1e-10)).
 */
class VaeGradientTest {
    private static final Layout LAYOUT = mixedLayout();

    /** A category of 3, a presence bit and the value it gates, a second category of 2. */
    private static Layout mixedLayout() {
        Layout.Builder b = new Layout.Builder().category("c", 3).presence("p");
        int mask = b.lastColumn();
        return b.value("v", mask).category("d", 2).build();
    }

    /** Rows of the mixed layout: one-hot categories, the presence bit alternating, values in [0, 1]. */
    private static INDArray batch(int rows, NoiseStream r) {
        double[] x = new double[rows * LAYOUT.width()];
        for (int i = 0; i < rows; i++) {
            int o = i * LAYOUT.width();
            x[o + (int) (r.nextOpenDouble() * 3)] = 1;
            x[o + 3] = i % 2;
            x[o + 4] = i % 2 == 1 ? r.nextOpenDouble() : 0;
            x[o + 5 + (int) (r.nextOpenDouble() * 2)] = 1;
        }
        return Nd4j.create(x, new long[]{rows, LAYOUT.width()}, 'c');
    }

    private static INDArray gaussian(int rows, int cols, NoiseStream r) {
        double[] e = new double[rows * cols];
        for (int i = 0; i < e.length; i++) {
            e[i] = r.nextGaussian();
        }
        return Nd4j.create(e, new long[]{rows, cols}, 'c');
    }

    private static double total(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    @Test
    void gradient_equalsFiniteDifferences() {
        NoiseStream r = new NoiseStream(RandomSource.seeded(1));
        Vae vae = Vae.init(LAYOUT, 5, 2, DataType.DOUBLE, r);
        INDArray x = batch(6, r);
        INDArray e = gaussian(6, 2, r);
        INDArray[] analytic = vae.gradients(vae.pass(x, e), ones(6));
        double h = 1e-6;
        int checked = 0;
        for (int p = 0; p < vae.params.length; p++) {
            INDArray param = vae.params[p];
            for (long i = 0; i < param.length(); i++) {
                double keep = param.getDouble(i);
                param.putScalar(i, keep + h);
                double up = total(vae.pass(x, e).loss());
                param.putScalar(i, keep - h);
                double down = total(vae.pass(x, e).loss());
                param.putScalar(i, keep);
                double numeric = (up - down) / (2 * h);
                double a = analytic[p].getDouble(i);
                assertEquals(numeric, a, 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + p + "[" + i + "]");
                checked++;
            }
        }
        assertEquals(vae.parameterCount(), checked);
    }

    @Test
    void ghostNorms_equalOneExampleAtATime() {
        NoiseStream r = new NoiseStream(RandomSource.seeded(2));
        Vae vae = Vae.init(LAYOUT, 7, 3, DataType.DOUBLE, r);
        INDArray x = batch(9, r);
        INDArray e = gaussian(9, 3, r);
        double[] ghost = Vae.normsSquared(vae.pass(x, e));
        for (int i = 0; i < 9; i++) {
            INDArray[] g = vae.gradients(vae.pass(x.getRows(i), e.getRows(i)), ones(1));
            double direct = 0;
            for (INDArray gi : g) {
                direct += gi.mul(gi).sumNumber().doubleValue();
            }
            assertEquals(direct, ghost[i], 1e-9 * direct, "example " + i);
        }
    }

    @Test
    void everyClippedExampleGradient_hasNormAtMostC() {
        NoiseStream r = new NoiseStream(RandomSource.seeded(3));
        Vae vae = Vae.init(LAYOUT, 7, 3, DataType.DOUBLE, r);
        INDArray x = batch(12, r);
        INDArray e = gaussian(12, 3, r);
        Vae.Pass pass = vae.pass(x, e);
        double[] norms = Vae.normsSquared(pass);
        double clip = 0.5 * Math.sqrt(java.util.Arrays.stream(norms).min().orElseThrow()); // every example is clipped
        for (int i = 0; i < 12; i++) {
            double[] w = new double[12];
            w[i] = Math.min(1, clip / Math.sqrt(norms[i]));
            double sq = 0;
            for (INDArray gi : vae.gradients(pass, w)) {
                sq += gi.mul(gi).sumNumber().doubleValue();
            }
            assertTrue(Math.sqrt(sq) <= clip * (1 + 1e-9), "example " + i + ": " + Math.sqrt(sq) + " > " + clip);
            assertEquals(clip, Math.sqrt(sq), 1e-9 * clip, "a clipped gradient sits on the sphere");
        }
    }

    /**
     * The decoder (dense tanh, then a softmax or sigmoid head) against the same two layers in Deeplearning4j, with
     * its cross-entropy losses. Deeplearning4j's gradient is the batch's sum, as ours; its score is the batch mean.
     */
    @Test
    void decoderGradient_equalsDeeplearning4j() {
        for (boolean softmax : new boolean[]{true, false}) {
            int width = 4;
            Layout layout = softmax ? new Layout.Builder().category("c", width).build() : bits(width);
            NoiseStream r = new NoiseStream(RandomSource.seeded(4));
            Vae vae = Vae.init(layout, 6, 3, DataType.DOUBLE, r);
            int rows = 8;
            INDArray z = gaussian(rows, 3, r);
            double[] t = new double[rows * width];
            for (int i = 0; i < rows; i++) {
                if (softmax) {
                    t[i * width + (int) (r.nextOpenDouble() * width)] = 1;
                } else {
                    for (int j = 0; j < width; j++) {
                        t[i * width + j] = r.nextOpenDouble() < 0.4 ? 1 : 0;
                    }
                }
            }
            INDArray x = Nd4j.create(t, new long[]{rows, width}, 'c');
            Vae.DecoderPass ours = vae.decoderPass(z, x);

            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                    .layer(new DenseLayer.Builder().nIn(3).nOut(6).activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(softmax ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.XENT)
                            .nIn(6).nOut(width).activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            net.setParam("0_W", vae.params[4]);
            net.setParam("0_b", vae.params[5]);
            net.setParam("1_W", vae.params[6]);
            net.setParam("1_b", vae.params[7]);
            net.setInput(z);
            net.setLabels(x);
            net.computeGradientAndScore();
            var reference = net.gradient();
            INDArray[] mine = {z.transpose().mmul(ours.hiddenError()), ours.hiddenError().sum(true, 0),
                    ours.hidden().transpose().mmul(ours.outputError()), ours.outputError().sum(true, 0)};
            String[] keys = {"0_W", "0_b", "1_W", "1_b"};
            for (int k = 0; k < 4; k++) {
                INDArray expected = reference.getGradientFor(keys[k]).reshape(mine[k].shape());
                INDArray actual = mine[k];
                assertTrue(expected.equalsWithEps(actual, 1e-10), (softmax ? "softmax " : "sigmoid ") + keys[k] + ": " + expected + " vs " + actual);
            }
            assertEquals(net.score(), total(ours.loss()) / rows, 1e-10, "the loss too");
        }
    }

    private static Layout bits(int n) {
        Layout.Builder b = new Layout.Builder();
        for (int i = 0; i < n; i++) {
            b.presence("p" + i);
        }
        return b.build();
    }
}
