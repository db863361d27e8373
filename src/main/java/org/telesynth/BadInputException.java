package org.telesynth;

/**
 * The user's input is wrong (a missing table, a bad column, an invalid option value): exit code 2.
 * The message is one line that names what is wrong and where.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
