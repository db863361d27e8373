package org.telesynth.ledger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger contract on the file backend (the embedded default). */
class FileLedgerContractTest extends LedgerContract {
    @Override
    String uri() {
        return LedgerLocation.FILE;
    }

    /**
     * The file backend writes the ledger first and its log line after, under one lock: a client killed between
     * the two leaves an entry whose line is missing (never a line without its entry), at most one per client.
     */
    @Override
    void assertEntriesMatchTheLog(long entries, long chargedRows, int killed) {
        assertTrue(entries >= chargedRows && entries - chargedRows <= killed, entries + " entries, " + chargedRows + " charged rows");
    }
}
