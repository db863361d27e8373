package org.telesynth.cli;

import org.telesynth.Progress;

import java.io.PrintStream;

/** Progress lines on stderr (stdout stays for results), with the elapsed time of the command. */
final class ConsoleProgress implements Progress {
    private final PrintStream err;
    private final boolean quiet;
    private final boolean timed;
    private final long started = System.nanoTime();

    ConsoleProgress(PrintStream err, boolean quiet) {
        this(err, quiet, true);
    }

    /** With {@code timed}, each line starts with the command's elapsed time. */
    ConsoleProgress(PrintStream err, boolean quiet, boolean timed) {
        this.err = err;
        this.quiet = quiet;
        this.timed = timed;
    }

    @Override
    public void step(String message) {
        if (!quiet) {
            if (timed) {
                err.printf("[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, message);
            } else {
                err.println(message);
            }
        }
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
    }
}
