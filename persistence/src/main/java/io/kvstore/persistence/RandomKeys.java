package io.kvstore.persistence;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * RANDOMKEY over an ordered store that cannot count: a random descent of the key trie, by seeks.
 *
 * <p>At each branch point (the first byte where the first and last keys under the current prefix
 * differ) it picks a byte uniformly between the smallest and largest branch bytes (or "stop
 * here" when a key ends at the branch point), seeks, and continues under the branch it landed
 * on; at most {@value #MAX_LEVELS} levels, then a random walk of 0..{@value #WALK}-1 keys
 * forward (wrapping to the first key) smooths what is left. Cost: about three seeks per level,
 * independent of the number of keys. Keys of one family ({@code user:1}, {@code user:2}, ...) are
 * all reachable with comparable odds; what it cannot do without counts is weight branches by
 * size, so a lone key in its own branch (say {@code zebra} next to a thousand {@code user:N})
 * is picked far more often than 1/n. Redis's own RANDOMKEY is not exactly uniform either.
 */
final class RandomKeys {
  static final int MAX_LEVELS = 8;
  static final int WALK = 16;

  private RandomKeys() {}

  /** A random stored key of the iterator's slot, which must not be empty. */
  static byte[] pick(SlotIterator it, byte[] slotPrefix, RandomGenerator random) {
    byte[] prefix = slotPrefix;
    byte[] pick = null;
    for (int level = 0; level < MAX_LEVELS && pick == null; level++) {
      it.seek(prefix);
      byte[] first = it.key();
      it.lastWithPrefix(prefix);
      byte[] last = it.key();
      int p = Arrays.mismatch(first, last);
      if (p < 0) {
        pick = first;
        break;
      }
      boolean endsHere = first.length == p; // first is a prefix of every other key here
      int lo;
      if (endsHere) {
        it.seek(first);
        it.next();
        lo = it.key()[p] & 0xff;
      } else {
        lo = first[p] & 0xff;
      }
      int hi = last[p] & 0xff;
      int stop = endsHere ? 1 : 0;
      int r = random.nextInt(stop + hi - lo + 1);
      if (r < stop) {
        pick = first;
        break;
      }
      byte[] target = Arrays.copyOf(first, p + 1);
      target[p] = (byte) (lo + r - stop);
      it.seek(target);
      prefix = Arrays.copyOf(it.key(), p + 1);
    }
    if (pick == null) {
      it.seek(prefix);
      pick = it.key();
    }
    it.seek(pick);
    int steps = random.nextInt(WALK);
    for (int i = 0; i < steps; i++) {
      it.next();
      if (!it.valid()) it.first();
    }
    return it.key();
  }
}
