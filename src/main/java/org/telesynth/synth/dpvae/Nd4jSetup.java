package org.telesynth.synth.dpvae;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's native memory limits and thread count, set before its first use. JavaCPP's defaults tie the off-heap
 * limit to -Xmx and abort with an opaque error past it; these say plainly what the VAE may use (the -D options
 * on the command line win). One BLAS/OpenMP thread is 3-4 times faster than two for layers this small on 2 cores
 * (measured; scripts/bench-dpvae.sh).
 */
final class Nd4jSetup {
    private Nd4jSetup() {
    }

    static void configure(int threads) {
        long heap = Runtime.getRuntime().maxMemory();
        setIfAbsent("org.bytedeco.javacpp.maxbytes", String.valueOf(2L << 30));
        setIfAbsent("org.bytedeco.javacpp.maxphysicalbytes", String.valueOf(heap + (3L << 30)));
        Nd4j.create(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
