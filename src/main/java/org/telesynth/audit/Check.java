package org.telesynth.audit;

/**
 * One audit check.
 *
 * @param tier    quick, standard, full or deep
 * @param name    a stable key (audit.json), e.g. {@code worst_column_ks}
 * @param value   what was measured (null when not measurable)
 * @param limit   the gate's limit (null: no gate)
 * @param verdict the outcome
 * @param detail  one line a privacy engineer can act on: where the worst case is, the sample it read
 */
public record Check(String tier, String name, Double value, Double limit, Verdict verdict, String detail) {

    /**
     * A gate where lower is better: FAIL past {@code limit}, WARN past {@code ideal + warnShare (limit - ideal)},
     * PASS otherwise.
     */
    public static Check atMost(String tier, String name, double value, double limit, double ideal, double warnShare, String detail) {
        Verdict v = value > limit ? Verdict.FAIL : value > ideal + warnShare * (limit - ideal) ? Verdict.WARN : Verdict.PASS;
        return new Check(tier, name, value, limit, v, detail);
    }

    /**
     * A gate where higher is better: FAIL below {@code limit}, WARN below {@code ideal - warnShare (ideal - limit)},
     * PASS otherwise.
     */
    public static Check atLeast(String tier, String name, double value, double limit, double ideal, double warnShare, String detail) {
        Verdict v = value < limit ? Verdict.FAIL : value < ideal - warnShare * (ideal - limit) ? Verdict.WARN : Verdict.PASS;
        return new Check(tier, name, value, limit, v, detail);
    }

    /** A count that must be zero: FAIL above {@code limit}, PASS otherwise. */
    public static Check count(String tier, String name, long value, long limit, String detail) {
        return new Check(tier, name, (double) value, (double) limit, value > limit ? Verdict.FAIL : Verdict.PASS, detail);
    }

    /** A measurement reported without a gate. */
    public static Check info(String tier, String name, double value, String detail) {
        return new Check(tier, name, value, null, Verdict.INFO, detail);
    }

    /** A check that could not be made (a WARN, with the reason). */
    public static Check notMeasured(String tier, String name, String why) {
        return new Check(tier, name, null, null, Verdict.WARN, why);
    }
}
