package org.telesynth.config;

import org.telesynth.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a user's configuration comes from, first match wins: {@code --config FILE}, the environment variable
 * {@code TELESYNTH_CONFIG}, then {@code ./telesynth.yaml} in the working directory. Whichever is found is laid over
 * the built-in defaults; with none, the defaults alone apply. A named file that does not exist is an error (a typo
 * must not silently mean "defaults"); a missing {@code ./telesynth.yaml} just means there is none.
 *
 * @param file the user's file, or null for the defaults alone
 * @param via  how it was found ({@code --config}, {@code TELESYNTH_CONFIG} or {@code ./telesynth.yaml}), for messages
 */
public record ConfigDiscovery(Path file, String via) {
    public static final String ENV = "TELESYNTH_CONFIG";
    public static final String LOCAL_FILE = "telesynth.yaml";

    /** The configuration this process would use, given {@code --config} (or null). */
    public static ConfigDiscovery of(Path explicit) {
        return of(explicit, System.getenv(ENV), Path.of("").toAbsolutePath());
    }

    /** As above with the environment value and working directory given (tests). */
    static ConfigDiscovery of(Path explicit, String env, Path workingDirectory) {
        ConfigDiscovery found;
        if (explicit != null) {
            found = new ConfigDiscovery(explicit, "--config");
        } else if (env != null && !env.isBlank()) {
            found = new ConfigDiscovery(Path.of(env), ENV);
        } else {
            Path local = workingDirectory.resolve(LOCAL_FILE);
            return Files.isRegularFile(local) ? new ConfigDiscovery(local, "./" + LOCAL_FILE) : new ConfigDiscovery(null, "built-in defaults");
        }
        if (!Files.isRegularFile(found.file())) {
            throw new BadInputException(found.via() + ": no such file: " + found.file());
        }
        return found;
    }
}
