package org.telesynth.cli;

import org.telesynth.privacy.RandomSource;
import picocli.CommandLine.Option;

/** Shared {@code --seed}: secure randomness unless a seed is given for a reproducible experiment. */
public final class SeedOption {
    @Option(names = "--seed", paramLabel = "S",
            description = "Seed for a reproducible run (same seed, same bytes). Without it, randomness is secure.")
    Long seed;

    RandomSource source() {
        return seed == null ? RandomSource.secure() : RandomSource.seeded(seed);
    }

    /** The seed to derive all simulation choices from: the given one, or a fresh secure draw. */
    long seedOrFresh() {
        return seed != null ? seed : RandomSource.secure().nextLong();
    }
}
