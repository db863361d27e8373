package org.telesynth.ledger;

import org.telesynth.privacy.LedgerEntry;

import java.time.Instant;

/**
 * One row of a ledger's append-only audit log: an attempt to charge, and how it ended.
 *
 * @param time          ISO-8601 instant of the attempt
 * @param runId         the release's run id
 * @param method        the synthesizer, or what was recorded by hand
 * @param epsilon       what the attempt asked for
 * @param delta         what the attempt asked for
 * @param parameterHash the run's parameter hash
 * @param seeded        whether the run was seeded
 * @param outcome       {@link #CHARGED}, {@link #REFUSED}, {@link #ROLLED_BACK} or {@link #MIGRATED}
 * @param user          who (the operating-system user)
 * @param host          where (the host name, or {@code TELESYNTH_HOST})
 * @param detail        why it was refused, an allowance override, or empty
 */
public record AuditRecord(String time, String runId, String method, double epsilon, double delta, String parameterHash,
                          boolean seeded, String outcome, String user, String host, String detail) {
    public static final String CHARGED = "charged";
    public static final String REFUSED = "refused";
    /** The charge's transaction failed (conflicts past the retry bound, a lost connection): nothing was spent. */
    public static final String ROLLED_BACK = "rolled_back";
    /** A charge copied from another backend by {@code budget migrate}. */
    public static final String MIGRATED = "migrated";

    /** The record of an attempt to charge {@code e}, made now by this process. */
    static AuditRecord of(LedgerEntry e, String outcome, String detail) {
        return new AuditRecord(Instant.now().toString(), e.runId(), e.method(), e.epsilon(), e.delta(), e.parameterHash(), e.seeded(),
                outcome, System.getProperty("user.name", ""), thisHost(), detail == null ? "" : detail);
    }

    /** The host name ({@code TELESYNTH_HOST} overrides it, e.g. for CI runners sharing a machine). */
    static String thisHost() {
        String h = System.getenv("TELESYNTH_HOST");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }
}
