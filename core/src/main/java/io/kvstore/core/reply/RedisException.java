package io.kvstore.core.reply;

/** Thrown by argument parsing and command logic to answer with a Redis error; no stack trace. */
public final class RedisException extends RuntimeException {
  private final Reply.Error reply;

  public RedisException(String fullText) {
    super(fullText, null, false, false);
    this.reply = new Reply.Error(fullText);
  }

  public Reply.Error reply() {
    return reply;
  }
}
