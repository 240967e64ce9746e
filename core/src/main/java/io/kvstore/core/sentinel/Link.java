package io.kvstore.core.sentinel;

/**
 * The two connections to one instance (commands; pub/sub on the hello channel — sentinels only
 * get the first) and the times failure detection reads. A link is "disconnected" while either
 * connection it needs is missing; the timer reconnects it at most once per ping period.
 *
 * <p>{@code actPingTime} is the send time of the oldest ping still unanswered (0 when the last
 * one got a reply); it starts at creation so an instance that never connects still times out.
 */
public final class Link {
  boolean disconnected = true;
  boolean cmd;
  boolean pubsub;
  int pendingCommands;
  long cmdConnTime;
  long pubsubConnTime;
  long pubsubLastActivity;
  long lastAvailTime;
  long actPingTime;
  long lastPingTime;
  long lastPongTime;
  long lastReconnTime;

  Link(long now) {
    actPingTime = now;
    lastAvailTime = now;
    lastPongTime = now;
  }

  public boolean disconnected() { return disconnected; }
  public boolean cmdConnected() { return cmd; }
  public boolean pubsubConnected() { return pubsub; }
  public int pendingCommands() { return pendingCommands; }
  public long lastAvailTime() { return lastAvailTime; }
  public long actPingTime() { return actPingTime; }
  public long lastPongTime() { return lastPongTime; }
}
