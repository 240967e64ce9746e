package io.kvstore.raft;

import io.kvstore.core.engine.EngineLoop;
import io.kvstore.proto.v1.RaftCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.apache.ratis.protocol.RaftClientReply;

/**
 * Groups the client commands this node proposes during one burst of the engine loop (the work
 * between two commits: a round of reads from every ready connection) into one log entry, sent
 * when the burst commits. Under load that turns hundreds of entries, each with its own log
 * record, fsync share, replication message and reply, into a few; a lone command still goes as
 * an entry of its own, at once.
 *
 * <p>Order is kept: the commands of a batch are applied in the order they were proposed, and
 * batches leave through the proposer's ordered client one after the other, so a session's
 * pipelined writes apply in the order it sent them. A batch has one outcome: applied (each
 * command then gets its own result) or unknown for all of its commands. Engine thread only,
 * except that results come back through {@link EngineLoop#execute}.
 */
final class ProposalBatcher {
  /** Receives a proposal's outcome on the engine thread. */
  interface Outcome {
    /**
     * {@code failure} is null when the entry was applied; then {@code result} is this command's
     * result, or null when the leader applied it before a restart and lost its reply.
     */
    void done(long logIndex, ReplyCodec.Result result, Throwable failure);
  }

  /** Entries up to this many bytes of commands are filled; a larger command goes alone. */
  static final int MAX_BATCH_BYTES = 1 << 20;
  static final int MAX_BATCH_COMMANDS = 1024;
  /**
   * Batches sent and not yet answered beyond which new proposals wait and gather into the next
   * batch (see {@link #flush}).
   */
  static final int MAX_IN_FLIGHT = 2;

  private record Proposal(RaftCommands commands, Outcome outcome) {}

  private final Function<byte[], CompletableFuture<RaftClientReply>> proposer;
  private final Executor loop;
  private final IntSupplier timeoutMs;
  private List<Proposal> pending = new ArrayList<>();
  private int pendingBytes;
  private long batches;
  private long batchedCommands;
  private int inFlight;

  /**
   * {@code proposer} sends an entry through the node's ordered proposer ({@link Proposer#send});
   * {@code loop} runs tasks on the engine thread ({@link EngineLoop#execute}).
   */
  ProposalBatcher(Function<byte[], CompletableFuture<RaftClientReply>> proposer, Executor loop,
      IntSupplier timeoutMs) {
    this.proposer = proposer;
    this.loop = loop;
    this.timeoutMs = timeoutMs;
  }

  /** Queues a proposal; it leaves when this burst commits (or sooner when the batch is full). */
  void add(RaftCommands commands, Outcome outcome) {
    int size = commands.getSerializedSize();
    if (!pending.isEmpty() && (pendingBytes + size > MAX_BATCH_BYTES || pending.size() >= MAX_BATCH_COMMANDS)) {
      send();
    }
    pending.add(new Proposal(commands, outcome));
    pendingBytes += size;
  }

  /**
   * Sends what this burst proposed (a before-commit hook of the engine loop), unless
   * {@link #MAX_IN_FLIGHT} batches are still out: then it waits for the next answer and goes
   * with whatever else was proposed meanwhile. Without a timer, this makes batches grow with the
   * load (a lone command still leaves at once): every entry costs a log record, an fsync share,
   * replication messages and thread wake-ups on every node, and at a few writes per burst that
   * per-entry cost, not the writes, used up the CPU.
   */
  void flush() {
    if (!pending.isEmpty() && inFlight < MAX_IN_FLIGHT) send();
  }

  /** An answer came back (engine thread): a waiting batch may go. */
  private void answered() {
    inFlight--;
    flush();
  }

  private void send() {
    List<Proposal> batch = pending;
    pending = new ArrayList<>(Math.min(64, batch.size() * 2));
    pendingBytes = 0;
    inFlight++;
    int timeout = timeoutMs.getAsInt();
    if (batch.size() == 1) {
      Proposal p = batch.get(0);
      send(EntryCodec.single(p.commands()), timeout).whenComplete((reply, t) -> loop.execute(() -> {
        answered();
        if (t != null) {
          p.outcome().done(0, null, t);
          return;
        }
        byte[] content = reply.getMessage().getContent().toByteArray();
        p.outcome().done(reply.getLogIndex(), content.length == 0 ? null : ReplyCodec.decode(content), null);
      }));
      return;
    }
    batches++;
    batchedCommands += batch.size();
    List<RaftCommands> commands = new ArrayList<>(batch.size());
    for (Proposal p : batch) commands.add(p.commands());
    send(EntryCodec.batch(commands), timeout).whenComplete((reply, t) -> loop.execute(() -> {
      answered();
      List<ReplyCodec.Result> results = null;
      Throwable failure = t;
      if (failure == null) {
        byte[] content = reply.getMessage().getContent().toByteArray();
        if (content.length > 0) {
          results = ReplyCodec.decodeBatch(content);
          if (results.size() != batch.size()) {
            failure = new IllegalStateException("a batch of " + batch.size() + " commands got "
                + results.size() + " results");
          }
        }
      }
      for (int i = 0; i < batch.size(); i++) {
        Outcome o = batch.get(i).outcome();
        if (failure != null) o.done(0, null, failure);
        else o.done(reply.getLogIndex(), results == null ? null : results.get(i), null);
      }
    }));
  }

  /**
   * The proposal's reply, or a timeout after {@code timeout} ms. The timeout completes a copy:
   * completing the client's own future early would skip its cleanup (the release of the
   * client's outstanding-request permit).
   */
  private CompletableFuture<RaftClientReply> send(byte[] entry, int timeout) {
    return proposer.apply(entry).thenApply(r -> r).orTimeout(timeout, TimeUnit.MILLISECONDS);
  }

  /** Entries that carried more than one command, and the commands they carried (INFO). */
  long batches() {
    return batches;
  }

  long batchedCommands() {
    return batchedCommands;
  }
}
