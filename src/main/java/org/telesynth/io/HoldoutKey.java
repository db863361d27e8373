package org.telesynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret behind a dataset's holdout split: 32 random bytes kept in the dataset's private folder. A device is
 * held out when the first 48 bits of SHA-256(key || guid) fall under the share, so the split is uniform, stable
 * across loads of the same dataset, and unpredictable from a guid.
 */
final class HoldoutKey {
    static final String FILE = "holdout.key";
    private final String hex;

    private HoldoutKey(String hex) {
        this.hex = hex;
    }

    /** The key of the dataset in {@code out}, or a fresh one when it has none. */
    static HoldoutKey of(Path out) {
        Path f = out.resolve(".telesynth").resolve(FILE);
        try {
            if (Files.exists(f)) {
                return new HoldoutKey(Files.readString(f).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the holdout key " + f, e);
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new HoldoutKey(HexFormat.of().formatHex(b));
    }

    /** SQL that is true for a held-out device; {@code GUID} stands for the guid expression. */
    String heldSql(double share) {
        long limit = (long) Math.floor(share * (1L << 48));
        return "(('0x' || left(sha256(" + Duck.literal(hex) + " || GUID), 12))::UBIGINT < " + limit + ")";
    }

    void save(Path out) {
        Path dir = out.resolve(".telesynth");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FILE), hex + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the holdout key into " + dir, e);
        }
    }
}
