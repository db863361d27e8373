package org.telesynth.privacy;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * A fast stream of uniform and Gaussian doubles for DP-SGD, which needs a Gaussian per model parameter per step
 * (tens of millions per training run): AES-128 in counter mode, keyed with 128 bits drawn once from a
 * {@link RandomSource}. With a secure source the stream is a cryptographically secure generator (AES-CTR is the
 * NIST CTR_DRBG construction without reseeding), about 100 times faster than drawing each value from
 * {@link java.security.SecureRandom}; with a seeded source it is reproducible, like that source.
 *
 * <p>Gaussians come from the Box-Muller transform on 53-bit uniforms, as in Opacus. Floating-point Gaussian
 * samplers leak through their low-order bits in theory (Mironov 2012); the counts and marginals of this project
 * use the exact discrete samplers of {@link ExactSampler}, DP-SGD the continuous one, as every DP-SGD library does.
 */
public final class NoiseStream {
    private static final int BLOCK_BYTES = 1 << 16;

    private final Cipher cipher;
    private final byte[] zeros = new byte[BLOCK_BYTES];
    private final ByteBuffer buffer = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private double spareGaussian;
    private boolean hasSpare;

    public NoiseStream(RandomSource source) {
        byte[] key = ByteBuffer.allocate(16).putLong(source.nextLong()).putLong(source.nextLong()).array();
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is missing from this JVM", e);
        }
        buffer.position(buffer.limit());
    }

    public long nextLong() {
        if (buffer.remaining() < Long.BYTES) {
            buffer.clear();
            buffer.put(cipher.update(zeros));
            buffer.flip();
        }
        return buffer.getLong();
    }

    /** Uniform in (0, 1): 53 random bits, never 0 (the logarithms below need that). */
    public double nextOpenDouble() {
        return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double r = Math.sqrt(-2 * Math.log(nextOpenDouble()));
        double theta = 2 * Math.PI * nextOpenDouble();
        spareGaussian = r * Math.sin(theta);
        hasSpare = true;
        return r * Math.cos(theta);
    }

    /** Fills {@code out} with independent N(0, sigma^2) values. */
    public void fillGaussian(float[] out, double sigma) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sigma * nextGaussian());
        }
    }

    /**
     * Poisson subsampling of {@code n} records at rate {@code q}: each record independently with probability q,
     * drawn as geometric gaps between chosen records (O(q n) draws, not n).
     */
    public int[] poissonSample(int n, double q) {
        Checks.inRange("q", q, 0, 1);
        if (q >= 1) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[Math.max(16, (int) (q * n * 1.2) + 16)];
        int count = 0;
        double logNot = Math.log1p(-q);
        long i = -1;
        while (true) {
            // the gap to the next chosen record is geometric: P(gap = g) = (1 - q)^(g - 1) q
            i += 1 + (long) Math.floor(Math.log(nextOpenDouble()) / logNot);
            if (i >= n) {
                break;
            }
            if (count == out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = (int) i;
        }
        return java.util.Arrays.copyOf(out, count);
    }
}
