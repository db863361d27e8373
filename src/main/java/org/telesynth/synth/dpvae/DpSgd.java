package org.telesynth.synth.dpvae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.telesynth.Progress;
import org.telesynth.config.DpVaeSettings;
import org.telesynth.privacy.NoiseCalibration;
import org.telesynth.privacy.NoiseStream;


/**
 * DP-SGD (Abadi et al. 2016) on a {@link Vae}: per step, a Poisson sample of the records (each with probability q,
 * what the RDP accountant of the subsampled Gaussian assumes), each record's gradient clipped to norm C (from the
 * ghost norms, in one batched backward pass), Gaussian noise of standard deviation sigma C added to the sum, the
 * sum divided by the expected batch size (a public number: the configured batch; the sampled batch's size is
 * private), then one Adam step
 * (post-processing of the noisy gradient).
 *
 * <p>Sensitivity: one device is one record; adding or removing it changes the clipped sum by at most C in L2. Where
 * a record (a user of the event log) has up to m examples, each example is clipped to C / m, so the record's
 * examples together still move the sum by at most C.
 *
 * @param samplingRate    q
 * @param noiseMultiplier sigma
 * @param clip            C
 * @param steps           T
 * @param learningRate    Adam's step size
 * @param expectedBatch   the public divisor of the noisy sum
 * @param examplesPerRecord m: the most examples one record has in a batch (1 for device profiles)
 */
record DpSgd(double samplingRate, double noiseMultiplier, double clip, int steps, double learningRate, double expectedBatch,
             int examplesPerRecord) {

    DpSgd(double samplingRate, double noiseMultiplier, double clip, int steps, double learningRate, double expectedBatch) {
        this(samplingRate, noiseMultiplier, clip, steps, learningRate, expectedBatch, 1);
    }

    /**
     * The training for a noisy device count (public once released): q = batch / count (at most 1), T = ceil(epochs
     * / q), and sigma calibrated so that T steps of the subsampled Gaussian spend exactly (epsilon, delta) under the
     * RDP accountant, whatever that count.
     */
    static DpSgd calibrated(DpVaeSettings settings, double epsilon, double delta, double noisyDevices) {
        double q = Math.min(1, settings.batchSize() / Math.max(1, noisyDevices));
        int steps = (int) Math.ceil(settings.epochs() / q);
        double sigma = NoiseCalibration.dpSgdNoiseMultiplier(epsilon, delta, q, steps);
        return new DpSgd(q, sigma, settings.clip(), steps, settings.learningRate(), q * Math.max(1, noisyDevices));
    }

    DpSgd withExamplesPerRecord(int m) {
        return new DpSgd(samplingRate, noiseMultiplier, clip, steps, learningRate, expectedBatch, m);
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    /**
     * Trains {@code vae} in place on {@code records} records.
     *
     * @param batchOf builds the input rows (B x width) of the given record indices
     * @param noise   the privacy noise and the sampling (secure by default)
     * @param shuffle the reparameterisation draws (any stream; the guarantee holds for any gradient function)
     * @param privately whether to clip and add noise; false gives plain minibatch SGD for the overhead benchmark
     */
    void train(Vae vae, int records, BatchBuilder batchOf, NoiseStream noise, NoiseStream shuffle,
               boolean privately, Progress progress) {
        INDArray[] m = new INDArray[vae.params.length];
        INDArray[] v = new INDArray[vae.params.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = vae.params[i].like().assign(0);
            v[i] = vae.params[i].like().assign(0);
        }
        for (int t = 1; t <= steps; t++) {
            int[] idx = noise.poissonSample(records, samplingRate);
            INDArray[] grad;
            double meanLoss = 0;
            int examples = 0;
            if (idx.length == 0) {
                grad = zeros(vae);
            } else {
                INDArray x = batchOf.rows(idx);
                examples = (int) x.rows();
                double[] e = new double[examples * vae.latent];
                for (int i = 0; i < e.length; i++) {
                    e[i] = shuffle.nextGaussian();
                }
                Vae.Pass pass = vae.pass(x, Nd4j.create(e, new long[]{examples, vae.latent}, 'c').castTo(vae.type));
                double[] weights = new double[examples];
                if (privately) {
                    double[] norms = Vae.normsSquared(pass);
                    for (int i = 0; i < weights.length; i++) {
                        // the clip factor min(1, (C / m) / |g_i|): every weighted gradient has norm <= C / m
                        weights[i] = Math.min(1, clip / examplesPerRecord / Math.sqrt(norms[i] + 1e-30));
                    }
                } else {
                    java.util.Arrays.fill(weights, 1);
                }
                grad = vae.gradients(pass, weights);
                for (double l : pass.loss()) {
                    meanLoss += l / examples;
                }
            }
            for (int i = 0; i < grad.length; i++) {
                if (privately) {
                    // sensitivity: one record moves the clipped sum by at most C (class comment); noise sigma C
                    float[] z = new float[(int) grad[i].length()];
                    noise.fillGaussian(z, noiseMultiplier * clip);
                    grad[i].addi(Nd4j.create(z, grad[i].shape(), 'c').castTo(vae.type));
                }
                grad[i].divi(privately ? expectedBatch : Math.max(1, examples));
                adam(vae.params[i], grad[i], m[i], v[i], t);
            }
            if (progress != null && (t % Math.max(1, steps / 20) == 0 || t == steps)) {
                // the step count is public (from the noisy device count); the batch size and the loss are not: a
                // Poisson batch's size and the clean loss over real records are statistics of the data
                progress.step(String.format("    step %,d of %,d", t, steps));
            }
        }
    }

    /** Builds a batch's input rows from record indices. */
    @FunctionalInterface
    interface BatchBuilder {
        INDArray rows(int[] records);
    }

    private static INDArray[] zeros(Vae vae) {
        INDArray[] g = new INDArray[vae.params.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = vae.params[i].like().assign(0);
        }
        return g;
    }

    private void adam(INDArray param, INDArray g, INDArray m, INDArray v, int t) {
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        double mScale = 1 / (1 - Math.pow(BETA1, t));
        double vScale = 1 / (1 - Math.pow(BETA2, t));
        INDArray denom = Transforms.sqrt(v.mul(vScale), false).addi(ADAM_EPSILON);
        param.subi(m.mul(mScale * learningRate).divi(denom));
    }
}
