package org.telesynth.export;

import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SDV multi-table metadata ({@code METADATA_SPEC_VERSION} {@code MULTI_TABLE_V1}, what
 * {@code sdv.metadata.Metadata.load_from_json} reads) for a set of contract tables, derived from the schema code
 * alone: nothing in it is read from the data.
 *
 * <p>{@code guid} is the one id. The device table {@code system_sysinfo_unique_normalized} has it as primary key and
 * is the parent of every other exported table through it. {@code system_cpu_metadata} also holds one row per device,
 * but gets no primary key: SDV requires a relationship to join a primary key to a column that is not its child's
 * primary key. Column sdtypes follow the contract's types: a DATE or TIMESTAMP is {@code datetime} (with the format
 * of {@link ExportFormat#DATE_FORMAT} or {@link ExportFormat#TIMESTAMP_FORMAT}), a number is {@code numerical} (with
 * its computer representation), any other text is {@code categorical}, whether its domain is public or open. The
 * {@code Y}/{@code N} flags stay categorical: SDV's {@code boolean} sdtype expects true and false, not letters.
 */
public final class SdvMetadata {
    public static final String SPEC_VERSION = "MULTI_TABLE_V1";
    public static final String ID = "guid";

    private SdvMetadata() {
    }

    /** The metadata of {@code tables} (contract order kept); relationships only to tables in the set. */
    public static Map<String, Object> of(List<TableSchema> tables) {
        Map<String, Object> byName = new LinkedHashMap<>();
        boolean parentPresent = tables.stream().anyMatch(t -> t.name().equals(Schema.SYSINFO));
        List<Map<String, Object>> relationships = new ArrayList<>();
        for (TableSchema t : tables) {
            Map<String, Object> table = new LinkedHashMap<>();
            if (t.name().equals(Schema.SYSINFO)) {
                table.put("primary_key", ID);
            } else if (parentPresent) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("parent_table_name", Schema.SYSINFO);
                r.put("parent_primary_key", ID);
                r.put("child_table_name", t.name());
                r.put("child_foreign_key", ID);
                relationships.add(r);
            }
            Map<String, Object> columns = new LinkedHashMap<>();
            for (Column c : t.columns()) {
                columns.put(c.name(), column(c));
            }
            table.put("columns", columns);
            byName.put(t.name(), table);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("METADATA_SPEC_VERSION", SPEC_VERSION);
        m.put("tables", byName);
        m.put("relationships", relationships);
        return m;
    }

    /** One column's SDV description. */
    static Map<String, Object> column(Column c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.name().equals(ID)) {
            m.put("sdtype", "id");
            return m;
        }
        switch (c.type()) {
            case "DATE" -> {
                m.put("sdtype", "datetime");
                m.put("datetime_format", ExportFormat.DATE_FORMAT);
            }
            case "TIMESTAMP" -> {
                m.put("sdtype", "datetime");
                m.put("datetime_format", ExportFormat.TIMESTAMP_FORMAT);
            }
            case "DOUBLE" -> {
                m.put("sdtype", "numerical");
                m.put("computer_representation", "Float");
            }
            case "BIGINT" -> {
                m.put("sdtype", "numerical");
                m.put("computer_representation", "Int64");
            }
            case "INTEGER" -> {
                m.put("sdtype", "numerical");
                m.put("computer_representation", "Int32");
            }
            default -> m.put("sdtype", "categorical");
        }
        return m;
    }
}
