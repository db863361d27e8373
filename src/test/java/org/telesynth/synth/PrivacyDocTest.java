package org.telesynth.synth;

import org.junit.jupiter.api.Test;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.synth.pertable.PerTablePlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/privacy.md states the grain, k, clamps and sensitivities of the default configuration, exactly. */
class PrivacyDocTest {
    @Test
    void privacyPage_containsThePerTableTableOfTheDefaultConfig() throws IOException {
        String page = Files.readString(Path.of("docs/privacy.md"));
        String table = PerTablePlan.privacyTable(ReleaseConfig.load(Path.of("config/default.yaml")));
        assertTrue(page.contains(table), "docs/privacy.md is out of date with config/default.yaml; regenerate its table from"
                + " PerTablePlan.privacyTable:\\n" + table);
    }
}
