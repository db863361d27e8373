package org.telesynth.report;

import org.telesynth.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One query answer read from CSV (header line, RFC 4180 quoting, empty field = missing), as {@code benchmark}
 * writes it and as the published real answers are stored. Answers are small (at most a few thousand rows), so
 * they are held as strings and parsed on demand.
 */
public final class AnswerTable {
    private final List<String> columns;
    private final List<String[]> rows;
    private final String source;

    private AnswerTable(List<String> columns, List<String[]> rows, String source) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.source = source;
    }

    public static AnswerTable read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static AnswerTable parse(String text, String source) {
        List<List<String>> records = org.telesynth.io.CsvShape.parse(text);
        if (records.isEmpty()) {
            throw new BadInputException(source + ": empty answer file (no header)");
        }
        List<String> header = records.get(0);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            if (r.size() != header.size()) {
                throw new BadInputException(source + ": line " + (i + 1) + " has " + r.size() + " fields, the header " + header.size());
            }
            rows.add(r.toArray(String[]::new));
        }
        return new AnswerTable(header, rows, source);
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    /** The raw text of a cell; "" when missing. */
    public String text(int row, String column) {
        return rows.get(row)[index(column)];
    }

    /** Any cell as a number when it reads as one, else NaN (a key may be text or a number). */
    public double parsed(int row, String column) {
        return toNumber(text(row, column));
    }

    /** A metric cell as a number; NaN when empty. Text that is not a number is bad input: it must not pass unscored. */
    public double number(int row, String column) {
        return metric(rows.get(row)[index(column)], row, column);
    }

    /** The whole metric column as numbers (NaN for missing), refusing text that is not a number. */
    public double[] numbers(String column) {
        int c = index(column);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = metric(rows.get(i)[c], i, column);
        }
        return out;
    }

    private double metric(String v, int row, String column) {
        double d = toNumber(v);
        if (Double.isNaN(d) && v != null && !v.isBlank() && !v.strip().toLowerCase(java.util.Locale.ROOT).matches("[+-]?(nan|inf|infinity)")) {
            // DuckDB's CSV writes nan, -nan, inf and -inf: numbers without a value, read as missing like before
            throw new BadInputException(source + ": line " + (row + 2) + ", column " + column + ": '" + v + "' is not a number");
        }
        return d;
    }

    /** The values of {@code keyColumns} in {@code row}, joined by a separator that cannot occur in CSV text. */
    public String key(int row, List<String> keyColumns) {
        StringBuilder b = new StringBuilder();
        for (String k : keyColumns) {
            b.append(normalizeKey(text(row, k))).append('\u0001');
        }
        return b.toString();
    }

    int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new BadInputException(source + ": no column " + column + " (columns: " + columns + ")");
        }
        return i;
    }

    /** Numeric keys compare by value, so "16" and "16.0" name the same group. */
    private static String normalizeKey(String v) {
        double d = toNumber(v);
        if (!Double.isNaN(d) && !v.isBlank()) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return v;
    }

    static double toNumber(String v) {
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
