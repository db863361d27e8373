package org.telesynth.synth.marginal;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.engine.Engines;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.synth.SynthesisPlan;
import org.telesynth.synth.relational.RelationalPlan;

import java.util.List;
import java.util.Map;

/**
 * The marginal method's plan: the measurements of its {@link RelationalPlan}, and the engine they run on (public:
 * where the counting happens, never what is released).
 *
 * @param model       every measurement and its sensitivity
 * @param engine      {@code duckdb} or {@code spark}
 * @param sparkMaster Spark's master URL (null: {@code local[*]})
 */
public record MarginalPlan(RelationalPlan model, String engine, String sparkMaster) implements SynthesisPlan {
    /** Measured on the embedded engine. */
    public MarginalPlan(RelationalPlan model) {
        this(model, Engines.DUCKDB, null);
    }

    @Override
    public List<PrivacyEvent> events() {
        return model.events();
    }

    @Override
    public ReleaseConfig config() {
        return model.config();
    }

    @Override
    public Map<String, Object> publicSettings() {
        return model.publicSettings();
    }
}
