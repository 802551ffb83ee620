package io.haneul.cloudsearch.engine.search;

/**
 * Counts per {@code long} value without boxing: an open-addressing table (linear probing, at most
 * half full) of keys and counts, the key 0 kept beside it (0 marks a free slot). A numeric facet
 * counts one value per match, so over a large match set this is the facet's inner loop.
 */
final class LongCounts {

    /** What {@link #forEach} hands each counted value to. */
    @FunctionalInterface
    interface Visitor {
        void accept(long value, int count);
    }

    private long[] keys;
    private int[] counts;
    private int mask;
    private int size;
    private int zeroCount;
    private boolean hasZero;

    LongCounts() {
        this(16);
    }

    LongCounts(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        counts = new int[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code delta} to the count of {@code value}. */
    void add(long value, int delta) {
        if (value == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            zeroCount += delta;
            return;
        }
        int slot = slot(value);
        while (true) {
            long k = keys[slot];
            if (k == value) {
                counts[slot] += delta;
                return;
            }
            if (k == 0) {
                keys[slot] = value;
                counts[slot] = delta;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The count of {@code value}, 0 when it was never added. */
    int get(long value) {
        if (value == 0) {
            return zeroCount;
        }
        int slot = slot(value);
        while (true) {
            long k = keys[slot];
            if (k == value) {
                return counts[slot];
            }
            if (k == 0) {
                return 0;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** How many distinct values were counted. */
    int size() {
        return size;
    }

    void forEach(Visitor visitor) {
        if (hasZero) {
            visitor.accept(0, zeroCount);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                visitor.accept(keys[i], counts[i]);
            }
        }
    }

    /** Fibonacci hashing: the key's bits spread over the table's, so sequential values do not cluster. */
    private int slot(long value) {
        return (int) ((value * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            long k = oldKeys[i];
            if (k != 0) {
                int slot = slot(k);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = k;
                counts[slot] = oldCounts[i];
            }
        }
    }
}
