package org.telesynth.audit;

import org.telesynth.io.Duck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one-run audit's attacker. It sees what a user of the release sees (every file of the release: tables,
 * manifest, anything else, and the lines the pipeline printed) and counts each canary's token in them. It guesses
 * "in" for a canary whose token shows anywhere and "out" for every other: a guess on every canary.
 */
final class CanaryAttack {
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(Canaries.PREFIX) + "(\\d{6})");

    private CanaryAttack() {
    }

    /** Occurrences of each of the {@code m} canaries' tokens in {@code release} and {@code log}. */
    static long[] hits(Connection c, Path release, List<String> log, int m) {
        long[] hits = new long[m];
        for (String line : log) {
            count(line, hits);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(release)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            if (f.getFileName().toString().endsWith(".parquet")) {
                parquet(c, f, hits);
            } else {
                try {
                    count(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), hits);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return hits;
    }

    private static void parquet(Connection c, Path f, long[] hits) {
        String file = "read_parquet(" + Duck.literal(f.toString()) + ")";
        try (Statement s = c.createStatement()) {
            List<String> text = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT column_name FROM (DESCRIBE SELECT * FROM " + file + ") WHERE column_type = 'VARCHAR'")) {
                while (rs.next()) {
                    text.add(rs.getString(1));
                }
            }
            for (String col : text) {
                String q = "\"" + col.replace("\"", "\"\"") + "\"";
                try (ResultSet rs = s.executeQuery("SELECT " + q + ", count(*) FROM " + file + " WHERE contains(" + q + ", "
                        + Duck.literal(Canaries.PREFIX) + ") GROUP BY 1")) {
                    while (rs.next()) {
                        Matcher mt = TOKEN.matcher(rs.getString(1));
                        while (mt.find()) {
                            add(hits, mt.group(1), rs.getLong(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
    }

    private static void count(String text, long[] hits) {
        Matcher mt = TOKEN.matcher(text);
        while (mt.find()) {
            add(hits, mt.group(1), 1);
        }
    }

    private static void add(long[] hits, String id, long n) {
        int i = Integer.parseInt(id);
        if (i < hits.length) {
            hits[i] += n;
        }
    }
}
