package org.telesynth;

/**
 * Where long-running core work reports progress. The core never prints: the CLI passes a console
 * implementation, tests pass {@link #NONE}.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void step(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    /** A stage started or finished; one short line. */
    void step(String message);

    /** Something the user should know but that does not stop the work. */
    void warn(String message);
}
