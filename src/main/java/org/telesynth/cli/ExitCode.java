package org.telesynth.cli;

/** The one exit-code table of the command line (DESIGN.md §6). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int BAD_INPUT = 2;
    public static final int BUDGET_REFUSED = 3;
    /** audit: a quality gate failed, the release must not be shared. */
    public static final int GATE_FAILED = 4;

    private ExitCode() {
    }
}
