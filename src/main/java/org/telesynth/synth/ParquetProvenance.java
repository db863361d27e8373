package org.telesynth.synth;

import org.telesynth.Version;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The provenance every synthetic table file carries in its own Parquet footer (key-value metadata), so that a file
 * copied away from its release still says what it is: {@code telesynth_version}, {@code method}, {@code epsilon} and
 * {@code delta} (the budget requested, {@code --epsilon} and {@code --delta}, which the plan's composition never
 * exceeds; the manifest's {@code privacy} has the exact spend), {@code seeded}, {@code release_status}
 * ({@code SEEDED - not for release} for a seeded run, whose noise can be re-derived, else {@code release}) and
 * {@code run_id}. Public settings only: nothing here is computed from the data.
 *
 * <p>The release's staged output holds the footer ({@link StagedOutput#parquetFooter()}), and the row generator
 * every relational method writes through attaches it at the table's one final write, at no cost. {@link #stamp}
 * then makes sure of every file at the end of the release: one written another way (the event-log table of
 * synthesize-dpvae, a future method) is rewritten once with the same rows, in the same order (DuckDB keeps insertion
 * order), ZSTD as before. Both ways are deterministic, so a seeded release still gives the same bytes.
 */
public final class ParquetProvenance {
    public static final String NOT_FOR_RELEASE = "SEEDED - not for release";
    public static final String RELEASE = "release";

    private ParquetProvenance() {
    }

    /** The key-value metadata of a release's table files, in a fixed order. */
    public static Map<String, String> of(String method, String runId, ReleaseRequest request, boolean seeded) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("telesynth_version", Version.version());
        kv.put("method", method);
        kv.put("epsilon", Double.toString(request.epsilon()));
        kv.put("delta", Double.toString(request.delta()));
        kv.put("seeded", Boolean.toString(seeded));
        kv.put("release_status", seeded ? NOT_FOR_RELEASE : RELEASE);
        kv.put("run_id", runId);
        return kv;
    }

    /**
     * Rewrites every {@code .parquet} file directly in {@code dir} (a release's staging folder) whose footer is not
     * {@code kv} with {@code kv} as its footer; {@code scratch} takes DuckDB's spill (private rows: the caller's
     * scratch is on the private side).
     *
     * @return the number of files rewritten
     */
    static int stamp(Path dir, Map<String, String> kv, Path scratch) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        String options = "(FORMAT parquet, COMPRESSION zstd, " + Duck.kvMetadata(kv) + ")";
        int rewritten = 0;
        try (Connection c = Duck.open(0, "2GB", scratch)) {
            for (Path f : files) {
                if (Duck.parquetKvMetadata(c, f).equals(kv)) {
                    continue;
                }
                rewritten++;
                Path tmp = f.resolveSibling("." + f.getFileName() + ".kv");
                Duck.exec(c, "COPY (SELECT * FROM read_parquet(" + Duck.literal(f.toString()) + ")) TO " + Duck.literal(tmp.toString()) + " " + options);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace a table file in " + dir, e);
        } finally {
            StagedOutput.deleteTree(scratch);
        }
        return rewritten;
    }
}
