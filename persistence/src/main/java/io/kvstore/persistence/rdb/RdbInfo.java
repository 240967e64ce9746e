package io.kvstore.persistence.rdb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a complete read found besides the keys: the file version, every aux field (in file
 * order), the replication fields Redis restores from them ({@code repl-id} only when it has
 * exactly 40 characters, as Redis requires; {@code null}/-1 when absent), the function
 * libraries, how many MODULE_AUX blocks were skipped, the number of keys, and whether a
 * checksum was present and verified (false for a stored 0 or a version 1-4 file).
 */
public record RdbInfo(int version, Map<String, byte[]> aux, String replId, long replOffset,
    int replStreamDb, List<byte[]> functions, int moduleAuxSkipped, long keys,
    boolean checksumVerified) {

  /** An aux field as text, or null. */
  public String auxString(String name) {
    byte[] v = aux.get(name);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  public boolean hasReplication() {
    return replId != null;
  }
}
