package org.telesynth.sim;

import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** Rows, devices and coverage per table of a table set: the summary that {@code run} prints. */
public final class FleetSummary {
    public record Line(String table, long rows, long devices, double coverage) {
    }

    private FleetSummary() {
    }

    public static List<Line> of(Path dir) {
        Connection c = Duck.open();
        try {
            TableViews.create(c, dir, true);
            long fleet = Duck.queryLong(c, "SELECT count(*) FROM " + Schema.SYSINFO);
            List<Line> lines = new ArrayList<>();
            for (TableSchema t : Schema.tables()) {
                long rows = Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\"");
                long devices = Duck.queryLong(c, "SELECT count(DISTINCT guid) FROM \"" + t.name() + "\"");
                lines.add(new Line(t.name(), rows, devices, fleet == 0 ? 0 : devices / (double) fleet));
            }
            return lines;
        } finally {
            Duck.close(c);
        }
    }

    public static String table(List<Line> lines) {
        StringBuilder sb = new StringBuilder(String.format("%-40s %14s %10s %9s%n", "table", "rows", "devices", "coverage"));
        for (Line l : lines) {
            sb.append(String.format("%-40s %,14d %,10d %8.3f%%%n", l.table(), l.rows(), l.devices(), 100 * l.coverage()));
        }
        return sb.toString();
    }
}
