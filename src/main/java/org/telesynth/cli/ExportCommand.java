package org.telesynth.cli;

import org.telesynth.export.ExportFormat;
import org.telesynth.export.TableExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every contract table of a table set (<table>.parquet: simulated, real or synthetic) to"
                + " OUT/<table>.csv (header, comma) or OUT/<table>.parquet (ZSTD), atomically, with OUT/metadata.json:"
                + " SDV multi-table metadata (guid the id, system_sysinfo_unique_normalized the parent of every other"
                + " table) derived from the schema contract. The table set's manifest.json is copied along.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth export --tables data/synth --out data/export --format csv",
                "  telesynth export --tables data/real --out /tmp/real-pq --format parquet",
                "  telesynth load --in data/export --out data/reloaded    # an export loads back"})
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Directory of <table>.parquet files.")
    Path tables;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (apart from --tables).")
    Path out;

    @Option(names = "--format", required = true, paramLabel = "csv|parquet", description = "File format of the tables.")
    String format;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ExportFormat f = ExportFormat.of(format);
        ConsoleProgress progress = quiet.progress();
        progress.step("exporting " + tables + " -> " + out + " as " + f.extension());
        TableExport.Result r = TableExport.run(tables, out, f, progress);
        if (json.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", r.out().toAbsolutePath().normalize().toString());
            doc.put("format", f.extension());
            doc.put("tables", r.rows());
            doc.put("rows", r.totalRows());
            doc.put("metadata", TableExport.METADATA);
            doc.put("manifest_copied", r.manifestCopied());
            JsonOption.print(doc);
            return ExitCode.OK;
        }
        System.out.printf("exported %d tables, %,d rows, as %s into %s%n", r.rows().size(), r.totalRows(), f.extension(), out);
        return ExitCode.OK;
    }
}
