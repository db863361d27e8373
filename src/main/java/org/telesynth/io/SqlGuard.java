package org.telesynth.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL that a user hands us (the {@code sql} command, a query suite's files) runs under two guards: it must parse as
 * exactly one SELECT statement, so that text closing a parenthesis cannot start a second statement, and the
 * connection is locked down so that DuckDB itself refuses files other than the ones we name. A SELECT cannot write,
 * and with external access off it cannot read anything but the listed table files either.
 */
public final class SqlGuard {
    private SqlGuard() {
    }

    /**
     * Refuses (bad input, naming {@code what}) a text that is not exactly one SELECT statement (a WITH ... SELECT,
     * a UNION and so on count as one), using DuckDB's own parser.
     */
    public static void requireOneSelect(Connection c, String sql, String what) {
        JsonNode parsed;
        try (PreparedStatement s = c.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
            s.setString(1, sql);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                parsed = Manifests.json().readTree(rs.getString(1));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot parse " + what + ": " + e.getMessage(), e);
        }
        if (parsed.path("error").asBoolean()) {
            String reason = parsed.path("error_message").asText();
            throw new BadInputException(what + ": " + (reason.startsWith("Only SELECT")
                    ? "only a SELECT statement may run here" : reason));
        }
        int n = parsed.path("statements").size();
        if (n != 1) {
            throw new BadInputException(what + ": " + n + " statements, but exactly one SELECT may run here");
        }
    }

    /**
     * Turns external access off for good on {@code c}: from now on DuckDB opens only the {@code readable} files and
     * the files under {@code writableDir} (none when null), and no later statement can change that.
     */
    public static void lockDown(Connection c, List<Path> readable, Path writableDir) {
        StringBuilder paths = new StringBuilder("[");
        for (Path p : readable) {
            paths.append(paths.length() > 1 ? ", " : "").append(Duck.literal(p.toAbsolutePath().normalize().toString()));
        }
        paths.append(']');
        if (readable.size() > 0) {
            Duck.exec(c, "SET allowed_paths = " + paths);
        }
        if (writableDir != null) {
            Duck.exec(c, "SET allowed_directories = [" + Duck.literal(writableDir.toAbsolutePath().normalize() + "/") + "]");
        }
        Duck.exec(c, "SET enable_external_access = false");
        Duck.exec(c, "SET lock_configuration = true");
    }

    /**
     * The one writing statement {@code sql --allow-write} admits: {@code COPY (SELECT ...) TO 'file' [(options)]}.
     * The options may hold no quote, so they cannot carry a second path.
     */
    public record Copy(String select, String target, String options) {
        private static final Pattern FORM = Pattern.compile(
                "(?is)\\s*COPY\\s*\\((.*)\\)\\s*TO\\s*'((?:[^']|'')*)'\\s*(\\([^'\";]*\\))?\\s*;?\\s*");

        public static Copy parse(String sql) {
            Matcher m = FORM.matcher(sql);
            if (!m.matches()) {
                throw new BadInputException("QUERY: with --allow-write, the statement must be COPY (SELECT ...) TO 'FILE' [(options)]");
            }
            return new Copy(m.group(1), m.group(2).replace("''", "'"), m.group(3) == null ? "" : m.group(3));
        }
    }
}
