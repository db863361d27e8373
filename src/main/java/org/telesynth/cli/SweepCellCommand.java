package org.telesynth.cli;

import org.telesynth.sweep.CellRun;
import org.telesynth.sweep.SweepCell;
import org.telesynth.sweep.SweepLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** One cell of a sweep, in the JVM the sweep starts for it; not for users (hidden from --help). */
@Command(name = "sweep-cell", hidden = true, description = "One cell of a sweep (started by telesynth sweep).")
final class SweepCellCommand implements Callable<Integer> {
    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--method", required = true)
    String method;

    @Option(names = "--epsilon", required = true)
    double epsilon;

    @Option(names = "--seed", required = true)
    long seed;

    @Override
    public Integer call() {
        // a cell outlives no sweep: when the sweep's process dies (kill -9 included), so does its cell
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
        CellRun.run(new SweepLayout(out), new SweepCell(method, epsilon, seed), new ConsoleProgress(System.err, false, true));
        return ExitCode.OK;
    }
}
