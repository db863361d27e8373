package org.telesynth.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.io.Duck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The end-of-release stamp: a table file written without the release's footer (as the event-log table is) is
 * rewritten once with it, rows and their order kept; a file that already carries it is left byte for byte.
 */
class ParquetProvenanceTest {
    private static final Map<String, String> KV = ParquetProvenance.of("dpvae", "run-1", new ReleaseRequest(4, 1e-5), true);

    @Test
    void of_holdsThePublicSettings_seededMarkedNotForRelease() {
        assertEquals(Map.of("telesynth_version", org.telesynth.Version.version(), "method", "dpvae", "epsilon", "4.0",
                "delta", "1.0E-5", "seeded", "true", "release_status", "SEEDED - not for release", "run_id", "run-1"), KV);
        assertEquals("release", ParquetProvenance.of("pe", "r", new ReleaseRequest(1, 1e-6), false).get("release_status"));
    }

    @Test
    void stamp_fileWithoutFooter_rewrittenWithItAndTheSameRowsInOrder(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("staged"));
        Path file = dir.resolve("t.parquet");
        try (Connection c = Duck.open()) {
            Duck.copyToParquet(c, "SELECT i, 'x' || i AS s FROM range(50000) r(i) ORDER BY i DESC", file);
            assertEquals(Map.of(), Duck.parquetKvMetadata(c, file));
        }
        assertEquals(1, ParquetProvenance.stamp(dir, KV, tmp.resolve("spill")));
        try (Connection c = Duck.open()) {
            assertEquals(KV, Duck.parquetKvMetadata(c, file));
            assertEquals(50000, Duck.queryLong(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(file.toString()) + ")"));
            // the rows' order is the file's: a seeded release must not be shuffled by its stamp
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM (SELECT i, row_number() OVER () AS n FROM read_parquet("
                    + Duck.literal(file.toString()) + ")) WHERE i <> 50000 - n"));
        }
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left beside the table");
        }
        assertFalse(Files.exists(tmp.resolve("spill")));
    }

    @Test
    void stamp_fileAlreadyCarryingTheFooter_leftAsItIs(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("staged"));
        Path file = dir.resolve("t.parquet");
        try (Connection c = Duck.open()) {
            Duck.copyToParquet(c, "SELECT i FROM range(1000) r(i)", file, KV);
        }
        String before = FileHashes.sha256(file);
        assertEquals(0, ParquetProvenance.stamp(dir, KV, tmp.resolve("spill")));
        assertEquals(before, FileHashes.sha256(file));
    }
}
