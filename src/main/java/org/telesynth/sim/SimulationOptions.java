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
public record SimulationOptions(int devices, int days, long seed, Profile profile, LocalDate start, boolean events) {
    /** First day of the default window: early 2023, when Win11 22H2 was current (as in the real sample). */
    public static final LocalDate DEFAULT_START = LocalDate.of(2023, 1, 1);

    public enum Profile { fleet, eventlog }

    /** The reporting tables alone, without the raw event tables. */
    public SimulationOptions(int devices, int days, long seed, Profile profile, LocalDate start) {
        this(devices, days, seed, profile, start, false);
    }

    public SimulationOptions {
        if (devices < 1 || devices > 16_000_000) {
            throw new IllegalArgumentException("--devices must be between 1 and 16000000, got " + devices);
        }
        if (days < 1 || days > 1000) {
            throw new IllegalArgumentException("--days must be between 1 and 1000, got " + days);
        }
    }
    /** The manifest simulate writes beside its tables (simulated data is public: its counts and time may show). */
    public java.util.Map<String, Object> manifest(java.util.Map<String, Long> rows, double wallSeconds) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("stage", "simulate");
        m.put("code_version", org.telesynth.Version.version());
        m.put("profile", profile().name());
        m.put("devices", devices());
        m.put("days", days());
        m.put("start", start().toString());
        m.put("seed", seed());
        m.put("events", events());
        m.put("rows", rows);
        m.put("wall_seconds", Math.round(wallSeconds * 10) / 10.0);
        return m;
    }

}
