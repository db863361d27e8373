package org.telesynth.synth.pe;

import java.util.Arrays;

/**
 * The distinct records of a set of discrete records ({@code codes[attribute][record]}), found once by hashing:
 * PE votes and searches per distinct record, so a million devices that share a few hundred thousand attribute
 * combinations cost a few hundred thousand searches, and a population full of resampled copies is one candidate
 * per copy group. Open addressing over primitive arrays: no object per record.
 */
final class DistinctRecords {
    private final int[][] codes;
    /** The first record of each distinct record, in order of first appearance (the first {@code size} slots). */
    private final int[] first;
    /** How many records each distinct record stands for. */
    private final long[] count;
    private final int size;
    private int[][] distinctCodes;
    /** Hash slot -> distinct record + 1 (0: empty). */
    private final int[] table;

    DistinctRecords(int[][] codes) {
        this.codes = codes;
        int n = codes[0].length;
        table = new int[Integer.highestOneBit(Math.max(1, 2 * n)) << 1];
        first = new int[n];
        count = new long[n];
        int d = 0;
        for (int r = 0; r < n; r++) {
            int slot = probe(codes, r);
            if (table[slot] == 0) {
                table[slot] = d + 1;
                first[d] = r;
                d++;
            }
            count[table[slot] - 1]++;
        }
        size = d;
    }

    int size() {
        return size;
    }

    /** The first record of distinct record {@code i}. */
    int first(int i) {
        return first[i];
    }

    /** How many records distinct record {@code i} stands for. */
    long count(int i) {
        return count[i];
    }

    /** The distinct records' codes, {@code [attribute][distinct record]} (made once; not to be modified). */
    int[][] codes() {
        if (distinctCodes == null) {
            distinctCodes = PeApis.select(codes, Arrays.copyOf(first, size));
        }
        return distinctCodes;
    }

    /** The distinct record equal to record {@code r} of {@code other} (same attributes), or -1. */
    int find(int[][] other, int r) {
        int i = table[probe(other, r)];
        return i - 1;
    }

    /** The slot holding record {@code r}'s distinct record, or the empty slot where it would go. */
    private int probe(int[][] of, int r) {
        int mask = table.length - 1;
        int slot = (int) hash(of, r) & mask;
        while (table[slot] != 0 && !equal(of, r, first[table[slot] - 1])) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean equal(int[][] of, int r, int own) {
        for (int a = 0; a < of.length; a++) {
            if (of[a][r] != codes[a][own]) {
                return false;
            }
        }
        return true;
    }

    private static long hash(int[][] of, int r) {
        long h = 0x9E3779B97F4A7C15L;
        for (int[] column : of) {
            h = (h ^ column[r]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h ^ (h >>> 29);
    }
}
