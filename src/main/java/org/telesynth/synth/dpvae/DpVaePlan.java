package org.telesynth.synth.dpvae;

import org.telesynth.BadInputException;
import org.telesynth.schema.Schema;
import org.telesynth.synth.PlanSettings;
import org.telesynth.synth.SynthesisPlan;
import java.util.Map;

import org.telesynth.config.DpVaeSettings;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.Checks;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.ReleaseBudget;
import org.telesynth.synth.relational.RelationalPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * The DP-VAE's plan, fixed before any data is read: {@code training_share} of the total epsilon (and
 * {@code training_delta_share} of delta) for DP-SGD, the rest, as one zCDP budget: {@code device_share} of it for
 * the device attributes' one-way marginals and each presence group's pattern counts (which start the decoder and
 * calibrate its samples), the remainder for the device count and the child tables' marginals of the relational
 * half ({@link RelationalPlan#withoutDeviceModel}).
 *
 * <p>The training's sampling rate and steps depend on the number of devices, which is private: they are set from
 * the noisy device count (released first), and the noise multiplier is then calibrated so that the training spends
 * exactly (training epsilon, training delta) under the RDP accountant, whatever that count. So the plan charges
 * the training as an (epsilon, delta) event up front, composed additively with the rest (adaptive sequential
 * composition), and the training itself is the subsampled Gaussian the accountant checks afterwards.
 */
public final class DpVaePlan implements SynthesisPlan {
    private final ReleaseConfig config;
    private final DpVaeSettings settings;
    private final double trainingEpsilon;
    private final double trainingDelta;
    private final RelationalPlan tables;
    private final Measurement oneWay;
    private final List<Measurement> patterns;

    public DpVaePlan(double epsilon, double delta, ReleaseConfig config, DpVaeSettings settings) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.probability("delta", delta);
        this.config = config;
        this.settings = settings;
        for (List<String> group : settings.presenceGroups()) {
            for (String table : group) {
                if (Schema.childTables().stream().noneMatch(t -> t.name().equals(table))) {
                    throw new BadInputException(config.source() + ": dpvae.presence_groups: " + table + " is not a child table");
                }
            }
        }
        this.trainingEpsilon = epsilon * settings.trainingShare();
        this.trainingDelta = delta * settings.trainingDeltaShare();
        ReleaseBudget rest = ReleaseBudget.split(epsilon - trainingEpsilon, delta - trainingDelta, config.partitionShare(),
                config.partitionDeltaShare(), RelationalPlan.hasOpenColumns(config));
        double rhoDevice = rest.rho() * settings.deviceShare();
        this.tables = RelationalPlan.withoutDeviceModel(new ReleaseBudget(rest.epsilon(), rest.delta(), rest.partitionRho(),
                rest.partitionDelta(), rest.rho() - rhoDevice), config);
        int groups = settings.presenceGroups().size();
        int grouped = settings.presenceGroups().stream().mapToInt(List::size).sum();
        int blocks = tables.attributes().size() - grouped;
        // a device sits in one cell of each block: L2 sensitivity sqrt(blocks) for the vector of plain one-ways
        this.oneWay = Measurement.gaussian("device one-way marginals", rhoDevice / (1 + groups), Math.sqrt(blocks));
        this.patterns = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            // one cell of the group's presence pattern: L2 sensitivity 1
            patterns.add(Measurement.gaussian("presence pattern of " + String.join(" + ", settings.presenceGroups().get(g)),
                    rhoDevice / (1 + groups), 1));
        }
    }

    /** The noisy one-way marginals of the device attributes outside presence groups (they start and calibrate the decoder). */
    Measurement oneWay() {
        return oneWay;
    }

    /** Per presence group, the noisy count of each presence pattern. */
    List<Measurement> patterns() {
        return patterns;
    }

    /** DP-SGD for a noisy device count: q = batch / count (at most 1), T = ceil(epochs / q), sigma calibrated. */
    DpSgd training(double noisyDevices) {
        return DpSgd.calibrated(settings, trainingEpsilon, trainingDelta, noisyDevices);
    }

    double trainingEpsilon() {
        return trainingEpsilon;
    }

    double trainingDelta() {
        return trainingDelta;
    }

    DpVaeSettings settings() {
        return settings;
    }

    RelationalPlan tables() {
        return tables;
    }

    @Override
    public ReleaseConfig config() {
        return config;
    }

    @Override
    public Map<String, Object> publicSettings() {
        return PlanSettings.of(config, Map.of("marginal", config.marginal(), "dpvae", settings));
    }

    @Override
    public List<PrivacyEvent> events() {
        List<PrivacyEvent> out = new ArrayList<>();
        out.add(new PrivacyEvent.ApproxDp(trainingEpsilon, trainingDelta,
                "DP-SGD training of the device VAE (noise calibrated to this after the noisy device count)"));
        out.addAll(tables.events());
        out.add(oneWay.event());
        patterns.forEach(p -> out.add(p.event()));
        return out;
    }
}
