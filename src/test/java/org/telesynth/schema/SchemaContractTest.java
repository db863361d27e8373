package org.telesynth.schema;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The code's contract equals SCHEMA.md: the repo's copy is parsed, and kept identical to ../shared when present. */
class SchemaContractTest {
    private static final Path COPY = Path.of("docs/SCHEMA.md");
    private static final Pattern TYPE = Pattern.compile("\\b(VARCHAR|DOUBLE|BIGINT|INTEGER|DATE|TIMESTAMP)\\b");

    @Test
    void repoCopy_equalsShared_whenSharedIsPresent() throws IOException {
        Path shared = Path.of("../shared/SCHEMA.md");
        Assumptions.assumeTrue(Files.exists(shared), "../shared not beside the checkout");
        assertEquals(Files.readString(shared), Files.readString(COPY), "docs/SCHEMA.md drifted from ../shared/SCHEMA.md");
    }

    @Test
    void codeTables_equalSchemaMd_namesColumnsAndTypes() throws IOException {
        Map<String, Map<String, String>> parsed = parse(Files.readString(COPY));
        assertEquals(19, parsed.size(), "SCHEMA.md tables");
        assertEquals(new ArrayList<>(parsed.keySet()), Schema.tables().stream().map(TableSchema::name).toList());
        for (TableSchema t : Schema.tables()) {
            Map<String, String> code = new LinkedHashMap<>();
            t.columns().forEach(c -> code.put(c.name(), c.type()));
            assertEquals(parsed.get(t.name()), code, "columns of " + t.name());
        }
    }

    /** Parses both table styles of SCHEMA.md: per-table column lists and the one-line-per-table child summary. */
    static Map<String, Map<String, String>> parse(String md) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        String current = null;
        for (String line : md.split("\n")) {
            Matcher heading = Pattern.compile("^### (\\w+) ").matcher(line);
            if (heading.find()) {
                current = heading.group(1);
                tables.put(current, new LinkedHashMap<>());
                continue;
            }
            if (line.startsWith("## Child tables")) {
                current = null;
            }
            if (!line.startsWith("| ") || line.startsWith("| column") || line.startsWith("| table") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (current != null) {
                String type = cells[2].strip();
                for (String name : cells[1].split(",")) {
                    tables.get(current).put(name.strip().replace("\"", ""), type);
                }
            } else if (cells.length >= 5 && cells[1].strip().startsWith("system_")) {
                tables.put(cells[1].strip(), childColumns(cells[4]));
            }
        }
        return tables;
    }

    private static Map<String, String> childColumns(String text) {
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        String groupType = null;
        for (String piece : splitTopLevel(text.strip())) {
            String p = piece.replaceAll("\\(.*", "").strip();
            Matcher pivot = Pattern.compile("then \\d+ (\\w+) columns of .*: (\\w+)").matcher(piece);
            if (pivot.find()) {
                flush(columns, pending, null);
                groupType = pivot.group(1);
                columns.put(pivot.group(2), groupType);
                continue;
            }
            if (groupType != null) {
                columns.put(p.replaceAll("\\..*", "").strip(), groupType);
                continue;
            }
            Matcher type = TYPE.matcher(p);
            String name = p.split("\\s+")[0];
            if (name.contains("/")) { // min/avg/max_power_on_battery_percent
                String[] parts = name.split("_", 2);
                for (String prefix : parts[0].split("/")) {
                    pending.add(prefix + "_" + parts[1]);
                }
            } else if ((name.equals("guid") || name.equals("dt")) && !TYPE.matcher(p).find()) {
                flush(columns, pending, null);
                pending.add(name);
                flush(columns, pending, null);
                continue;
            } else {
                pending.add(name);
            }
            if (type.find()) {
                flush(columns, pending, type.group(1));
            }
        }
        flush(columns, pending, null);
        return columns;
    }

    private static void flush(Map<String, String> columns, List<String> pending, String type) {
        for (String name : pending) {
            columns.put(name, type != null ? type : name.equals("guid") ? "VARCHAR" : "DATE");
        }
        pending.clear();
    }

    private static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder sb = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '`') {
                quoted = !quoted;
            } else if (ch == '(' && !quoted) {
                depth++;
            } else if (ch == ')' && !quoted) {
                depth--;
            }
            if (ch == ',' && depth == 0 && !quoted) {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(ch);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
