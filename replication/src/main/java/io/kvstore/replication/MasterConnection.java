package io.kvstore.replication;

import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.reply.Reply;

/**
 * The engine-side connection of a replica's master client. Redis never answers its master (the
 * ACKs go straight onto the link), so replies are dropped; an error reply is logged as the
 * "== CRITICAL ==" line Redis prints, since it means the replica diverged from its master.
 */
final class MasterConnection implements ClientConnection {
  private final Replication r;
  private final MasterLink link;

  MasterConnection(Replication r, MasterLink link) {
    this.r = r;
    this.link = link;
  }

  @Override
  public void send(Reply reply) {
    if (reply instanceof Reply.Error e) link.criticalError(e.text());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    r.loop().execute(link::killed);
  }

  @Override
  public String remoteAddress() {
    return link.address();
  }

  @Override
  public String localAddress() {
    return link.localAddress();
  }
}
