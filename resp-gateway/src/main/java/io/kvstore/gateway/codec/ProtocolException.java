package io.kvstore.gateway.codec;

/**
 * A malformed request: the client gets {@link #errorText()} as an error reply, after the replies
 * to the commands parsed before it, and the connection is then closed (Redis's
 * CLIENT_PROTOCOL_ERROR / close-after-reply).
 */
public final class ProtocolException extends Exception {
  private final String errorText;

  public ProtocolException(String errorText) {
    super(errorText, null, false, false);
    this.errorText = errorText;
  }

  /** The full error reply text, e.g. {@code ERR Protocol error: invalid bulk length}. */
  public String errorText() {
    return errorText;
  }
}
