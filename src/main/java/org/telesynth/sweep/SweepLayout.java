package org.telesynth.sweep;

import java.nio.file.Path;

/**
 * Where a sweep keeps everything under its {@code --out}: the shared stages' folders (as {@code run} lays them
 * out), one folder per cell, and the results.
 */
public record SweepLayout(Path out) {
    public Path raw() {
        return out.resolve("raw");
    }

    public Path rawFloor() {
        return out.resolve("raw-floor");
    }

    public Path agg() {
        return out.resolve("agg");
    }

    public Path realAnswers() {
        return out.resolve("answers").resolve("real");
    }

    public Path halves() {
        return out.resolve("answers").resolve("halves");
    }

    /** The sweep's settings for its cells' JVMs (private: it names the real tables). */
    public Path settings() {
        return out.resolve("sweep.json");
    }

    public Path cell(SweepCell c) {
        return out.resolve("cells").resolve(c.id());
    }

    public Path resultsParquet() {
        return out.resolve("results.parquet");
    }

    public Path resultsCsv() {
        return out.resolve("results.csv");
    }
}
