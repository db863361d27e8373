package org.telesynth.synth;

import org.telesynth.io.Duck;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks of SCHEMA.md's cross-table invariants on released tables, shared by the release tests. */
public final class ReleaseChecks {
    private ReleaseChecks() {
    }

    /** Every blocker row's day falls inside exactly one OS interval of its device (c has the tables as views). */
    public static void assertBlockersInsideOsIntervals(Connection c) {
        long blockers = Duck.queryLong(c, "SELECT count(*) FROM system_mods_top_blocker_hist");
        assertEquals(blockers, Duck.queryLong(c, "SELECT count(*) FROM system_mods_top_blocker_hist a JOIN system_os_codename_history b"
                + " ON a.guid = b.guid AND a.dt BETWEEN b.min_ts AND b.max_ts"), "every blocker day inside exactly one OS interval");
    }
}
