package io.kvstore.core.engine;

import io.kvstore.core.command.CommandSpec;

/**
 * A check run before a command executes or is queued (READONLY on replicas, MASTERDOWN,
 * NOREPLICAS, ...); it reads the command's flags, never its name.
 */
@FunctionalInterface
public interface CommandGate {
  /** The full error text to reject with, or null to let the command through. */
  String check(ClientSession session, CommandSpec spec, byte[][] argv);
}
