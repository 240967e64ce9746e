package io.kvstore.replication;

import io.kvstore.core.engine.InfoSection;
import io.kvstore.core.engine.Node;
import java.util.Map;

/** INFO replication, in Redis 7.0's field order (HELLO's role follows its {@code role}). */
final class ReplicationSection implements InfoSection {
  private final Replication r;

  ReplicationSection(Replication r) {
    this.r = r;
  }

  @Override
  public String name() {
    return "replication";
  }

  @Override
  public Map<String, String> fields(Node node) {
    return r.infoFields();
  }
}
