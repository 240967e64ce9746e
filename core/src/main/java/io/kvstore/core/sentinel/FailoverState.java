package io.kvstore.core.sentinel;

/** The failover state machine's states, in order, with the names SENTINEL MASTER shows. */
public enum FailoverState {
  NONE("none"),
  WAIT_START("wait_start"),
  SELECT_SLAVE("select_slave"),
  SEND_SLAVEOF_NOONE("send_slaveof_noone"),
  WAIT_PROMOTION("wait_promotion"),
  RECONF_SLAVES("reconf_slaves"),
  UPDATE_CONFIG("update_config");

  private final String wire;

  FailoverState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  boolean atLeast(FailoverState s) {
    return ordinal() >= s.ordinal();
  }
}
