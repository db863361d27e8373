package org.telesynth.bench;

import org.telesynth.BadInputException;
import org.telesynth.io.Manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The analyst query suite: every {@code <name>.sql} with its {@code <name>.json} in a directory, sorted by name.
 * The default is the suite built into the jar (the repository's {@code queries/} folder).
 */
public final class QuerySuite {
    private static final String EMBEDDED = "/org/telesynth/queries/";

    private QuerySuite() {
    }

    /** The suite built into the jar: the 24 questions on the reporting tables. */
    public static List<QuerySpec> embedded() {
        return embedded(EMBEDDED);
    }

    /** The built-in questions on the raw event tables' summaries ({@code queries/events/}, docs/SCHEMA-events.md). */
    public static List<QuerySpec> embeddedEvents() {
        return embedded(EMBEDDED + "events/");
    }

    /**
     * The built-in suite for a table directory: the 24, then the event questions when the directory holds event
     * data (raw event tables, or a release's event summaries), so a fleet without events runs exactly the 24.
     */
    public static List<QuerySpec> forTables(Path tables) {
        boolean events = org.telesynth.schema.EventSummaries.tables().stream()
                .anyMatch(t -> org.telesynth.io.TableViews.holds(tables, t.name()));
        if (!events) {
            return embedded();
        }
        List<QuerySpec> all = new ArrayList<>(embedded());
        all.addAll(embeddedEvents());
        return all;
    }

    /** The built-in suite for an answer directory: the 24, then each event question it holds an answer or a skip for. */
    public static List<QuerySpec> forAnswers(Path answers) {
        List<QuerySpec> all = new ArrayList<>(embedded());
        com.fasterxml.jackson.databind.JsonNode skipped = Manifests.readIfPresent(answers.resolve(Benchmark.SKIPPED));
        for (QuerySpec q : embeddedEvents()) {
            if (Files.exists(answers.resolve(q.name() + ".csv")) || (skipped != null && skipped.has(q.name()))) {
                all.add(q);
            }
        }
        return all;
    }

    private static List<QuerySpec> embedded(String folder) {
        URL url = QuerySuite.class.getResource(folder);
        if (url == null) {
            throw new IllegalStateException("the built-in query suite is missing from the jar");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return load(fs.getPath(folder));
            }
            return load(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the built-in query suite: " + e.getMessage(), e);
        }
    }

    /** Every query in {@code dir}; a .sql without its .json (or the reverse) is bad input. */
    public static List<QuerySpec> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--queries: not a directory: " + dir);
        }
        List<QuerySpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path sql : files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                String name = sql.getFileName().toString().replaceFirst("\\.sql$", "");
                Path meta = dir.resolve(name + ".json");
                if (!Files.exists(meta)) {
                    throw new BadInputException(name + ": " + meta + " is missing (each query needs its metadata)");
                }
                com.fasterxml.jackson.databind.JsonNode json;
                try {
                    json = Manifests.json().readTree(Files.readString(meta));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new BadInputException(name + ": " + meta + " is not valid JSON (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")");
                }
                specs.add(QuerySpec.fromJson(name, Files.readString(sql), json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read queries from " + dir, e);
        }
        if (specs.isEmpty()) {
            throw new BadInputException("--queries: no <name>.sql files in " + dir);
        }
        return specs;
    }

    /** The queries named in {@code only} (all when empty); an unknown name is bad input. */
    public static List<QuerySpec> select(List<QuerySpec> suite, Collection<String> only) {
        if (only.isEmpty()) {
            return suite;
        }
        List<String> names = suite.stream().map(QuerySpec::name).toList();
        for (String n : only) {
            if (!names.contains(n)) {
                throw new BadInputException("--only: no query named " + n + " (known: " + String.join(", ", names) + ")");
            }
        }
        return suite.stream().filter(q -> only.contains(q.name())).toList();
    }
}
