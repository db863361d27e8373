package org.telesynth.synth.eventlog;

import org.telesynth.BadInputException;
import org.telesynth.sim.EventLogSimulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The public domain of the mechanism study's event log ({@code simulate --profile eventlog}): its products and
 * event types (each in name order, so a product's index orders like its name, the study's tie rule), its window
 * (2024-05-01, 92 days, starting at midnight so that a second of the window gives the hour of day), and where the
 * log file is. Nothing here is read from the data.
 */
public final class EventLogDomain {
    public static final List<String> PRODUCTS = List.of("A", "B", "C", "D", "E", "F", "Others");
    public static final List<String> EVENTS = List.of("close", "error", "open", "reset", "save");
    public static final int ERROR = EVENTS.indexOf("error");
    public static final String START = "2024-05-01 00:00:00";
    public static final int WINDOW_SECONDS = 92 * 86400;
    public static final int HOURS = 24;

    private EventLogDomain() {
    }

    /** The event log file of {@code --in} (the file, or the directory holding it); checked before any charge. */
    public static Path file(Path in) {
        Path file = Files.isDirectory(in) ? in.resolve(EventLogSimulator.TABLE + ".parquet") : in;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--in: no " + EventLogSimulator.TABLE + ".parquet in " + in + " (simulate --profile eventlog writes one)");
        }
        return file;
    }

    /** The hour of day of a second of the window. */
    public static int hourOf(int second) {
        return (second / 3600) % HOURS;
    }
}
