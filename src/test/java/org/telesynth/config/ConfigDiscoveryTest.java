package org.telesynth.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the user's configuration comes from: --config, then TELESYNTH_CONFIG, then ./telesynth.yaml; over the defaults. */
class ConfigDiscoveryTest {

    @Test
    void order_isConfigFlag_thenEnvironment_thenLocalFile_thenDefaults(@TempDir Path tmp) throws Exception {
        Path flag = Files.writeString(tmp.resolve("flag.yaml"), "pe: {iterations: 3}\n");
        Path env = Files.writeString(tmp.resolve("env.yaml"), "pe: {iterations: 5}\n");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Files.writeString(cwd.resolve("telesynth.yaml"), "pe: {iterations: 7}\n");
        assertEquals(flag, ConfigDiscovery.of(flag, env.toString(), cwd).file());
        assertEquals(env, ConfigDiscovery.of(null, env.toString(), cwd).file());
        assertEquals("TELESYNTH_CONFIG", ConfigDiscovery.of(null, env.toString(), cwd).via());
        assertEquals(cwd.resolve("telesynth.yaml"), ConfigDiscovery.of(null, "", cwd).file());
        assertNull(ConfigDiscovery.of(null, null, tmp).file(), "nothing found: the defaults alone");
        // each layer really overlays the defaults: the one key changes, every other stays the default
        ReleaseConfig defaults = ReleaseConfig.load((Path) null);
        for (var c : new Object[][]{{ConfigDiscovery.of(null, env.toString(), cwd), 5}, {ConfigDiscovery.of(null, null, cwd), 7}}) {
            ReleaseConfig r = ReleaseConfig.load((ConfigDiscovery) c[0], null);
            assertEquals(c[1], r.pe().iterations());
            assertEquals(defaults.pe().population(), r.pe().population());
            assertEquals(defaults.tables().get("system_userwait").k(), r.tables().get("system_userwait").k());
            assertEquals(defaults.capEpsilon(), r.capEpsilon());
            assertTrue(r.source().contains(((ConfigDiscovery) c[0]).via()), r.source());
        }
    }

    @Test
    void aNamedFileThatIsMissing_isAnError_namingHowItWasNamed(@TempDir Path tmp) {
        BadInputException e = assertThrows(BadInputException.class, () -> ConfigDiscovery.of(null, tmp.resolve("nope.yaml").toString(), tmp));
        assertTrue(e.getMessage().startsWith("TELESYNTH_CONFIG: no such file"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> ConfigDiscovery.of(tmp.resolve("x.yaml"), null, tmp));
        assertTrue(e.getMessage().startsWith("--config: no such file"), e.getMessage());
    }

    @Test
    void anUnknownKeyInADiscoveredFile_staysAnError(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("telesynth.yaml"), "pe: {iterashuns: 8}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ReleaseConfig.load(ConfigDiscovery.of(null, null, tmp), null));
        assertTrue(e.getMessage().contains("pe.iterashuns"), e.getMessage());
    }
}
