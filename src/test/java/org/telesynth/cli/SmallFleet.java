package org.telesynth.cli;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A small simulated fleet taken through simulate, load and aggregate by the real command line, for stage tests. */
record SmallFleet(Path raw, Path real, Path agg) {
    static SmallFleet make(Path work, int devices, long seed) {
        SmallFleet f = new SmallFleet(work.resolve("raw"), work.resolve("real"), work.resolve("agg"));
        ok(CliRunner.run("simulate", "-q", "--devices", Integer.toString(devices), "--seed", Long.toString(seed), "--out", f.raw.toString()));
        ok(CliRunner.run("load", "-q", "--in", f.raw.toString(), "--out", f.real.toString()));
        ok(CliRunner.run("aggregate", "-q", "--in", f.real.toString(), "--out", f.agg.toString()));
        return f;
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(ExitCode.OK, r.code(), r.err());
    }
}
