package org.telesynth.synth.dpvae;

import org.nd4j.linalg.api.buffer.DataType;
import org.telesynth.Progress;
import org.telesynth.config.DpVaeSettings;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.relational.DeviceAttribute;

import java.util.List;

/**
 * A VAE over device attributes alone, trained with {@link DpSgd}: the per-table baseline's optional device model
 * ({@code pertable.device_model: dpvae}), which draws a device's attributes jointly where the histogram model draws
 * each column on its own. The same encoder, decoder and DP-SGD as the DP-VAE method, without child tables.
 */
public final class DeviceVae {
    private DeviceVae() {
    }

    /**
     * Trains on the real devices and decodes {@code n} synthetic ones.
     *
     * @param attributes    public-domain device attributes (VALUE kind), one categorical block each
     * @param realCodes     the real devices' codes, [attribute][device] (private: only DP-SGD reads them)
     * @param oneWay        per attribute, released counts over its cells (post-processing: they start the decoder's
     *                      output biases and calibrate its samples)
     * @param epsilon       the training's epsilon, charged by the plan
     * @param delta         the training's delta, charged by the plan
     * @param noisyDevices  the released device count (sets the sampling rate and steps)
     * @param random        the release's source: the privacy noise and the Poisson sampling
     * @return the synthetic devices' codes, [attribute][device]
     */
    public static int[][] synthesize(List<DeviceAttribute> attributes, int[][] realCodes, double[][] oneWay, DpVaeSettings settings,
                                     double epsilon, double delta, double noisyDevices, int n, RandomSource random, Progress progress) {
        for (DeviceAttribute a : attributes) {
            if (a.presenceOf() != null) {
                throw new IllegalArgumentException("the device VAE models device attributes only, not " + a.name());
            }
        }
        Nd4jSetup.configure(settings.threads());
        int[] cells = attributes.stream().mapToInt(DeviceAttribute::cells).toArray();
        ProfileEncoding encoding = new ProfileEncoding(attributes, cells, new int[attributes.size()], List.of());
        DpSgd sgd = DpSgd.calibrated(settings, epsilon, delta, noisyDevices);
        NoiseStream noise = new NoiseStream(random);
        // initial weights, reparameterisation draws, decoding: any stream will do, a fast one keyed once
        NoiseStream aux = new NoiseStream(RandomSource.seeded(random.nextLong()));
        Vae vae = Vae.init(encoding.layout(), settings.hidden(), settings.latent(), DataType.FLOAT, aux);
        // value attributes only: layout block b is attribute b
        vae.startFrom(oneWay);
        progress.step(String.format("  device VAE, DP-SGD: %,d steps at sampling rate %.4g, noise multiplier %.4f, clip %.2g; %,d parameters,"
                        + " %d inputs; training spends epsilon %.4g, delta %.3g", sgd.steps(), sgd.samplingRate(), sgd.noiseMultiplier(),
                sgd.clip(), vae.parameterCount(), encoding.layout().width(), epsilon, delta));
        float[][] noRows = new float[attributes.size()][];
        // sensitivity (DpSgd): one device is one record of the attributes
        sgd.train(vae, realCodes[0].length, idx -> encoding.batch(realCodes, noRows, idx, DataType.FLOAT), noise, aux, true, progress);
        return encoding.decode(vae, n, oneWay, aux).codes();
    }
}
