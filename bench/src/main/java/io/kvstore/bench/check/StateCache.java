package io.kvstore.bench.check;

import java.util.Arrays;

/**
 * Lowe's memo for the linearizability search: the set of (linearized operations, model state)
 * configurations already explored. Reaching one again cannot lead anywhere new, so the search
 * prunes it. The caller supplies the set's hash (kept incrementally with Zobrist keys).
 *
 * <p>Storage is flat so that millions of entries stay cheap for the garbage collector: every
 * entry's bit set lives in one {@code long[]} arena at {@code entry * words}, next to parallel
 * arrays of hashes and states, and an open-addressing table of entry numbers.
 */
final class StateCache {
    private final int words;
    private long[] arena;
    private long[] hashes;
    private Object[] states;
    private int[] slots;
    private int mask;
    private int size;

    StateCache(int words) {
        this.words = Math.max(1, words);
        arena = new long[this.words * 1024];
        hashes = new long[1024];
        states = new Object[1024];
        slots = new int[2048];
        mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    /** 64-bit words held by the stored entries (set plus hash and state reference). */
    long words() {
        return (long) size * (words + 2);
    }

    /** Adds (a copy of) the configuration; false if it was already present. */
    boolean add(long setHash, long[] set, Object state) {
        long h = mix(setHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
        int i = (int) h & mask;
        for (int slot = slots[i]; slot != 0; slot = slots[i]) {
            int e = slot - 1;
            if (hashes[e] == h && sameSet(e, set) && states[e].equals(state)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (size == hashes.length) {
            int cap = size * 2;
            if ((long) cap * words > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("memo full");
            }
            arena = Arrays.copyOf(arena, cap * words);
            hashes = Arrays.copyOf(hashes, cap);
            states = Arrays.copyOf(states, cap);
        }
        System.arraycopy(set, 0, arena, size * words, words);
        hashes[size] = h;
        states[size] = state;
        slots[i] = ++size;
        if (size * 2 > mask) {
            rehash();
        }
        return true;
    }

    private boolean sameSet(int e, long[] set) {
        int base = e * words;
        for (int w = 0; w < words; w++) {
            if (arena[base + w] != set[w]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int e = 0; e < size; e++) {
            int i = (int) hashes[e] & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = e + 1;
        }
    }

    /** SplitMix64 finalizer: also the source of the per-operation Zobrist keys. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
