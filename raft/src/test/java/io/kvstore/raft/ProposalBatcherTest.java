package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.proto.v1.RaftCommands;
import io.kvstore.proto.v1.RaftEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.Test;

/**
 * How proposals leave the batcher: a burst's commands as one entry, at once while fewer than
 * {@link ProposalBatcher#MAX_IN_FLIGHT} entries are unanswered, otherwise gathered until an
 * answer comes back; outcomes in proposal order. The proposer is a stand-in that records the
 * entries and leaves their futures to the test; tasks run on the calling thread.
 */
class ProposalBatcherTest {
  private final List<byte[]> sent = new ArrayList<>();
  private final List<CompletableFuture<RaftClientReply>> replies = new ArrayList<>();
  private final List<String> outcomes = new ArrayList<>();
  private final ProposalBatcher batcher = new ProposalBatcher(entry -> {
    sent.add(entry);
    CompletableFuture<RaftClientReply> f = new CompletableFuture<>();
    replies.add(f);
    return f;
  }, Runnable::run, () -> 60_000);

  @Test
  void aBurstLeavesAsOneEntryAtOnceWhileFewAreOut() throws Exception {
    propose("a");
    batcher.flush();
    assertThat(commandsOf(0)).containsExactly("a");
    propose("b");
    propose("c");
    batcher.flush();
    assertThat(commandsOf(1)).containsExactly("b", "c");
    assertThat(sent).hasSize(2);
  }

  @Test
  void proposalsWaitWhileTheLimitIsOutAndLeaveTogetherAtTheNextAnswer() throws Exception {
    for (int i = 0; i < ProposalBatcher.MAX_IN_FLIGHT; i++) {
      propose("w" + i);
      batcher.flush();
    }
    assertThat(sent).hasSize(ProposalBatcher.MAX_IN_FLIGHT);
    propose("x");
    batcher.flush();
    propose("y");
    batcher.flush();
    assertThat(sent).hasSize(ProposalBatcher.MAX_IN_FLIGHT); // held back

    replies.get(0).completeExceptionally(new IllegalStateException("no leader"));
    assertThat(sent).hasSize(ProposalBatcher.MAX_IN_FLIGHT + 1);
    assertThat(commandsOf(ProposalBatcher.MAX_IN_FLIGHT)).containsExactly("x", "y");
    assertThat(outcomes).containsExactly("w0 failed");

    for (int i = 1; i < replies.size(); i++) replies.get(i).completeExceptionally(new IllegalStateException());
    assertThat(outcomes).hasSize(ProposalBatcher.MAX_IN_FLIGHT + 2).endsWith("x failed", "y failed");
    propose("z");
    batcher.flush();
    assertThat(commandsOf(sent.size() - 1)).containsExactly("z"); // nothing out: leaves at once
  }

  @Test
  void aFullBatchLeavesEvenWhileTheLimitIsOut() throws Exception {
    for (int i = 0; i < ProposalBatcher.MAX_IN_FLIGHT; i++) {
      propose("w" + i);
      batcher.flush();
    }
    for (int i = 0; i <= ProposalBatcher.MAX_BATCH_COMMANDS; i++) propose("k" + i);
    assertThat(sent).hasSize(ProposalBatcher.MAX_IN_FLIGHT + 1);
    assertThat(commandsOf(ProposalBatcher.MAX_IN_FLIGHT)).hasSize(ProposalBatcher.MAX_BATCH_COMMANDS);
  }

  private void propose(String key) {
    RaftCommands c = EntryCodec.commandsMessage(0,
        List.<byte[][]>of(new byte[][] {"SET".getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8)}),
        false, List.of());
    batcher.add(c, (index, result, failure) -> outcomes.add(key + (failure != null ? " failed" : " applied")));
  }

  /** The keys of the commands in the i-th entry sent. */
  private List<String> commandsOf(int i) throws Exception {
    RaftEntry e = EntryCodec.parse(ByteBuffer.wrap(sent.get(i)));
    List<RaftCommands> cs = e.hasBatch() ? e.getBatch().getCommandsList() : List.of(e.getCommands());
    List<String> keys = new ArrayList<>();
    for (RaftCommands c : cs) keys.add(c.getCommands(0).getArgs(1).toStringUtf8());
    return keys;
  }
}
