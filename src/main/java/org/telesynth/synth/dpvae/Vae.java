package org.telesynth.synth.dpvae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.telesynth.privacy.NoiseStream;

/**
 * A tabular VAE of four dense layers, forward and backward written by hand on ND4J so that DP-SGD gets each
 * example's gradient norm without a per-example loop:
 * <pre>
 *   encoder  h = tanh(x W1 + b1)        [mu | logvar] = h W2 + b2
 *   sample   z = mu + exp(logvar / 2) e,  e ~ N(0, I)
 *   decoder  g = tanh(z W3 + b3)        o = g W4 + b4   (one head per {@link Layout} block)
 *   loss     sum of the heads' negative log-likelihoods + KL(N(mu, exp(logvar)) || N(0, I))
 * </pre>
 * For a dense layer, example i's weight gradient is the outer product of its input row a_i and its back-propagated
 * error row d_i, and its bias gradient is d_i, so its squared norm is (|a_i|^2 + 1) |d_i|^2 ("ghost norm"); the
 * clipped sum is then one matrix product per layer with the error rows scaled by the clip factors.
 */
final class Vae {
    /** The value heads' fixed standard deviation on the [0, 1] scale. */
    static final double VALUE_SIGMA = 0.1;
    /** logvar is clamped to this range in the forward pass (its gradient is 0 outside), so exp() cannot overflow. */
    private static final double LOGVAR_LIMIT = 8;

    final Layout layout;
    final int hidden;
    final int latent;
    final DataType type;
    /** W1, b1, W2, b2, W3, b3, W4, b4 (weights nIn x nOut, biases 1 x nOut, as Deeplearning4j lays them out). */
    final INDArray[] params;

    private Vae(Layout layout, int hidden, int latent, DataType type, INDArray[] params) {
        this.layout = layout;
        this.hidden = hidden;
        this.latent = latent;
        this.type = type;
        this.params = params;
    }

    /** Xavier-uniform weights and zero biases, from {@code init} (public randomness: no data is involved). */
    static Vae init(Layout layout, int hidden, int latent, DataType type, NoiseStream init) {
        int d = layout.width();
        int[][] shapes = {{d, hidden}, {hidden, 2 * latent}, {latent, hidden}, {hidden, d}};
        INDArray[] p = new INDArray[8];
        for (int l = 0; l < 4; l++) {
            int in = shapes[l][0];
            int out = shapes[l][1];
            double limit = Math.sqrt(6.0 / (in + out));
            double[] w = new double[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (2 * init.nextOpenDouble() - 1) * limit;
            }
            p[2 * l] = Nd4j.create(w, new long[]{in, out}, 'c').castTo(type);
            p[2 * l + 1] = Nd4j.zeros(type, 1, out);
        }
        return new Vae(layout, hidden, latent, type, p);
    }

    /**
     * Sets the decoder's output biases to the heads' log-probabilities of released one-way marginals, and scales
     * its last weights down, so training starts from the independent model and learns the dependencies
     * (post-processing of released counts).
     *
     * @param oneWay per layout block, its noisy counts: a category's cells, a presence's (absent, present); null
     *               for a value block (its bias is left at the middle of the scale, 0.5)
     */
    void startFrom(double[][] oneWay) {
        double[] bias = new double[layout.width()];
        for (int b = 0; b < layout.blocks().size(); b++) {
            Layout.Block blk = layout.blocks().get(b);
            double[] counts = oneWay[b];
            switch (blk.kind()) {
                case CATEGORY -> {
                    double total = 0;
                    for (double c : counts) {
                        total += Math.max(c, 0) + 0.5;
                    }
                    for (int j = 0; j < blk.width(); j++) {
                        bias[blk.offset() + j] = Math.log((Math.max(counts[j], 0) + 0.5) / total);
                    }
                }
                case PRESENCE -> bias[blk.offset()] = Math.log((Math.max(counts[1], 0) + 0.5) / (Math.max(counts[0], 0) + 0.5));
                case VALUE -> bias[blk.offset()] = 0.5;
            }
        }
        params[7].assign(Nd4j.create(bias, new long[]{1, bias.length}, 'c').castTo(type));
        params[6].muli(0.1);
    }

    long parameterCount() {
        long n = 0;
        for (INDArray p : params) {
            n += p.length();
        }
        return n;
    }

    /** One batch's forward and backward pass: every layer's input and error rows, and each example's loss. */
    record Pass(INDArray[] inputs, INDArray[] errors, double[] loss) {
    }

    /** Forward and backward on a batch {@code x} (B x width) with reparameterisation noise {@code e} (B x latent). */
    Pass pass(INDArray x, INDArray e) {
        INDArray h = Transforms.tanh(x.mmul(params[0]).addiRowVector(params[1]), false);
        INDArray s = h.mmul(params[2]).addiRowVector(params[3]);
        INDArray mu = s.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        INDArray rawLogvar = s.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
        INDArray logvar = Transforms.min(Transforms.max(rawLogvar, -LOGVAR_LIMIT, true), LOGVAR_LIMIT, false);
        INDArray std = Transforms.exp(logvar.mul(0.5), false);
        INDArray z = mu.add(std.mul(e));
        DecoderPass dec = decoderPass(z, x);
        INDArray d4 = dec.outputError();
        INDArray d3 = dec.hiddenError();
        INDArray dz = d3.mmul(params[4].transpose());
        // reparameterisation and KL: dL/dmu = dz + mu; dL/dlogvar = dz e std / 2 + (exp(logvar) - 1) / 2
        INDArray dmu = dz.add(mu);
        INDArray dlogvar = dz.mul(e).muli(std).muli(0.5).addi(Transforms.exp(logvar, true).subi(1).muli(0.5));
        // the clamp passes no gradient where it is active
        INDArray inside = rawLogvar.gte(-LOGVAR_LIMIT).castTo(type).muli(rawLogvar.lte(LOGVAR_LIMIT).castTo(type));
        dlogvar.muli(inside);
        INDArray d2 = Nd4j.hstack(dmu, dlogvar);
        INDArray d1 = d2.mmul(params[2].transpose()).muli(h.mul(h).rsubi(1));

        double[] loss = dec.loss();
        double[] muv = mu.dup('c').data().asDouble();
        double[] lv = logvar.dup('c').data().asDouble();
        for (int i = 0; i < loss.length; i++) {
            double kl = 0;
            for (int j = 0; j < latent; j++) {
                double m = muv[i * latent + j];
                double v = lv[i * latent + j];
                kl += 0.5 * (m * m + Math.exp(v) - v - 1);
            }
            loss[i] += kl;
        }
        return new Pass(new INDArray[]{x, h, z, dec.hidden()}, new INDArray[]{d1, d2, d3, d4}, loss);
    }

    /** The decoder's part of a pass: its hidden layer, the error rows of its two layers, the heads' losses. */
    record DecoderPass(INDArray hidden, INDArray hiddenError, INDArray outputError, double[] loss) {
    }

    /** Forward and backward through the decoder alone, for latent codes z and targets x. */
    DecoderPass decoderPass(INDArray z, INDArray x) {
        Decoded dec = decode(z);
        Heads heads = heads(dec.output(), x);
        INDArray d4 = heads.error();
        INDArray d3 = d4.mmul(params[6].transpose()).muli(dec.hidden().mul(dec.hidden()).rsubi(1));
        return new DecoderPass(dec.hidden(), d3, d4, heads.loss());
    }

    /** Each example's squared gradient norm over all parameters: sum over layers of (|a_i|^2 + 1) |d_i|^2. */
    static double[] normsSquared(Pass p) {
        double[] out = null;
        for (int l = 0; l < 4; l++) {
            INDArray a = p.inputs()[l];
            INDArray d = p.errors()[l];
            double[] an = a.mul(a).sum(1).data().asDouble();
            double[] dn = d.mul(d).sum(1).data().asDouble();
            if (out == null) {
                out = new double[an.length];
            }
            for (int i = 0; i < an.length; i++) {
                out[i] += (an[i] + 1) * dn[i];
            }
        }
        return out;
    }

    /** The weighted sum of the examples' gradients, {@code sum_i w_i grad_i}, in {@link #params} order. */
    INDArray[] gradients(Pass p, double[] weights) {
        INDArray w = Nd4j.create(weights, new long[]{weights.length, 1}, 'c').castTo(type);
        INDArray[] g = new INDArray[8];
        for (int l = 0; l < 4; l++) {
            INDArray scaled = p.errors()[l].mulColumnVector(w);
            g[2 * l] = p.inputs()[l].transpose().mmul(scaled);
            g[2 * l + 1] = scaled.sum(true, 0);
        }
        return g;
    }

    /** The decoder's hidden layer and output for latent codes z. */
    record Decoded(INDArray hidden, INDArray output) {
    }

    Decoded decode(INDArray z) {
        INDArray g = Transforms.tanh(z.mmul(params[4]).addiRowVector(params[5]), false);
        return new Decoded(g, g.mmul(params[6]).addiRowVector(params[7]));
    }

    /** The heads' per-example negative log-likelihood and its gradient with respect to the output (B x width). */
    record Heads(double[] loss, INDArray error) {
    }

    Heads heads(INDArray output, INDArray x) {
        int b = (int) output.rows();
        int w = layout.width();
        double[] o = output.dup('c').data().asDouble();
        double[] t = x.dup('c').data().asDouble();
        double[] err = new double[o.length];
        double[] loss = new double[b];
        for (int i = 0; i < b; i++) {
            int row = i * w;
            for (Layout.Block blk : layout.blocks()) {
                int off = row + blk.offset();
                switch (blk.kind()) {
                    case CATEGORY -> {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < blk.width(); j++) {
                            max = Math.max(max, o[off + j]);
                        }
                        double sum = 0;
                        for (int j = 0; j < blk.width(); j++) {
                            sum += Math.exp(o[off + j] - max);
                        }
                        double logSum = max + Math.log(sum);
                        for (int j = 0; j < blk.width(); j++) {
                            double p = Math.exp(o[off + j] - logSum);
                            err[off + j] = p - t[off + j];
                            loss[i] -= t[off + j] * (o[off + j] - logSum);
                        }
                    }
                    case PRESENCE -> {
                        double v = o[off];
                        // log(1 + e^v) - t v, written to stay finite for large |v|
                        loss[i] += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - t[off] * v;
                        err[off] = 1 / (1 + Math.exp(-v)) - t[off];
                    }
                    case VALUE -> {
                        double gate = blk.mask().length == 0 ? 1 : 0;
                        for (int col : blk.mask()) {
                            gate += t[row + col];
                        }
                        double diff = o[off] - t[off];
                        loss[i] += gate * diff * diff / (2 * VALUE_SIGMA * VALUE_SIGMA);
                        err[off] = gate * diff / (VALUE_SIGMA * VALUE_SIGMA);
                    }
                }
            }
        }
        return new Heads(loss, Nd4j.create(err, new long[]{b, w}, 'c').castTo(type));
    }

    /** The decoder's outputs for {@code n} latent draws z ~ N(0, I), row-major n x width. */
    double[] priorOutputs(int n, NoiseStream random) {
        double[] zv = new double[n * latent];
        for (int i = 0; i < zv.length; i++) {
            zv[i] = random.nextGaussian();
        }
        INDArray z = Nd4j.create(zv, new long[]{n, latent}, 'c').castTo(type);
        return decode(z).output().dup('c').data().asDouble();
    }

    /**
     * Per-column shifts of the category and presence logits that make the decoded one-way marginals (averaged over
     * {@code n} prior draws) match released ones: iterative proportional fitting on the logits, so the model's
     * dependencies stay and its marginals follow the measured ones (post-processing). Under DP-SGD the prior's
     * samples drift from the data's marginals (the encoder's posterior and the prior never fully agree); this pulls
     * them back.
     *
     * @param oneWay per block its noisy counts as in {@link #startFrom}; null for a value block
     */
    double[] calibration(double[][] oneWay, int n, NoiseStream random) {
        double[] o = priorOutputs(n, random);
        int w = layout.width();
        double[] shift = new double[w];
        for (int round = 0; round < 25; round++) {
            double[] mean = new double[w];
            for (int i = 0; i < n; i++) {
                double[] p = probabilities(o, i * w, shift);
                for (int j = 0; j < w; j++) {
                    mean[j] += p[j] / n;
                }
            }
            for (int b = 0; b < layout.blocks().size(); b++) {
                Layout.Block blk = layout.blocks().get(b);
                if (blk.kind() == Layout.Kind.VALUE) {
                    continue;
                }
                double[] c = oneWay[b];
                double total = 0;
                for (double x : c) {
                    total += Math.max(x, 0) + 0.5;
                }
                if (blk.kind() == Layout.Kind.CATEGORY) {
                    for (int j = 0; j < blk.width(); j++) {
                        double target = (Math.max(c[j], 0) + 0.5) / total;
                        shift[blk.offset() + j] += Math.log(target / Math.max(mean[blk.offset() + j], 1e-12));
                    }
                } else {
                    double target = (Math.max(c[1], 0) + 0.5) / total;
                    double now = Math.min(Math.max(mean[blk.offset()], 1e-12), 1 - 1e-12);
                    shift[blk.offset()] += Math.log(target / (1 - target)) - Math.log(now / (1 - now));
                }
            }
        }
        return shift;
    }

    /** The heads' probabilities (softmax per category, sigmoid per presence; a value's mean) of one output row. */
    private double[] probabilities(double[] o, int off, double[] shift) {
        double[] p = new double[layout.width()];
        for (Layout.Block blk : layout.blocks()) {
            int b0 = blk.offset();
            switch (blk.kind()) {
                case CATEGORY -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < blk.width(); j++) {
                        max = Math.max(max, o[off + b0 + j] + shift[b0 + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < blk.width(); j++) {
                        p[b0 + j] = Math.exp(o[off + b0 + j] + shift[b0 + j] - max);
                        sum += p[b0 + j];
                    }
                    for (int j = 0; j < blk.width(); j++) {
                        p[b0 + j] /= sum;
                    }
                }
                case PRESENCE -> p[b0] = 1 / (1 + Math.exp(-(o[off + b0] + shift[b0])));
                case VALUE -> p[b0] = o[off + b0] + shift[b0];
            }
        }
        return p;
    }

    /**
     * Decodes {@code n} records from z ~ N(0, I) with the logits shifted by {@code shift}, drawing each head: a
     * category from its softmax, a presence bit from its sigmoid, a value from its Gaussian, clipped to [0, 1].
     * Returns row-major n x width, one-hot categories. Post-processing of the trained model.
     */
    double[] sample(int n, double[] shift, NoiseStream random) {
        double[] o = priorOutputs(n, random);
        int w = layout.width();
        double[] out = new double[o.length];
        for (int i = 0; i < n; i++) {
            double[] p = probabilities(o, i * w, shift);
            int row = i * w;
            for (Layout.Block blk : layout.blocks()) {
                int off = row + blk.offset();
                int b0 = blk.offset();
                switch (blk.kind()) {
                    case CATEGORY -> {
                        double u = random.nextOpenDouble();
                        int pick = blk.width() - 1;
                        for (int j = 0; j < blk.width(); j++) {
                            u -= p[b0 + j];
                            if (u <= 0) {
                                pick = j;
                                break;
                            }
                        }
                        out[off + pick] = 1;
                    }
                    case PRESENCE -> out[off] = random.nextOpenDouble() < p[b0] ? 1 : 0;
                    case VALUE -> out[off] = Math.min(1, Math.max(0, p[b0] + VALUE_SIGMA * random.nextGaussian()));
                }
            }
        }
        return out;
    }
}
