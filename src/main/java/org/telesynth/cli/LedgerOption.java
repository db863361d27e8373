package org.telesynth.cli;

import org.telesynth.ledger.LedgerLocation;
import picocli.CommandLine.Option;

/**
 * Shared {@code --ledger URI}: the ledger backend for this command, over {@code TELESYNTH_LEDGER} and the default
 * {@code file:} (docs/budget.md). Setting it takes effect at once; {@link Main} restores the default after the
 * command, so an in-process caller running several commands never inherits one's choice in the next.
 */
public final class LedgerOption {
    @Option(names = "--ledger", paramLabel = "URI", description = "The ledger backend: file: (default, the dataset's own"
            + " .telesynth/ledger.json) or jdbc:postgresql://HOST[:PORT]/DB?user=U (a team's shared ledger). Default:"
            + " $TELESYNTH_LEDGER, else file:.")
    void use(String uri) {
        try {
            LedgerLocation.use(uri);
        } catch (org.telesynth.BadInputException e) {
            // a usage error like any other option's: one line and the help hint, exit 2
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;
}
