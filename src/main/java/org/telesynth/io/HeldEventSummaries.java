package org.telesynth.io;

import java.nio.file.Path;
import java.util.List;

/**
 * The event summaries an AGG holds ({@code event_summaries} in its manifest): aggregate writes one per event table
 * its input held. Which event tables an export holds is a fact about its files, not about any device's rows, so it
 * is public like {@link AbsentTables}: a release reads the list here, before its charge, to plan and write those
 * summaries; the real rows behind them are read only through mechanisms.
 */
public final class HeldEventSummaries {
    /** The manifest key. */
    public static final String KEY = "event_summaries";

    private HeldEventSummaries() {
    }

    /** The summaries {@code dir}'s manifest lists (none for a manifest without the key, or no manifest). */
    public static List<String> of(Path dir) {
        return Manifests.listed(dir, KEY);
    }
}
