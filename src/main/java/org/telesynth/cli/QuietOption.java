package org.telesynth.cli;

import picocli.CommandLine.Option;

/** Shared {@code -q/--quiet}: no progress lines on stderr (warnings and errors still show). */
public final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    /** The console progress of a command, quiet or not. */
    ConsoleProgress progress() {
        return new ConsoleProgress(System.err, quiet, true);
    }

    /** Progress without the elapsed time: for a release, whose timings depend on the private data. */
    ConsoleProgress untimedProgress() {
        return new ConsoleProgress(System.err, quiet, false);
    }
}
