package org.telesynth.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one cell in a JVM of its own ({@code telesynth sweep-cell}), with the heap its method needs, in the cell's
 * folder (so DuckDB's scratch never meets another cell's), its output in {@code cells/<id>/log.txt} so that cells
 * running side by side never interleave on the console. The child exits when this process dies (a kill -9 of the
 * sweep stops its cells too).
 */
final class CellProcess {
    private CellProcess() {
    }

    /** The child's exit code and the last line it printed. */
    record Outcome(int exitCode, String lastLine) {
    }

    /** This JVM's class path with every entry absolute: the cell runs in its own folder (java -jar gives "telesynth.jar"). */
    static String absoluteClassPath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    static Outcome run(SweepLayout layout, SweepCell cell, long devices) {
        Path dir = layout.cell(cell).toAbsolutePath();
        Path log = dir.resolve("log.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + CellMemory.heapGb(cell.method(), devices) + "g");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("org.bytedeco.") || k.equals("java.io.tmpdir"))
                .sorted().forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-cp");
        cmd.add(absoluteClassPath());
        cmd.add("org.telesynth.cli.Main");
        cmd.add("sweep-cell");
        cmd.add("--out");
        cmd.add(layout.out().toAbsolutePath().toString());
        cmd.add("--method");
        cmd.add(cell.method());
        cmd.add("--epsilon");
        cmd.add(Double.toString(cell.epsilon()));
        cmd.add("--seed");
        cmd.add(Long.toString(cell.seed()));
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
            Process p = pb.start();
            int code = p.waitFor();
            List<String> lines = Files.readAllLines(log);
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            return new Outcome(code, last);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the cell " + cell.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(130, "interrupted");
        }
    }
}
