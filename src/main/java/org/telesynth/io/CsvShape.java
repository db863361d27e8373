package org.telesynth.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * CSV as written, read with RFC 4180 quoting (a quoted field may hold commas, doubled quotes and newlines; CRLF or
 * LF ends a record): all records of a small text, or, streaming a file, its header exactly as spelled and the first
 * record whose field count differs from the header's. DuckDB renames duplicate headers and reports a ragged file as
 * an undetectable dialect; these give the user the names and the line number instead.
 */
public final class CsvShape {
    private CsvShape() {
    }

    /** A record with the wrong number of fields: its first line (1-based) and its field count. */
    record Ragged(long line, int fields, int expected) {
    }

    /** Every record of {@code text} (an answer file, say), blank lines included as one empty field. */
    public static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        try (Reader r = new BufferedReader(new java.io.StringReader(text))) {
            List<String> fields = new ArrayList<>();
            while (nextRecord(r, fields, new long[]{1})) {
                out.add(List.copyOf(fields));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a string reader does not fail
        }
        return out;
    }

    /** The header's fields, as spelled in the file. */
    static List<String> header(Path file) throws IOException {
        try (Reader r = open(file)) {
            List<String> fields = new ArrayList<>();
            return nextRecord(r, fields, new long[]{1}) ? fields : List.of();
        }
    }

    /** The first record whose field count is not the header's, or null when every record has the header's count. */
    static Ragged firstRagged(Path file) throws IOException {
        try (Reader r = open(file)) {
            List<String> fields = new ArrayList<>();
            long[] line = {1};
            if (!nextRecord(r, fields, line)) {
                return null;
            }
            int expected = fields.size();
            while (true) {
                long start = line[0];
                if (!nextRecord(r, fields, line)) {
                    return null;
                }
                boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
                if (!blank && fields.size() != expected) {
                    return new Ragged(start, fields.size(), expected);
                }
            }
        }
    }

    /**
     * The line (1-based, the header is line 1) on which each of the given data records (1-based, the first after
     * the header) starts, in one pass; a quoted field holding newlines makes a record span several lines, so the
     * two numbers differ past it. Blank lines are not records (as in {@link #firstRagged}). Records past the end
     * are left out.
     */
    static Map<Long, Long> linesOf(Path file, Collection<Long> records) throws IOException {
        java.util.TreeSet<Long> wanted = new java.util.TreeSet<>(records);
        Map<Long, Long> out = new java.util.HashMap<>();
        try (Reader r = open(file)) {
            List<String> fields = new ArrayList<>();
            long[] line = {1};
            if (!nextRecord(r, fields, line)) {
                return out;
            }
            long record = 0;
            while (!wanted.isEmpty()) {
                long start = line[0];
                if (!nextRecord(r, fields, line)) {
                    return out;
                }
                if (fields.size() == 1 && fields.get(0).isEmpty()) {
                    continue;
                }
                record++;
                if (wanted.remove(record)) {
                    out.put(record, start);
                }
            }
        }
        return out;
    }

    private static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Reads one record into {@code fields}; false at the end of the file. {@code line} counts newlines read. */
    private static boolean nextRecord(Reader r, List<String> fields, long[] line) throws IOException {
        fields.clear();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int ch;
        while ((ch = r.read()) != -1) {
            any = true;
            char c = (char) ch;
            if (quoted) {
                if (c == '"') {
                    r.mark(1);
                    int next = r.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            r.reset();
                        }
                    }
                } else {
                    if (c == '\n') {
                        line[0]++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                line[0]++;
                fields.add(stripCr(field));
                return true;
            } else {
                field.append(c);
            }
        }
        if (!any) {
            return false;
        }
        fields.add(stripCr(field));
        return true;
    }

    private static String stripCr(StringBuilder field) {
        int n = field.length();
        return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
    }
}
