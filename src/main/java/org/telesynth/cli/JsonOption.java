package org.telesynth.cli;

import org.telesynth.io.Manifests;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Shared {@code --json}: one JSON document on stdout instead of the text lines; progress and messages stay on stderr. */
public final class JsonOption {
    @Option(names = "--json", description = "Print one JSON document on stdout (progress and messages stay on stderr).")
    boolean json;

    /** Prints {@code value} as one JSON document. */
    static void print(Object value) {
        System.out.println(Manifests.json().valueToTree(value).toPrettyString());
        System.out.flush();
    }

    /** Prints a JSON file the command wrote (report.json, audit.json) as its document. */
    static void printFile(Path file) {
        print(Manifests.readIfPresent(file));
    }
}
