package org.telesynth.cli;

import org.telesynth.io.Manifests;
import org.telesynth.sim.CalibrationCheck;
import org.telesynth.sim.CalibrationRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Check a table set (normally simulated) against the real-fleet facts of calibration/targets.json"
                + " and print the calibration table. Exit 0 when every statistic is inside its band, 1 otherwise.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth simulate --out data/raw --devices 1000000 && telesynth calibrate \\",
                "      --tables data/raw"})
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Directory of <table>.parquet files.")
    Path tables;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Option(names = "--days", paramLabel = "D",
            description = "Window length in days (default: from DIR/manifest.json, else 30).")
    Integer days;

    @Override
    public Integer call() throws IOException {
        if (days != null && days < 1) {
            throw new org.telesynth.BadInputException("--days must be at least 1, not " + days);
        }
        List<CalibrationRow> rows = CalibrationCheck.run(tables, days != null ? days : windowDays());
        long failed = rows.stream().filter(r -> !r.ok()).count();
        if (json.json) {
            JsonOption.print(java.util.Map.of("statistics", rows.size(), "inside_band", rows.size() - failed, "rows", rows));
            return failed == 0 ? ExitCode.OK : ExitCode.RUNTIME_FAILURE;
        }
        System.out.print(CalibrationCheck.markdown(rows));
        System.out.printf("%n%d of %d statistics inside their band%n", rows.size() - failed, rows.size());
        return failed == 0 ? ExitCode.OK : ExitCode.RUNTIME_FAILURE;
    }

    private int windowDays() throws IOException {
        Path manifest = tables.resolve("manifest.json");
        if (!Files.exists(manifest)) {
            return 30;
        }
        // a simulate manifest names the window; a load manifest carries its source's
        var m = Manifests.json().readTree(manifest.toFile());
        return m.path("days").asInt(m.path("source_manifest").path("days").asInt(30));
    }
}
