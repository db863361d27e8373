package org.telesynth.sweep;

import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eight cross-table relations of docs/simulator.md checked on a table set ({@code relations.sql}, one boolean
 * per relation, the thresholds of the calibration test; {@code scripts/relations.sql} links to it for
 * {@code telesynth sql}), and the structural-zero share: synthetic devices of a chassis that has no battery (Desktop,
 * NUC, Server/WS) that carry battery events.
 */
public final class Relations {
    static final String ZEROS = """
            SELECT coalesce(100.0 * count(DISTINCT b.guid) / nullif(count(DISTINCT s.guid), 0), 0)
            FROM system_sysinfo_unique_normalized s LEFT JOIN system_batt_dc_events b USING (guid)
            WHERE s.chassistype IN ('Desktop', 'Intel NUC/STK', 'Server/WS')""";

    private Relations() {
    }

    /** The relations' text. */
    public static String sql() {
        try (InputStream in = Relations.class.getResourceAsStream("relations.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*\\R", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read relations.sql from the jar", e);
        }
    }

    /** What holds on the tables in {@code dir}: each relation's name to true or false, and the structural-zero share. */
    public record Held(Map<String, Boolean> relations, double structuralZeroPercent) {
        public int count() {
            return (int) relations.values().stream().filter(b -> b).count();
        }
    }

    public static Held check(Path dir) {
        Connection c = Duck.open();
        try (c; Statement st = c.createStatement()) {
            TableViews.create(c, dir, true);
            Map<String, Boolean> held = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery(sql())) {
                rs.next();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    held.put(rs.getMetaData().getColumnLabel(i), rs.getBoolean(i));
                }
            }
            return new Held(held, Duck.queryDouble(c, ZEROS));
        } catch (SQLException e) {
            throw new IllegalStateException("relations on " + dir + ": " + Duck.message(e), e);
        }
    }
}
