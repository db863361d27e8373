package org.telesynth.synth.dpvae;

import java.util.ArrayList;
import java.util.List;

/**
 * How one record is laid out as the VAE's input and output vector, block by block, each with its decoder head:
 * a categorical one-hot (softmax head, cross-entropy), a presence bit (Bernoulli head) or a value scaled to [0, 1]
 * on public bounds (Gaussian head with a fixed spread, its loss counted only where its presence bit is 1).
 */
record Layout(List<Block> blocks, int width) {

    enum Kind { CATEGORY, PRESENCE, VALUE }

    /**
     * @param name   what the block encodes
     * @param offset its first column
     * @param width  its columns (1 for a presence or a value)
     * @param mask   for a value: the columns whose sum gates it (a presence bit, or the cells of a presence pattern
     *               in which its table is present; one-hot, so the sum is 0 or 1); empty: always counted
     */
    record Block(String name, Kind kind, int offset, int width, int[] mask) {
    }

    /** Builds a layout block by block. */
    static final class Builder {
        private final List<Block> blocks = new ArrayList<>();
        private int width;

        Builder category(String name, int cells) {
            return add(new Block(name, Kind.CATEGORY, width, cells, new int[0]));
        }

        /** A presence bit; its column is {@link #lastColumn()} after this call. */
        Builder presence(String name) {
            return add(new Block(name, Kind.PRESENCE, width, 1, new int[0]));
        }

        /** A value gated by the sum of {@code mask}'s columns (none: always counted). */
        Builder value(String name, int... mask) {
            return add(new Block(name, Kind.VALUE, width, 1, mask.clone()));
        }

        int lastColumn() {
            return width - 1;
        }

        private Builder add(Block b) {
            blocks.add(b);
            width += b.width();
            return this;
        }

        Layout build() {
            return new Layout(List.copyOf(blocks), width);
        }
    }
}
