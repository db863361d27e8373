package org.telesynth.synth;

import org.telesynth.io.Duck;
import org.telesynth.privacy.RandomSource;

/**
 * The synthetic devices every table of a release hangs off: {@code n} of them, numbered 0..n-1, with guids
 * derived from the number and a random key (unique by construction, random looking), which of them have an OS
 * history (filled as that table is written; the blockers need it), and the sysinfo values other tables repeat.
 */
public final class SyntheticDevices {
    private final int n;
    private final long guidKey;
    final boolean[] hasOsHistory;
    /** sysinfo's values, which memory and cpu_metadata repeat: installed RAM, and cpucode as a 1-based position in its model's labels. */
    final double[] ramGb;
    final int[] cpucode;
    ColumnModel cpucodeModel;

    public SyntheticDevices(int n, RandomSource random) {
        this.n = n;
        this.guidKey = random.nextLong() >>> 1;
        this.hasOsHistory = new boolean[n];
        this.ramGb = new double[n];
        this.cpucode = new int[n];
    }

    /** SQL list of sysinfo's cpucode labels (empty before sysinfo is written). */
    String cpucodeLabels() {
        java.util.List<String> labels = new java.util.ArrayList<>();
        if (cpucodeModel != null) {
            for (int cell = 0; cell < cpucodeModel.cells(); cell++) {
                if (!cpucodeModel.isNull(cell)) {
                    labels.add(cpucodeModel.text(cell));
                }
            }
        }
        return Duck.textList(labels);
    }

    /**
     * SQL for the guid of device {@code d}: 32 hex digits, the first half a hash of the device number and the key,
     * the second half the number masked by a constant (so two devices never share a guid).
     */
    static String guidSql(String d, long key) {
        return "printf('%016x%016x', hash(xor(" + d + "::BIGINT, " + key + ")), xor(" + d + "::BIGINT, 25214903917))";
    }

    long guidKey() {
        return guidKey;
    }

    /** Which devices have an OS history (filled as that table is written). */
    public boolean[] hasOsHistoryMask() {
        return hasOsHistory.clone();
    }

    public int size() {
        return n;
    }

    /** k distinct device indices drawn uniformly (partial Fisher–Yates), among those allowed when given. */
    public int[] sample(int k, boolean[] allowed, RandomSource random) {
        int[] pool;
        if (allowed == null) {
            pool = new int[size()];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = i;
            }
        } else {
            int count = 0;
            for (boolean a : allowed) {
                count += a ? 1 : 0;
            }
            pool = new int[count];
            int j = 0;
            for (int i = 0; i < allowed.length; i++) {
                if (allowed[i]) {
                    pool[j++] = i;
                }
            }
        }
        int m = Math.min(k, pool.length);
        for (int i = 0; i < m; i++) {
            int r = i + (int) (random.nextDouble() * (pool.length - i));
            int tmp = pool[i];
            pool[i] = pool[r];
            pool[r] = tmp;
        }
        int[] out = java.util.Arrays.copyOf(pool, m);
        java.util.Arrays.sort(out);
        return out;
    }
}
