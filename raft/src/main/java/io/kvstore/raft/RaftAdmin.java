package io.kvstore.raft;

import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.rpc.CallId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RAFT ADD / REMOVE / TRANSFER / SNAPSHOT: membership changes (Ratis's joint consensus; a new
 * node is caught up, by log or snapshot, before it counts), leadership transfer and an on-demand
 * snapshot. They may be sent to any member; the Ratis client routes them to the leader. The
 * calls block, so they run on the node's admin thread while the session waits.
 */
final class RaftAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(RaftAdmin.class);

  private RaftAdmin() {}

  static Command add(RaftNode raft) {
    return (ctx, args) -> {
      String id = args.str(2);
      String address = args.str(3);
      try {
        Peers.checkId(id);
        Peers.checkAddress(address);
      } catch (IllegalArgumentException e) {
        return Reply.error(Errors.raftAdmin(e.getMessage()));
      }
      return async(ctx, raft, () -> {
        List<RaftPeer> peers = members(raft);
        for (RaftPeer p : peers) {
          if (p.getId().toString().equals(id)) return Reply.error(Errors.raftAdmin("node " + id + " is already a member"));
        }
        peers.add(RaftPeer.newBuilder().setId(id).setAddress(address).build());
        return result(client(raft).admin().setConfiguration(peers), Reply.OK);
      });
    };
  }

  static Command remove(RaftNode raft) {
    return (ctx, args) -> {
      String id = args.str(2);
      return async(ctx, raft, () -> {
        List<RaftPeer> peers = members(raft);
        if (!peers.removeIf(p -> p.getId().toString().equals(id))) {
          return Reply.error(Errors.raftAdmin("node " + id + " is not a member"));
        }
        if (peers.isEmpty()) return Reply.error(Errors.raftAdmin("cannot remove the last member"));
        return result(client(raft).admin().setConfiguration(peers), Reply.OK);
      });
    };
  }

  /** Attempts of one RAFT TRANSFER, and the time one more needs left of {@code raft-timeout}. */
  private static final int TRANSFER_ATTEMPTS = 3;
  private static final long TRANSFER_RETRY_MIN_MS = 1000;

  static Command transfer(RaftNode raft) {
    return (ctx, args) -> {
      String id = args.str(2);
      return async(ctx, raft, () -> {
        if (members(raft).stream().noneMatch(p -> p.getId().toString().equals(id))) {
          return Reply.error(Errors.raftAdmin("node " + id + " is not a member"));
        }
        RaftClient c = client(raft);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(raft.timeoutMs());
        for (int attempt = 1; ; attempt++) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          RaftClientReply r;
          try {
            r = c.admin().transferLeadership(RaftPeerId.valueOf(id), Math.max(1, left));
          } catch (IOException e) {
            releaseSteppingDownLeader(raft, c);
            throw e;
          }
          if (r.isSuccess()) return Reply.OK;
          releaseSteppingDownLeader(raft, c);
          // the target's election can lose a race (another node's vote, a new term of the old
          // leader): Ratis then answers DIFFERENT_LEADER; try again while there is time
          left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (attempt >= TRANSFER_ATTEMPTS || left < TRANSFER_RETRY_MIN_MS) return result(r, Reply.OK);
        }
      });
    };
  }

  /**
   * After a failed transfer: makes sure the leader takes writes again. Ratis keeps a leader
   * "stepping down" (refusing every write) after a transfer that failed at once, e.g. when the
   * target refused the connection, until some leader is elected. If the leader still refuses a
   * probe write (an empty entry, which it would reject unapplied anyway), it is asked to step
   * down: an election follows, the one Ratis waits for.
   */
  private static void releaseSteppingDownLeader(RaftNode raft, RaftClient c) {
    RaftPeerId leader = raft.leaderId();
    if (leader == null) return;
    RaftClientRequest probe = RaftClientRequest.newBuilder()
        .setClientId(c.getId()).setServerId(leader).setGroupId(c.getGroupId())
        .setCallId(CallId.getAndIncrement()).setMessage(Message.EMPTY)
        .setType(RaftClientRequest.writeRequestType()).build();
    try {
      RaftClientReply r = c.getClientRpc().sendRequest(probe);
      if (r.getException() instanceof LeaderSteppingDownException) {
        LOG.warn("the Raft leader {} still refuses writes after a failed leadership transfer; asking it to step down",
            leader);
        c.admin().transferLeadership(null, raft.timeoutMs());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("checking the Raft leader {} after a failed leadership transfer: {}", leader, e.toString());
    }
  }

  static Command snapshot(RaftNode raft) {
    return (ctx, args) -> async(ctx, raft, () -> {
      RaftClientReply r = client(raft).getSnapshotManagementApi(raft.selfId()).create(raft.timeoutMs());
      return result(r, Reply.integer(r.getLogIndex()));
    });
  }

  private static List<RaftPeer> members(RaftNode raft) {
    RaftServer.Division d = raft.division();
    if (d == null) throw new IllegalStateException("the Raft server is not running");
    return new ArrayList<>(d.getRaftConf().getCurrentPeers());
  }

  private static RaftClient client(RaftNode raft) {
    RaftClient c = raft.proposer().client();
    if (c == null) throw new IllegalStateException("this node knows no Raft members yet");
    return c;
  }

  private static Reply result(RaftClientReply r, Reply ok) {
    if (r.isSuccess()) return ok;
    return Reply.error(Errors.raftAdmin(r.getException() == null ? "the Raft request failed"
        : firstLine(r.getException().getMessage())));
  }

  private static String firstLine(String s) {
    return s == null ? "the Raft request failed" : s.lines().findFirst().orElse(s);
  }

  /** Blocks the session, runs {@code call} on the admin thread, then answers and unblocks. */
  static Reply async(Ctx ctx, RaftNode raft, Callable<Reply> call) {
    ClientSession s = ctx.session();
    EngineLoop loop = raft.loop();
    s.setBlocked(true);
    raft.adminExecutor().execute(() -> {
      Reply r;
      try {
        r = call.call();
      } catch (Exception e) {
        r = Reply.error(Errors.raftAdmin(firstLine(e.getMessage() == null ? e.toString() : e.getMessage())));
      }
      Reply answer = r;
      loop.execute(() -> loop.unblock(s, answer));
    });
    return Reply.NONE;
  }
}
