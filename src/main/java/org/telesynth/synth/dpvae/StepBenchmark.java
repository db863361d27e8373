package org.telesynth.synth.dpvae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.relational.DeviceAttribute;
import org.telesynth.synth.relational.RelationalPlan;

import java.util.List;

/**
 * scripts/bench-dpvae.sh's step timing: seconds per DP-SGD step (Poisson batch, ghost norms, clipping, noise,
 * Adam) against the same step without privacy (the same batch, no norms, no clipping, no noise), on the default
 * config's device-profile layout with random records (no data is read). Prints one line of figures.
 * Arguments: batch size (default 4096), timed steps (default 60).
 */
public final class StepBenchmark {
    private StepBenchmark() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        ReleaseConfig config = ReleaseConfig.load(null);
        Nd4jSetup.configure(config.dpvae().threads());
        List<DeviceAttribute> attrs = new DpVaePlan(4, 1e-5, config, config.dpvae()).tables().attributes();
        int[] cells = new int[attrs.size()];
        int[] k = new int[attrs.size()];
        for (int a = 0; a < cells.length; a++) {
            cells[a] = attrs.get(a).cells();
            k[a] = attrs.get(a).presenceOf() == null ? 0 : config.table(attrs.get(a).presenceOf().name()).k();
        }
        ProfileEncoding encoding = new ProfileEncoding(attrs, cells, k, config.dpvae().presenceGroups());
        int records = 1_000_000;
        NoiseStream r = new NoiseStream(RandomSource.seeded(1));
        int[][] codes = new int[attrs.size()][records];
        float[][] scaled = new float[attrs.size()][records];
        for (int a = 0; a < cells.length; a++) {
            for (int i = 0; i < records; i++) {
                codes[a][i] = (int) (r.nextOpenDouble() * cells[a]);
                scaled[a][i] = (float) r.nextOpenDouble();
            }
        }
        double q = (double) batch / records;
        double[] seconds = new double[2];
        for (int mode = 0; mode < 2; mode++) {
            boolean privately = mode == 0;
            Vae vae = Vae.init(encoding.layout(), config.dpvae().hidden(), config.dpvae().latent(), DataType.FLOAT, r);
            DpSgd warm = new DpSgd(q, 1, 1, 10, 1e-3, batch);
            DpSgd timed = new DpSgd(q, 1, 1, steps, 1e-3, batch);
            DpSgd.BatchBuilder rows = idx -> encoding.batch(codes, scaled, idx, DataType.FLOAT);
            warm.train(vae, records, rows, r, r, privately, null);
            long t0 = System.nanoTime();
            timed.train(vae, records, rows, r, r, privately, null);
            seconds[mode] = (System.nanoTime() - t0) / 1e9 / steps;
        }
        INDArray probe = encoding.batch(codes, scaled, new int[]{0}, DataType.FLOAT);
        System.out.printf("batch=%d inputs=%d parameters=%d dp_step_s=%.4f plain_step_s=%.4f ratio=%.2f%n", batch, probe.columns(),
                Vae.init(encoding.layout(), config.dpvae().hidden(), config.dpvae().latent(), DataType.FLOAT, r).parameterCount(),
                seconds[0], seconds[1], seconds[0] / seconds[1]);
    }
}
