package org.telesynth.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Removing a stale tree while another process removes it too (two sweep cells starting after a kill). */
class StagedOutputTest {

    @Test
    void twoRemoversOfOneTree_bothSucceed_andTheTreeIsGone(@TempDir Path tmp) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                Path root = tmp.resolve(".staging-1-" + round);
                for (int d = 0; d < 20; d++) {
                    Path dir = Files.createDirectories(root.resolve("spill").resolve("d" + d));
                    for (int f = 0; f < 10; f++) {
                        Files.writeString(dir.resolve("part-" + f), "x");
                    }
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> removers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    removers.add(pool.submit(() -> {
                        start.await();
                        StagedOutput.deleteTree(root);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : removers) {
                    f.get(); // rethrows a remover's failure
                }
                assertFalse(Files.exists(root), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
