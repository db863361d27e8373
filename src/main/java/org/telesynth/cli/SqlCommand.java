package org.telesynth.cli;

import org.telesynth.BadInputException;
import org.telesynth.io.Duck;
import org.telesynth.io.OutputPaths;
import org.telesynth.io.SqlGuard;
import org.telesynth.io.StagedOutput;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run one DuckDB SELECT over a table set (views named like the reporting tables) and print the"
                + " result as CSV (RFC 4180, DuckDB's writer). Handy for exploring simulated, real or synthetic tables.",
                "The connection is read-only: one statement per call, and DuckDB opens no file but the table set's."
                        + " --allow-write DIR admits one COPY (SELECT ...) TO 'FILE' [(options)] instead, with FILE under DIR,"
                        + " which must lie apart from --tables: no table and no ledger can be touched."},
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth sql --tables data/raw \"SELECT chassistype, count(*) FROM \\",
                "      system_sysinfo_unique_normalized GROUP BY 1\"",
                "  telesynth sql --tables data/synth --allow-write /tmp/x \"COPY (SELECT * FROM \\",
                "      system_userwait) TO '/tmp/x/u.parquet'\""})
final class SqlCommand implements Callable<Integer> {
    @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Directory of <table>.parquet files.")
    Path tables;

    @Option(names = "--allow-write", paramLabel = "DIR", description = "Admit one COPY (SELECT ...) TO a file under DIR (apart from --tables, and holding no ledger).")
    Path writable;

    @Parameters(paramLabel = "QUERY", description = "One SELECT, or with --allow-write one COPY (SELECT ...) TO 'FILE'.")
    String query;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() throws SQLException, IOException {
        if (!Files.isDirectory(tables)) {
            throw new BadInputException("--tables: not a directory: " + tables);
        }
        List<Path> files = new ArrayList<>();
        List<TableSchema> contract = new ArrayList<>(Schema.tables());
        contract.addAll(org.telesynth.schema.EventSchema.optionalTables());
        for (TableSchema t : contract) {
            if (Files.exists(tables.resolve(t.fileName()))) {
                files.add(OutputPaths.real(tables.resolve(t.fileName())));
            }
        }
        if (writable != null) {
            OutputPaths.checkApart("--allow-write", writable, "--tables", tables);
            if (Files.exists(writable.resolve(".telesynth"))) {
                throw new BadInputException("--allow-write: " + writable + " holds a dataset's ledger (.telesynth/): choose a directory of its own");
            }
            Files.createDirectories(writable);
        }
        Path scratch = Files.createTempDirectory("telesynth-sql-");
        try (Connection c = Duck.open()) {
            TableViews.create(c, OutputPaths.real(tables), false);
            if (writable == null) {
                SqlGuard.requireOneSelect(c, query, "QUERY");
                SqlGuard.lockDown(c, files, OutputPaths.real(scratch));
                Path csv = scratch.resolve(json.json ? "result.json" : "result.csv");
                // the text is one SELECT (checked above); the newline ends a trailing line comment
                Duck.update(c, "COPY (" + query + "\n) TO " + Duck.literal(csv.toString())
                        + (json.json ? " (FORMAT json, ARRAY true)" : " (FORMAT csv, HEADER true)"));
                System.out.write(Files.readAllBytes(csv));
                System.out.flush();
                return ExitCode.OK;
            }
            SqlGuard.Copy copy = SqlGuard.Copy.parse(query);
            SqlGuard.requireOneSelect(c, copy.select(), "QUERY's SELECT");
            Path target = OutputPaths.real(Path.of(copy.target()));
            if (!target.startsWith(OutputPaths.real(writable))) {
                throw new BadInputException("QUERY: COPY writes to " + copy.target() + ", outside --allow-write " + writable);
            }
            SqlGuard.lockDown(c, files, OutputPaths.real(writable));
            long rows = Duck.update(c, "COPY (" + copy.select() + "\n) TO " + Duck.literal(target.toString()) + " " + copy.options());
            System.out.println("wrote " + rows + " rows to " + target);
        } catch (SQLException e) {
            throw new IllegalArgumentException(Duck.message(e), e);
        } finally {
            StagedOutput.deleteTree(scratch);
        }
        return ExitCode.OK;
    }
}
