package org.telesynth;

/** A release would spend more than the dataset's privacy-budget cap: exit code 3, nothing is read or written. */
public class BudgetRefusedException extends RuntimeException {
    public BudgetRefusedException(String message) {
        super(message);
    }
}
