package io.kvstore.sentinel.cmd;

import io.kvstore.core.sentinel.SentinelState;

/** What the sentinel's commands work with: the state machine and the config file. */
public interface SentinelContext {
  SentinelState state();

  /** Rewrites the config file with the current state; false (logged) on failure. */
  boolean flushConfig();
}
