package org.telesynth.cli;

import org.telesynth.BadInputException;
import org.telesynth.BudgetRefusedException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Entry point. The one place where exceptions become exit codes and one-line messages; the stack trace is
 * shown only with {@code --stacktrace}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        NativeTemp.pin();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        try {
            return commandLine().execute(args);
        } finally {
            org.telesynth.ledger.LedgerLocation.use(null);
        }
    }

    static CommandLine commandLine() {
        TelesynthCommand root = new TelesynthCommand();
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("telesynth: " + oneLine(ex));
            if (root.stacktrace) {
                ex.printStackTrace(err);
            }
            err.flush();
            return exitCodeOf(ex);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("telesynth: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCode.BAD_INPUT;
        });
        return cl;
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof BudgetRefusedException) {
            return ExitCode.BUDGET_REFUSED;
        }
        return ExitCode.RUNTIME_FAILURE;
    }

    static String oneLine(Throwable ex) {
        String message = ex.getMessage();
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            // keep the context ("cannot write the ledger F") and add what the file system said
            Throwable cause = ex.getCause();
            String said = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            message = message == null || message.equals(cause.toString()) ? said : message + " (" + said + ")";
        }
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
