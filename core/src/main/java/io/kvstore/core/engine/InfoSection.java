package io.kvstore.core.engine;

import java.util.Map;

/**
 * One INFO section ("server", "replication", ...). Modules register their own (the replication
 * module replaces the standalone "replication" section) so INFO text stays Redis-shaped.
 */
public interface InfoSection {
  String name();

  /** Field → value, in the order Redis prints them. */
  Map<String, String> fields(Node node);
}
