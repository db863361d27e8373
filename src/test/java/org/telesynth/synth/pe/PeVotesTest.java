package org.telesynth.synth.pe;

import org.junit.jupiter.api.Test;
import org.telesynth.privacy.RandomSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vote's search: distinct records, nearest neighbours independent of threads, and one vote per device. */
class PeVotesTest {
    private static final int[] CELLS = {2, 3, 2, 4};
    private static final VoteDistance DISTANCE = VoteDistance.categorical(new double[]{1, 2, 0.5, 1.5}, CELLS);

    @Test
    void distinctRecords_countEveryRecordOnce_inOrderOfFirstAppearance() {
        int[][] codes = PeApis.random(5_000, CELLS, RandomSource.seeded(11)); // 48 possible records: many repeats
        DistinctRecords d = new DistinctRecords(codes);
        Map<List<Integer>, Integer> firstSeen = new HashMap<>();
        Map<List<Integer>, Long> counts = new HashMap<>();
        List<List<Integer>> order = new ArrayList<>();
        for (int r = 0; r < 5_000; r++) {
            List<Integer> key = record(codes, r);
            if (firstSeen.putIfAbsent(key, r) == null) {
                order.add(key);
            }
            counts.merge(key, 1L, Long::sum);
        }
        assertEquals(order.size(), d.size());
        long total = 0;
        for (int i = 0; i < d.size(); i++) {
            assertEquals(firstSeen.get(order.get(i)), d.first(i));
            assertEquals(counts.get(order.get(i)), d.count(i));
            assertEquals(order.get(i), record(d.codes(), i));
            total += d.count(i);
        }
        assertEquals(5_000, total);
    }

    @Test
    void distinctRecords_findEqualRecordsOfAnotherSet_andNothingElse() {
        int[][] codes = {{0, 1, 1}, {2, 0, 2}};
        DistinctRecords d = new DistinctRecords(codes);
        int[][] other = {{1, 0, 1}, {0, 2, 1}};
        assertEquals(1, d.find(other, 0)); // (1, 0) is the second distinct record
        assertEquals(0, d.find(other, 1)); // (0, 2) the first
        assertEquals(-1, d.find(other, 2)); // (1, 1) is not there
    }

    /** Parallel search writes each real record's answer on its own: one thread or many, the same answers. */
    @Test
    void nearestNeighbours_sameAnswersOnOneThreadAndOnMany() throws Exception {
        int[] cells = {3, 5, 7, 4, 6, 2};
        double[] w = {1, 0.7, 2, 1.1, 0.3, 1.6};
        DistinctRecords candidates = new DistinctRecords(PeApis.random(3_000, cells, RandomSource.seeded(12)));
        NearestNeighbours nn = new NearestNeighbours(candidates, VoteDistance.categorical(w, cells), new int[]{0, 1});
        int[][] real = PeApis.random(20_000, cells, RandomSource.seeded(13));
        int[] many = nn.nearest(real);
        int[] one = new ForkJoinPool(1).submit(() -> nn.nearest(real)).get();
        assertArrayEquals(one, many);
    }

    /** A real record equal to a candidate is answered by that candidate (distance 0), even outside its block's scan. */
    @Test
    void nearestNeighbours_anEqualCandidateIsTheAnswer() {
        int[][] synth = PeApis.random(500, CELLS, RandomSource.seeded(14));
        DistinctRecords candidates = new DistinctRecords(synth);
        int[] nearest = new NearestNeighbours(candidates, DISTANCE, new int[]{0}).nearest(synth);
        for (int r = 0; r < 500; r++) {
            assertEquals(record(synth, r), record(candidates.codes(), nearest[r]), "record " + r);
        }
    }

    /**
     * Neighbouring datasets (one device more, with any attributes): the vote histogram moves by exactly one vote
     * in one cell, so its L2 sensitivity is 1 as the plan says, whether or not the device's record repeats another's.
     */
    @Test
    void votes_oneDeviceMore_movesOneCellByOne() {
        int[][] real = PeApis.random(4_000, CELLS, RandomSource.seeded(15));
        NearestNeighbours nn = new NearestNeighbours(new DistinctRecords(PeApis.random(30, CELLS, RandomSource.seeded(16))), DISTANCE,
                new int[]{0});
        long[] base = PeSynthesizer.votes(new DistinctRecords(real), nn);
        assertEquals(4_000, Arrays.stream(base).sum());
        for (int[] extra : new int[][]{{0, 0, 0, 0}, {1, 2, 1, 3}, column(real, 7)}) {
            int[][] neighbour = new int[CELLS.length][];
            for (int a = 0; a < CELLS.length; a++) {
                neighbour[a] = Arrays.copyOf(real[a], 4_001);
                neighbour[a][4_000] = extra[a];
            }
            long[] moved = PeSynthesizer.votes(new DistinctRecords(neighbour), nn);
            long l1 = 0;
            for (int i = 0; i < base.length; i++) {
                l1 += Math.abs(moved[i] - base[i]);
            }
            assertEquals(1, l1, "device " + Arrays.toString(extra));
        }
    }

    /** Devices with equal records are searched once but vote once each (a vote per distinct record would lose one). */
    @Test
    void votes_equalDevices_eachVoteOnce() {
        int[][] real = {{0, 0}, {1, 1}, {0, 0}, {2, 2}}; // two equal devices
        DistinctRecords devices = new DistinctRecords(real);
        NearestNeighbours nn = new NearestNeighbours(new DistinctRecords(real), DISTANCE, new int[0]);
        long[] votes = PeSynthesizer.votes(devices, nn);
        assertEquals(2, Arrays.stream(votes).sum(), "both devices vote");
        assertEquals(2, votes[0]);
    }

    /** The mixed distance: categories cost their weight, ordered numeric cells their weight times the cell gap / span. */
    @Test
    void voteDistance_categoriesAndOrderedNumericCells() {
        VoteDistance d = new VoteDistance(new double[]{2, 3}, new boolean[]{false, true}, new int[]{5, 11});
        assertEquals(0, d.cost(0, 4, 4));
        assertEquals(2, d.cost(0, 1, 4));
        assertEquals(0.3, d.cost(1, 2, 3), 1e-12);
        assertEquals(3, d.cost(1, 0, 10), 1e-12);
    }

    /** With RAM-like ordered cells, a device votes for the candidate whose value is nearer, where Hamming sees a tie. */
    @Test
    void nearestNeighbours_orderedNumericCells_preferTheNearerValue() {
        int[] cells = {3, 20};
        int[][] candidates = {{0, 0}, {15, 5}}; // (0, 15) and (0, 5)
        int[][] real = {{0}, {6}};
        NearestNeighbours mixed = new NearestNeighbours(new DistinctRecords(candidates),
                new VoteDistance(new double[]{1, 1}, new boolean[]{false, true}, cells), new int[0]);
        NearestNeighbours hamming = new NearestNeighbours(new DistinctRecords(candidates), VoteDistance.categorical(new double[]{1, 1}, cells),
                new int[0]);
        assertEquals(1, mixed.nearest(real)[0]);
        assertEquals(0, hamming.nearest(real)[0], "a tie goes to the lowest candidate");
    }

    private static int[] column(int[][] codes, int r) {
        return Arrays.stream(codes).mapToInt(c -> c[r]).toArray();
    }

    private static List<Integer> record(int[][] codes, int r) {
        List<Integer> out = new ArrayList<>();
        for (int[] c : codes) {
            out.add(c[r]);
        }
        return out;
    }
}
