package org.telesynth.ledger;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server the shared-ledger tests run against: {@code TELESYNTH_TEST_PG_URL}, which
 * {@code .ci/run} sets after starting one (scripts/pg-test-server.sh). Without it the tests are skipped with a
 * message, unless {@code TELESYNTH_TEST_PG_REQUIRED=1} (CI sets it), which turns the skip into a failure.
 */
final class PostgresServer {
    private PostgresServer() {
    }

    static String url() {
        String url = System.getenv("TELESYNTH_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String why = "no PostgreSQL for the shared-ledger tests: start one with scripts/pg-test-server.sh start and set"
                    + " TELESYNTH_TEST_PG_URL to the URL it prints";
            if ("1".equals(System.getenv("TELESYNTH_TEST_PG_REQUIRED"))) {
                Assertions.fail(why + " (TELESYNTH_TEST_PG_REQUIRED=1)");
            }
            Assumptions.abort(why);
        }
        return url.strip();
    }
}
