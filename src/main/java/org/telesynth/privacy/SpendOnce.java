package org.telesynth.privacy;

import java.util.concurrent.atomic.AtomicBoolean;

/** The guard behind "a release object answers once". */
public final class SpendOnce {
    private final AtomicBoolean spent = new AtomicBoolean();
    private final String what;

    public SpendOnce(String what) {
        this.what = what;
    }

    public void spend() {
        if (!spent.compareAndSet(false, true)) {
            throw new IllegalStateException(what + " has already released its answer; its budget is spent");
        }
    }
}
