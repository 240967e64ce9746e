package io.kvstore.persistence.rdb;

import java.io.IOException;

/**
 * What {@link RdbReader} reports while it parses, in file order. Only {@link #entry} is
 * required; an exception thrown here stops the read and reaches the caller unchanged.
 */
@FunctionalInterface
public interface RdbVisitor {
  /** A string key; {@code expireAt} is unix ms or {@link RdbEntry#NO_EXPIRY}. */
  void entry(int db, byte[] key, byte[] value, long expireAt) throws IOException;

  /** An aux field (redis-ver, ctime, repl-id, ...), unknown ones included. */
  default void aux(String key, byte[] value) throws IOException {}

  /** A RESIZEDB hint for the database that follows. */
  default void resizeDb(int db, long size, long expires) throws IOException {}

  /** A function library (the source of one FUNCTION LOAD). */
  default void function(byte[] payload) throws IOException {}
}
