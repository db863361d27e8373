package org.telesynth.synth.dpvae;

import org.junit.jupiter.api.Test;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.Accountant;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.privacy.RdpAccountant;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DP-VAE plan spends exactly the requested budget, and the training exactly its share, whatever the device count. */
class DpVaePlanTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);

    @Test
    void plan_composesToTheRequestedBudget() {
        for (double epsilon : new double[]{1, 4, 16}) {
            DpVaePlan plan = new DpVaePlan(epsilon, 1e-5, CONFIG, CONFIG.dpvae());
            assertEquals(epsilon, Accountant.standard().compose(plan.events(), 1e-5).epsilon(), 1e-6 * epsilon);
        }
    }

    /** The acceptance point: after training, the RDP accountant's epsilon equals the training share within 1 %. */
    @Test
    void training_spendsItsShareWithinOnePercent_forAnyNoisyCount() {
        DpVaePlan plan = new DpVaePlan(4, 1e-5, CONFIG, CONFIG.dpvae());
        for (double devices : new double[]{2_000, 200_000, 1_000_000}) {
            DpSgd sgd = plan.training(devices);
            double spent = new RdpAccountant().compose(List.of(new PrivacyEvent.SubsampledGaussian(sgd.samplingRate(),
                    sgd.noiseMultiplier(), sgd.steps(), "training")), plan.trainingDelta()).epsilon();
            assertTrue(spent <= plan.trainingEpsilon() * (1 + 1e-12), devices + " devices: " + spent);
            assertEquals(plan.trainingEpsilon(), spent, 0.01 * plan.trainingEpsilon(), devices + " devices");
            assertEquals(Math.ceil(CONFIG.dpvae().epochs() / sgd.samplingRate()), sgd.steps(), devices + " devices: steps = epochs / q");
        }
    }

    @Test
    void moreEpochs_needMoreNoise() {
        DpVaePlan few = new DpVaePlan(4, 1e-5, CONFIG, CONFIG.dpvae().with(2, null));
        DpVaePlan many = new DpVaePlan(4, 1e-5, CONFIG, CONFIG.dpvae().with(30, null));
        assertTrue(many.training(200_000).noiseMultiplier() > few.training(200_000).noiseMultiplier());
    }
}
