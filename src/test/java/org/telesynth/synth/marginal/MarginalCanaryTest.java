package org.telesynth.synth.marginal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.audit.Audit;
import org.telesynth.audit.CanaryAudit;
import org.telesynth.cli.CliRunner;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.relational.RelationalPlan;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deep tier catches the marginal method itself with its noise turned off (every measurement exact, every
 * open-domain value kept): the same code path as a release, one broken mechanism.
 */
class MarginalCanaryTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    @TempDir
    static Path work;
    static Path real;

    @BeforeAll
    static void fleet() {
        real = work.resolve("real");
        assertEquals(0, CliRunner.run("simulate", "-q", "--devices", "1500", "--seed", "6", "--out", work.resolve("raw").toString()).code());
        assertEquals(0, CliRunner.run("load", "-q", "--in", work.resolve("raw").toString(), "--out", real.toString()).code());
    }

    @Test
    void withTheNoiseOff_theCanaryBoundExceedsTheClaim() {
        CanaryAudit.Release noiseOff = (data, agg, out, log) -> {
            RelationalPlan plan = new RelationalPlan(1, 1e-5, CONFIG);
            try (StagedOutput staged = new StagedOutput(out)) {
                MarginalSynthesizer.synthesize(agg, new MarginalPlan(plan), CONFIG, RandomSource.seeded(1), staged, log, c -> Measurer.exactForSensitivityTests(c, CONFIG));
                staged.commit();
            }
        };
        CanaryAudit.Result r = CanaryAudit.run(real, CONFIG, "marginal without noise", 1, 1e-5, noiseOff, 200, 0.95, RandomSource.seeded(3),
                work.resolve("deep"), org.telesynth.Progress.NONE);
        assertTrue(r.tokens() > 0, "no canary token came through");
        assertTrue(r.bound() > 1, "bound " + r.bound() + " with " + r.tokens() + " tokens seen, " + r.correct() + " right");
        assertEquals("FAIL", Audit.canaryCheck(r).verdict().name());
    }
}
