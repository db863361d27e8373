package org.telesynth.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BadInputException;
import org.telesynth.engine.DuckEngine;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where an input table is: a local path or a Hadoop URI, the one file per table, its name. */
class TableSourceTest {
    private static final TableSchema T = Schema.table("system_userwait");

    @Test
    void hadoopUris_areNotLocal_filePathsAndFileUrisAre() {
        assertFalse(TableSource.isLocal("hdfs://head:8020/exports/fleet"));
        assertFalse(TableSource.isLocal("s3a://bucket/fleet"));
        assertTrue(TableSource.isLocal("/data/raw"));
        assertTrue(TableSource.isLocal("data/raw"));
        assertTrue(TableSource.isLocal("file:/data/raw"));
        TableSource remote = new TableSource(T, TableSource.child("hdfs://head:8020/exports/fleet/", T.fileName()), "parquet");
        assertEquals("hdfs://head:8020/exports/fleet/system_userwait.parquet", remote.location());
        assertEquals("system_userwait.parquet", remote.fileName());
        assertNull(remote.localFile());
        assertEquals(Path.of("/data/raw/system_userwait.parquet"),
                new TableSource(T, TableSource.child("file:///data/raw", T.fileName()), "parquet").localFile());
    }

    @Test
    void findsTheOneFile_refusesTwo(@TempDir Path dir) throws Exception {
        try (DuckEngine duck = new DuckEngine(null, null)) {
            assertNull(TableSource.findIfPresent(duck, dir.toString(), T));
            BadInputException missing = assertThrows(BadInputException.class, () -> TableSource.find(duck, dir.toString(), T));
            assertEquals("system_userwait: missing required table (no system_userwait.parquet, .csv or .csv.gz in " + dir + ")",
                    missing.getMessage());
            Files.writeString(dir.resolve("system_userwait.csv"), "guid\n");
            TableSource csv = TableSource.find(duck, dir.toString(), T);
            assertEquals("csv", csv.format());
            assertEquals(dir.resolve("system_userwait.csv"), csv.localFile());
            Files.writeString(dir.resolve("system_userwait.csv.gz"), "");
            assertTrue(assertThrows(BadInputException.class, () -> TableSource.find(duck, dir.toString(), T)).getMessage()
                    .startsWith("system_userwait: several input files for one table"));
        }
    }
}
