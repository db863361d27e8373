package org.telesynth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One analyst question: its SQL and the metadata that says how its answer is scored ({@code queries/<name>.json},
 * documented in docs/report-format.md).
 *
 * @param name         the query name, also the answer file name ({@code <name>.csv})
 * @param sql          DuckDB SQL over views named like the reporting tables
 * @param kind         agg, dist, hist, rank, top1 or rows
 * @param keys         the columns that identify a group (for rank: the partition, possibly none)
 * @param metrics      the numeric columns scored (for dist: the share columns; for rank: the ranking metric)
 * @param item         the ranked item (rank) or the chosen category (top1); null otherwise
 * @param rank         the rank column (rank), or null when the row order is the ranking
 * @param distribution the per-bin count column of a hist, or null
 * @param categorical  the categorical columns of a rows query, compared by TVD
 * @param peerScored   true when the published peers scored this query (21 of the 24)
 */
public record QuerySpec(String name, String sql, String kind, List<String> keys, List<String> metrics, String item,
                        String rank, String distribution, List<String> categorical, boolean peerScored) {

    public static final List<String> KINDS = List.of("agg", "dist", "hist", "rank", "top1", "rows");

    public QuerySpec {
        Objects.requireNonNull(name, "name");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(name + ": kind must be one of " + KINDS + ", got " + kind);
        }
        keys = List.copyOf(keys);
        metrics = List.copyOf(metrics);
        categorical = List.copyOf(categorical);
        if ((kind.equals("rank") || kind.equals("top1")) && item == null) {
            throw new IllegalArgumentException(name + ": a " + kind + " query needs an item column");
        }
    }

    /** The analyst question: the SQL's leading comment lines, which state it in words. */
    public String question() {
        StringBuilder b = new StringBuilder();
        for (String line : sql.strip().lines().toList()) {
            if (!line.strip().startsWith("--")) {
                break;
            }
            b.append(b.length() > 0 ? " " : "").append(line.strip().substring(2).strip());
        }
        return b.toString();
    }

    /**
     * The contract tables the SQL reads: each table whose name appears in it as a whole word (case-insensitive, as
     * DuckDB's identifiers are), comments left out. A query reading a table absent from the input is skipped.
     */
    public List<String> tables() {
        String code = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
        List<TableSchema> known = new ArrayList<>(Schema.releasable());
        known.addAll(org.telesynth.schema.EventSchema.tables());
        return known.stream().map(TableSchema::name)
                .filter(t -> Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(t) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE)
                        .matcher(code).find())
                .toList();
    }

    static QuerySpec fromJson(String name, String sql, JsonNode m) {
        if (!name.equals(m.path("name").asText(name))) {
            throw new IllegalArgumentException(name + ".json names another query: " + m.path("name").asText());
        }
        return new QuerySpec(name, sql, m.path("kind").asText(), strings(m.path("keys")), strings(m.path("metrics")),
                text(m, "item"), text(m, "rank"), text(m, "distribution"), strings(m.path("categorical")),
                m.path("peer_scored").asBoolean(true));
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
