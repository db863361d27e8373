package org.telesynth.synth.relational;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.bench.QuerySpec;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.ColumnSpec;
import org.telesynth.synth.Measurer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One discrete attribute of the device model, from public information only: a public-domain column of sysinfo or
 * cpu_metadata (its cells are its labels or public values) or a child table's presence (2 cells). Read from
 * aggregate's {@code device_profile}, where cpu_metadata's columns carry the prefix {@code cpu_}.
 *
 * @param name       the profile column (or {@code present:<table>})
 * @param spec       the contract column it stands for, or null for a presence
 * @param presenceOf the child table of a presence, or null
 */
public record DeviceAttribute(String name, ColumnSpec spec, TableSchema presenceOf) {

    /** The configured attributes, then every child table's presence. */
    static List<DeviceAttribute> all(ReleaseConfig config) {
        List<DeviceAttribute> out = new ArrayList<>();
        for (String name : config.marginal().deviceAttributes()) {
            boolean cpu = name.startsWith("cpu_") && !name.equals("cpu_family");
            TableSchema t = Schema.table(cpu ? Schema.CPU_METADATA : Schema.SYSINFO);
            String column = cpu ? name.substring(4) : name;
            ColumnSpec spec = ColumnSpec.of(t, config).stream().filter(s -> s.column().name().equals(column)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("marginal.device_attributes: no column " + column + " in " + t.name()));
            if (spec.kind() != ColumnSpec.Kind.CATEGORY && spec.kind() != ColumnSpec.Kind.VALUES) {
                throw new org.telesynth.BadInputException("marginal.device_attributes: " + name + " needs a public domain or public values");
            }
            out.add(new DeviceAttribute(name, spec, null));
        }
        for (TableSchema t : Schema.childTables()) {
            out.add(new DeviceAttribute("present:" + t.name(), null, t));
        }
        return out;
    }

    public int cells(ReleaseConfig config) {
        return spec == null ? 2 : spec.cells(config);
    }

    /** SQL of the attribute's key over device_profile (a label, a value, or 0/1); {@code qualifier} like "p." or "". */
    String keySql(Measurer m, String qualifier) {
        if (spec == null) {
            return "CAST(" + qualifier + "\"" + presenceOf.name().replaceFirst("^system_", "") + "_present\" AS INTEGER)";
        }
        return m.keySql(spec, qualifier + "\"" + name + "\"");
    }

    /** The cell of a key as {@link #keySql} renders it. */
    int cellOf(String key, Measurer.Cells cells) {
        return spec == null ? Integer.parseInt(key) : cells.of(key);
    }

    /** Whether a query's SQL involves this attribute: its column (and, for cpu_metadata's, that table) or its table. */
    boolean mentionedBy(QuerySpec q) {
        String sql = q.sql().toLowerCase(Locale.ROOT);
        if (spec == null) {
            return sql.contains(presenceOf.name().toLowerCase(Locale.ROOT));
        }
        String column = spec.column().name().toLowerCase(Locale.ROOT);
        return sql.contains(column) && sql.contains(spec.table().name().toLowerCase(Locale.ROOT));
    }
}
