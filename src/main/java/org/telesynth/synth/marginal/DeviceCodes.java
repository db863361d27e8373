package org.telesynth.synth.marginal;

import org.telesynth.engine.SqlEngine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * The real devices' codes of the device model's attributes, held where the measurements run: a table on the
 * engine with one INTEGER column per attribute ({@code a0}, {@code a1}, ...) and a row per device. The network's
 * contingency tables are counted a phase of selection steps at a time, up to {@link #TABLES_PER_SCAN} tables per
 * scan: each device row becomes one row per table, its position and the device's cell there, grouped and counted
 * ({@link SqlEngine#positions}). So the counts, a few thousand cells per table, are all that reach the driver; a
 * device's codes never do (on Spark, AGG need not fit the release machine, docs/spark.md). Measured on Spark at
 * 3,000 devices: 256 tables in one scan 0.8 s this way, 8.5 s as 256 grouping sets, whose rows carry every
 * grouped column.
 */
final class DeviceCodes implements DeviceNetwork.Contingency {
    /** The codes table's name on the engine. */
    static final String TABLE = "device_codes";
    private final SqlEngine engine;
    private final int[] cells;

    private DeviceCodes(SqlEngine engine, int[] cells) {
        this.engine = engine;
        this.cells = cells;
    }

    /**
     * Computes the table once from {@code device_profile}.
     *
     * @param codeSql per attribute, the SQL of its code over device_profile (a CASE over the device's key)
     * @param cells   per attribute, its cells (codes lie in 0..cells-1)
     */
    static DeviceCodes create(SqlEngine engine, List<String> codeSql, int[] cells) {
        StringBuilder columns = new StringBuilder();
        for (int a = 0; a < codeSql.size(); a++) {
            columns.append(a == 0 ? "" : ", ").append("CAST(").append(codeSql.get(a)).append(" AS INTEGER) AS ").append(column(a));
        }
        engine.table(TABLE, "SELECT " + columns + " FROM device_profile");
        return new DeviceCodes(engine, cells);
    }

    private static String column(int attribute) {
        return "a" + attribute;
    }

    /** The most tables one scan counts: the rows it makes per device, and the length of its SQL. */
    static final int TABLES_PER_SCAN = 1024;

    @Override
    public List<List<long[]>> tables(List<DeviceNetwork.Step> steps) {
        List<List<long[]>> out = new ArrayList<>();
        // one counted table per distinct (child, parents in order), shared by the steps that offer it (a
        // presentOnly step empties its child-code-0 cells afterwards); its key is the table's cell
        Map<List<Integer>, List<int[]>> users = new LinkedHashMap<>();
        for (int s = 0; s < steps.size(); s++) {
            DeviceNetwork.Step step = steps.get(s);
            List<long[]> tables = new ArrayList<>();
            for (int i = 0; i < step.candidates().size(); i++) {
                tables.add(new long[step.size(cells, i)]);
                List<Integer> table = new ArrayList<>(List.of(step.child()));
                for (int p : step.candidates().get(i)) {
                    table.add(p);
                }
                users.computeIfAbsent(table, k -> new ArrayList<>()).add(new int[]{s, i});
            }
            out.add(tables);
        }
        List<List<Integer>> tables = new ArrayList<>(users.keySet());
        for (int from = 0; from < tables.size(); from += TABLES_PER_SCAN) {
            List<List<Integer>> scan = tables.subList(from, Math.min(tables.size(), from + TABLES_PER_SCAN));
            List<String> cellSql = scan.stream().map(this::cellSql).toList();
            String sql = "SELECT pos, v, count(*) FROM (SELECT " + engine.positions(cellSql) + " FROM " + TABLE + ") cells GROUP BY pos, v";
            for (String[] row : engine.rows(sql)) {
                int cell = Integer.parseInt(row[1]);
                long count = Long.parseLong(row[2]);
                for (int[] user : users.get(scan.get(Integer.parseInt(row[0])))) {
                    out.get(user[0]).get(user[1])[cell] += count;
                }
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            if (steps.get(s).presentOnly()) {
                int kc = cells[steps.get(s).child()];
                for (long[] t : out.get(s)) {
                    for (int cell = 0; cell < t.length; cell += kc) {
                        t[cell] = 0; // the devices without rows count nowhere (child code 0)
                    }
                }
            }
        }
        return out;
    }

    /**
     * SQL of a device's cell in the table over {@code table} = (child, parents...): row-major over the parents in
     * order, the child fastest (DeviceNetwork.Contingency).
     */
    private String cellSql(List<Integer> table) {
        String cell = "0";
        for (int p : table.subList(1, table.size())) {
            cell = "(" + cell + ") * " + cells[p] + " + " + column(p);
        }
        return "(" + cell + ") * " + cells[table.get(0)] + " + " + column(table.get(0));
    }
}
