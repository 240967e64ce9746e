package io.kvstore.core.command;

/**
 * Command flags as Redis 7.0 names them in COMMAND INFO. Gates in the engine (AUTH, MULTI,
 * pub/sub context, READONLY, MASTERDOWN, NOREPLICAS, OOM) read these flags; nothing compares
 * command names.
 */
public enum CommandFlag {
  WRITE("write"),
  READONLY("readonly"),
  DENYOOM("denyoom"),
  ADMIN("admin"),
  PUBSUB("pubsub"),
  NOSCRIPT("noscript"),
  BLOCKING("blocking"),
  LOADING("loading"),
  STALE("stale"),
  SKIP_MONITOR("skip_monitor"),
  SKIP_SLOWLOG("skip_slowlog"),
  FAST("fast"),
  NO_AUTH("no_auth"),
  MAY_REPLICATE("may_replicate"),
  NO_MULTI("no_multi"),
  ALLOW_BUSY("allow_busy"),
  /** kvstore-internal: runs immediately even inside MULTI (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
  TX_CONTROL(null),
  /** kvstore-internal: allowed in the RESP2 subscribed context (SUBSCRIBE family, PING, QUIT, RESET). */
  PUBSUB_CONTEXT(null);

  private final String wireName;

  CommandFlag(String wireName) {
    this.wireName = wireName;
  }

  /** The name COMMAND INFO reports, or null for kvstore-internal flags. */
  public String wireName() {
    return wireName;
  }
}
