package io.kvstore.bench.check;

import java.util.Arrays;

/**
 * Lowe's memo for the linearizability search: the set of (linearized operations, model state)
 * configurations already explored. Reaching one again cannot lead anywhere new, so the search
 * prunes it. Open addressing over parallel arrays; the caller supplies the set's hash (kept
 * incrementally with Zobrist keys) so adding costs one copy of the bit set.
 */
final class StateCache {
    private long[] hashes;
    private long[][] sets;
    private Object[] states;
    private int mask;
    private int size;
    private long words;

    StateCache() {
        int cap = 1 << 10;
        hashes = new long[cap];
        sets = new long[cap][];
        states = new Object[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** 64-bit words held by the stored sets. */
    long words() {
        return words;
    }

    /** Adds (a copy of) the configuration; false if it was already present. */
    boolean add(long setHash, long[] set, Object state) {
        long h = mix(setHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
        int i = (int) h & mask;
        while (states[i] != null) {
            if (hashes[i] == h && Arrays.equals(sets[i], set) && states[i].equals(state)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        sets[i] = set.clone();
        states[i] = state;
        size++;
        words += set.length + 2;
        if (size * 2 > mask) {
            grow();
        }
        return true;
    }

    private void grow() {
        long[] oh = hashes;
        long[][] os = sets;
        Object[] ost = states;
        int cap = oh.length * 2;
        hashes = new long[cap];
        sets = new long[cap][];
        states = new Object[cap];
        mask = cap - 1;
        for (int j = 0; j < oh.length; j++) {
            if (ost[j] != null) {
                int i = (int) oh[j] & mask;
                while (states[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oh[j];
                sets[i] = os[j];
                states[i] = ost[j];
            }
        }
    }

    /** SplitMix64 finalizer: also the source of the per-operation Zobrist keys. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
