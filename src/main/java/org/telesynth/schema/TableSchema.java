package org.telesynth.schema;

import java.util.List;
import java.util.Optional;

/**
 * One reporting table of the contract.
 *
 * @param name        exact table name; files are {@code <name>.parquet}
 * @param deviceTable true for the two one-row-per-device tables
 * @param grain       the columns that identify a row (documentation; device tables: {@code guid})
 * @param columns     columns in contract order
 */
public record TableSchema(String name, boolean deviceTable, List<String> grain, List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
        grain = List.copyOf(grain);
        for (String g : grain) {
            if (columns.stream().noneMatch(c -> c.name().equals(g))) {
                throw new IllegalArgumentException(name + ": grain column " + g + " is not a column");
            }
        }
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public String fileName() {
        return name + ".parquet";
    }

    /** A quoted, comma-separated column list for SELECT statements, in contract order. */
    public String sqlColumnList() {
        return String.join(", ", columns.stream().map(Column::sqlName).toList());
    }
}
