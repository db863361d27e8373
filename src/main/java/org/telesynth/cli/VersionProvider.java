package org.telesynth.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest (set by Maven), so it is declared in one place: pom.xml. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"telesynth " + version()};
    }

    public static String version() {
        return org.telesynth.Version.version();
    }
}
