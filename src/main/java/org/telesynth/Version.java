package org.telesynth;

/** The version of telesynth, from the jar manifest (set by Maven), so it is declared in one place: pom.xml. */
public final class Version {
    private Version() {
    }

    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
