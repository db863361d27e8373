package org.telesynth.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The eventlog: section refuses bad values by key, before any plan or charge. */
class EventLogSettingsTest {
    @Test
    void badValues_areRefusedNamingTheKey(@TempDir Path tmp) throws Exception {
        String[][] cases = {{"eventlog: {hours_share: 0.5}", "hours_share"}, {"eventlog: {events_per_user: 0}", "events_per_user"},
                {"eventlog: {events_per_user: 2000}", "events_per_user"}, {"eventlog: {users_share: 1}", "users_share"},
                {"eventlog: {bogus: 1}", "bogus"}};
        for (String[] c : cases) {
            Path file = Files.writeString(tmp.resolve("c.yaml"), c[0] + "\n");
            BadInputException e = assertThrows(BadInputException.class, () -> ReleaseConfig.load(file), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }
}
