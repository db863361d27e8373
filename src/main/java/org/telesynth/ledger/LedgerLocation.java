package org.telesynth.ledger;

import org.telesynth.BadInputException;

/**
 * Which ledger backend this process uses: {@code --ledger URI} (set by the command line for the command it runs),
 * else the environment variable {@code TELESYNTH_LEDGER}, else {@code file:} (each dataset's own file, the
 * embedded default). A team points every runner at one database with {@code TELESYNTH_LEDGER}.
 */
public final class LedgerLocation {
    public static final String ENV = "TELESYNTH_LEDGER";
    public static final String FILE = "file:";
    private static volatile String override;

    private LedgerLocation() {
    }

    /** The URI in effect. */
    public static String current() {
        if (override != null) {
            return override;
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? FILE : check(env.strip(), ENV);
    }

    /** Uses {@code uri} for the rest of this command ({@code --ledger}); null restores the default. */
    public static void use(String uri) {
        override = uri == null ? null : check(uri.strip(), "--ledger");
    }

    static boolean isFile(String uri) {
        return uri == null || uri.equals("file") || uri.startsWith("file:");
    }

    /** {@code uri} if it names a backend, else bad input naming where it came from. */
    static String check(String uri, String from) {
        if (isFile(uri) || uri.startsWith("jdbc:postgresql://")) {
            return uri;
        }
        throw new BadInputException(from + " must be file: (the default) or jdbc:postgresql://HOST[:PORT]/DB[?user=U&password=P], not "
                + redacted(uri));
    }

    /** The URI with any password left out, for messages and logs. */
    public static String redacted(String uri) {
        return uri.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
