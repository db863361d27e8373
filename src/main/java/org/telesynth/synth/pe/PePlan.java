package org.telesynth.synth.pe;

import org.telesynth.synth.PlanSettings;
import org.telesynth.synth.SynthesisPlan;
import java.util.Map;

import org.telesynth.config.PeSettings;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.ReleaseBudget;
import org.telesynth.synth.relational.DeviceAttribute;
import org.telesynth.synth.relational.RelationalPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * Private Evolution's plan, fixed before any data is read. The total (epsilon, delta) is one zCDP budget
 * ({@link ReleaseBudget}); {@code pe.device_share} of it for the device model: T vote histograms (a device votes
 * once per round, for one synthetic record: L2 sensitivity 1 each) and, in the conditional variant,
 * {@code conditional_share} of it for the workload marginals, one histogram per {@link AttributeGroups group} (the
 * configured {@code pe.marginals}, then every other attribute alone) as one vector: a device sits in one cell of
 * each group, L2 sensitivity sqrt(groups); the rest for the relational half, with rows-per-device histograms
 * ({@link RelationalPlan#withoutDeviceModelWithRows}).
 */
public final class PePlan implements SynthesisPlan {
    private final ReleaseConfig config;
    private final PeSettings settings;
    private final RelationalPlan tables;
    private final List<Measurement> votes = new ArrayList<>();
    private final Measurement marginals;
    private final AttributeGroups groups;

    public PePlan(double epsilon, double delta, ReleaseConfig config, PeSettings settings) {
        this.config = config;
        this.settings = settings;
        ReleaseBudget budget = ReleaseBudget.split(epsilon, delta, config.partitionShare(), config.partitionDeltaShare(),
                RelationalPlan.hasOpenColumns(config));
        double rhoDevice = budget.rho() * settings.deviceShare();
        this.tables = RelationalPlan.withoutDeviceModelWithRows(new ReleaseBudget(budget.epsilon(), budget.delta(), budget.partitionRho(),
                budget.partitionDelta(), budget.rho() - rhoDevice), config);
        double rhoOneWay = rhoDevice * settings.conditionalShare();
        int t = settings.iterations();
        for (int i = 1; i <= t; i++) {
            votes.add(Measurement.gaussian("pe votes round " + i, (rhoDevice - rhoOneWay) / t, 1));
        }
        int[] cells = tables.attributes().stream().mapToInt(DeviceAttribute::cells).toArray();
        groups = AttributeGroups.of(tables.attributes(), cells, rhoOneWay > 0 ? settings.marginals() : List.of());
        PeSynthesizer.blocking(tables.attributes(), settings.blocking()); // a bad pe.blocking fails here, before the charge
        marginals = rhoOneWay > 0 ? Measurement.gaussian("pe workload marginals", rhoOneWay, Math.sqrt(groups.size())) : null;
    }

    PeSettings settings() {
        return settings;
    }

    RelationalPlan tables() {
        return tables;
    }

    List<Measurement> votes() {
        return votes;
    }

    /** The conditional variant's workload marginals, or null for vanilla PE. */
    Measurement marginals() {
        return marginals;
    }

    /** How the APIs draw and raking steers the attributes: the workload marginals' groups (vanilla: each attribute alone). */
    AttributeGroups groups() {
        return groups;
    }

    @Override
    public ReleaseConfig config() {
        return config;
    }

    @Override
    public Map<String, Object> publicSettings() {
        return PlanSettings.of(config, Map.of("marginal", config.marginal(), "pe", settings));
    }

    @Override
    public List<PrivacyEvent> events() {
        List<PrivacyEvent> out = new ArrayList<>(tables.events());
        votes.forEach(v -> out.add(v.event()));
        if (marginals != null) {
            out.add(marginals.event());
        }
        return out;
    }
}
