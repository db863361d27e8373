package org.telesynth.synth.dpvae;

import org.nd4j.linalg.api.buffer.DataType;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.NoiseStream;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.Synthesizer;
import org.telesynth.synth.relational.DeviceAttribute;
import org.telesynth.synth.relational.RelationalTables;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DP-VAE method: the noisy device count; a {@link Vae} trained with {@link DpSgd} on the device profile (device
 * attributes, every child table's presence and rows per device); synthetic devices decoded from it; then the
 * relational half ({@link RelationalTables}) writes every table on those devices, each child table on the devices
 * the VAE made present with the rows it gave them, columns from noisy marginals crossed with device attributes.
 */
public final class DpVaeSynthesizer implements Synthesizer<DpVaePlan> {
    @Override
    public String name() {
        return "dpvae";
    }

    @Override
    public DpVaePlan plan(ReleaseConfig config, ReleaseRequest request) {
        Set<String> known = Set.of("epochs", "batch_size");
        return new DpVaePlan(request.epsilon(), request.delta(), config,
                config.dpvae().with(request.option("epochs", known), request.option("batch_size", known)));
    }

    @Override
    public Map<String, Long> synthesize(Path agg, DpVaePlan plan, RandomSource random, StagedOutput out, Progress progress) {
        ReleaseConfig config = plan.config();
        Nd4jSetup.configure(plan.settings().threads());
        try (Connection c = RelationalTables.open(agg, config, out)) {
            Measurer measure = new Measurer(c, random, config);
            RelationalTables tables = new RelationalTables(c, plan.tables(), config, measure, progress);
            double noisyDevices = tables.noisyDeviceCount();
            int n = RelationalTables.syntheticDevices(noisyDevices);
            List<DeviceAttribute> attrs = plan.tables().attributes();
            int[] k = new int[attrs.size()];
            for (int a = 0; a < k.length; a++) {
                k[a] = attrs.get(a).presenceOf() == null ? 0 : config.table(attrs.get(a).presenceOf().name()).k();
            }
            ProfileEncoding encoding = new ProfileEncoding(attrs, tables.cells(), k, plan.settings().presenceGroups());
            int[][] codes = tables.realCodes();
            float[][] scaled = scaledRows(c, attrs, k);

            DpSgd sgd = plan.training(noisyDevices);
            // the privacy noise and the Poisson sampling: from the release's source (secure unless --seed)
            NoiseStream noise = new NoiseStream(random);
            // initial weights, reparameterisation draws, decoding: any stream will do, a fast one keyed once
            NoiseStream aux = new NoiseStream(RandomSource.seeded(random.nextLong()));
            Vae vae = Vae.init(encoding.layout(), plan.settings().hidden(), plan.settings().latent(), DataType.FLOAT, aux);
            double[][] oneWay = new double[encoding.layout().blocks().size()][];
            List<Integer> plain = encoding.blocks(false);
            // sensitivity (plan): the device sits in one cell of each block, L2 = sqrt(blocks)
            encoding.split(measure.release(plan.oneWay(), encoding.counts(plain, codes)), plain, oneWay);
            List<Integer> patterns = encoding.blocks(true);
            for (int g = 0; g < patterns.size(); g++) {
                List<Integer> one = List.of(patterns.get(g));
                // sensitivity (plan): the device has one presence pattern, L2 = 1
                encoding.split(measure.release(plan.patterns().get(g), encoding.counts(one, codes)), one, oneWay);
            }
            vae.startFrom(oneWay);
            progress.step(String.format("  DP-SGD: %,d steps at sampling rate %.4g, noise multiplier %.4f, clip %.2g; %,d parameters,"
                            + " %d inputs; training spends epsilon %.4g, delta %.3g", sgd.steps(), sgd.samplingRate(), sgd.noiseMultiplier(),
                    sgd.clip(), vae.parameterCount(), encoding.layout().width(), plan.trainingEpsilon(), plan.trainingDelta()));
            // sensitivity (DpSgd): one device is one record of the profile
            sgd.train(vae, codes[0].length, idx -> encoding.batch(codes, scaled, idx, DataType.FLOAT), noise, aux, true, progress);

            ProfileEncoding.Decoded devices = encoding.decode(vae, n, oneWay, aux);
            tables.blockersNeedOsHistory(devices.codes());
            return tables.write(n, devices.codes(), (t, idx, generator) -> {
                int[] rowsOf = devices.rows()[presenceOf(attrs, t)];
                int[] rows = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    rows[i] = rowsOf[idx[i]];
                }
                return rows;
            }, RandomSource.seeded(random.nextLong()), out);
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    /** The index of a child table's presence attribute. */
    private static int presenceOf(List<DeviceAttribute> attrs, TableSchema table) {
        for (int a = 0; a < attrs.size(); a++) {
            if (table.equals(attrs.get(a).presenceOf())) {
                return a;
            }
        }
        throw new IllegalArgumentException("no presence attribute for " + table.name());
    }

    /** Per presence attribute, the real devices' rows per device on the model's scale, in guid order (private). */
    private static float[][] scaledRows(Connection c, List<DeviceAttribute> attrs, int[] k) {
        float[][] out = new float[attrs.size()][];
        for (int a = 0; a < attrs.size(); a++) {
            if (attrs.get(a).presenceOf() == null) {
                continue;
            }
            String p = "\"" + attrs.get(a).presenceOf().name().replaceFirst("^system_", "") + "_";
            double[] rows = Duck.queryDoubleList(c, "SELECT list(round(" + p + "days\" * " + p + "rows_per_day\")::DOUBLE ORDER BY guid) FROM device_profile");
            out[a] = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[a][i] = ProfileEncoding.scaledRows(rows[i], k[a]);
            }
        }
        return out;
    }
}
