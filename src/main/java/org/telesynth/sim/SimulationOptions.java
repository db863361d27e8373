package org.telesynth.sim;

import java.time.LocalDate;

/**
 * What to simulate.
 *
 * @param devices number of devices (or users, for the event-log profile); 1 to 16,000,000
 * @param days    length of the time window in days; 1 to 1,000
 * @param seed    the seed every random choice derives from
 * @param profile {@code fleet} (the 19 reporting tables) or {@code eventlog} (the single-table event log)
 * @param start   first day of the window
 */
public record SimulationOptions(int devices, int days, long seed, Profile profile, LocalDate start) {
    /** First day of the default window: early 2023, when Win11 22H2 was current (as in the real sample). */
    public static final LocalDate DEFAULT_START = LocalDate.of(2023, 1, 1);

    public enum Profile { fleet, eventlog }

    public SimulationOptions {
        if (devices < 1 || devices > 16_000_000) {
            throw new IllegalArgumentException("--devices must be between 1 and 16000000, got " + devices);
        }
        if (days < 1 || days > 1000) {
            throw new IllegalArgumentException("--days must be between 1 and 1000, got " + days);
        }
    }
}
