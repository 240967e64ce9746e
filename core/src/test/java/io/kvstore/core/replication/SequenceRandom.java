package io.kvstore.core.replication;

import java.util.random.RandomGenerator;

/**
 * A predictable generator for readable replication ids: the k-th 40-char id drawn is made of
 * one repeated hex digit, 1, 2, ... f, then 1 again ("1111...", "2222...").
 */
final class SequenceRandom implements RandomGenerator {
  private long calls;

  @Override
  public int nextInt(int bound) {
    long id = calls++ / ReplicationIds.ID_LENGTH;
    return (int) (id % 15 + 1) % bound;
  }

  @Override
  public long nextLong() {
    throw new UnsupportedOperationException("only nextInt(bound) is used for ids");
  }

  /** The id made of 40 copies of {@code digit}. */
  static String id(char digit) {
    return String.valueOf(digit).repeat(ReplicationIds.ID_LENGTH);
  }
}
