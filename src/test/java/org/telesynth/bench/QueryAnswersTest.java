package org.telesynth.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.telesynth.Progress;
import org.telesynth.io.Duck;
import org.telesynth.report.AnswerTable;
import org.telesynth.schema.Column;
import org.telesynth.schema.Domains;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each query of the suite on a tiny hand-made fleet (src/test/resources/bench/tiny_fleet.sql) gives the answer
 * worked out by hand (tiny_answers/<query>.csv; the arithmetic is in the fleet script's comments and the answers'
 * design notes in docs/queries.md). Numbers are compared to the precision the expected file states.
 */
class QueryAnswersTest {
    private static final Path RESOURCES = Path.of("src/test/resources/bench");
    private static Path answers;

    @BeforeAll
    static void runSuiteOnTinyFleet(@TempDir Path tmp) throws IOException, SQLException {
        Path tables = Files.createDirectories(tmp.resolve("tables"));
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                List<String> cols = new ArrayList<>();
                for (Column col : t.columns()) {
                    cols.add(col.sqlName() + " " + col.type());
                }
                Duck.exec(c, "CREATE TABLE \"" + t.name() + "\" (" + String.join(", ", cols) + ")");
            }
            Duck.exec(c, Files.readString(RESOURCES.resolve("tiny_fleet.sql")));
            // every pivot category not set by the script is 0, except d2's `private`, left NULL on purpose
            for (String category : Domains.WEB_CATEGORIES) {
                Duck.exec(c, "UPDATE system_web_cat_pivot_duration SET \"" + category + "\" = 0 WHERE \"" + category
                        + "\" IS NULL" + (category.equals("private") ? " AND guid <> 'd2'" : ""));
            }
            for (TableSchema t : Schema.tables()) {
                Duck.copyToParquet(c, "SELECT * FROM \"" + t.name() + "\"", tables.resolve(t.fileName()));
            }
        }
        answers = tmp.resolve("answers");
        Benchmark.run(tables, answers, QuerySuite.load(Path.of("queries")), new Benchmark.Options(false, 1, null), Progress.NONE);
    }

    static Stream<String> queries() {
        return QuerySuite.load(Path.of("queries")).stream().map(QuerySpec::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void answerOnTinyFleet_equalsHandComputed(String query) {
        AnswerTable expected = AnswerTable.read(RESOURCES.resolve("tiny_answers").resolve(query + ".csv"));
        AnswerTable actual = AnswerTable.read(answers.resolve(query + ".csv"));
        assertEquals(expected.columns(), actual.columns());
        assertEquals(expected.size(), actual.size(), "rows");
        for (int i = 0; i < expected.size(); i++) {
            for (String col : expected.columns()) {
                String e = expected.text(i, col);
                String a = actual.text(i, col);
                double en = expected.parsed(i, col);
                if (Double.isNaN(en)) {
                    assertEquals(e, a, "row " + (i + 1) + " " + col);
                } else {
                    // the expected text's decimals set the tolerance (half a unit of its last digit), at least 1e-9
                    int dot = e.indexOf('.');
                    double tolerance = Math.max(1e-9 * Math.max(1, Math.abs(en)), dot < 0 ? 0 : 0.5 * Math.pow(10, -(e.length() - dot - 1)));
                    double an = actual.parsed(i, col);
                    assertTrue(Math.abs(an - en) <= tolerance, "row " + (i + 1) + " " + col + ": expected " + e + ", got " + a);
                }
            }
        }
    }
}
