package io.kvstore.core.cmd.connection;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Node;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The one ACL user kvstore knows: "default", protected by {@code requirepass}. With no
 * requirepass the default user is "nopass" and any password authenticates it; any other user
 * name never authenticates (Redis's ACLAuthenticateUser for a server without ACL users).
 * Shared by AUTH and HELLO ... AUTH.
 */
final class Authenticator {
  static final String DEFAULT_USER = "default";

  private Authenticator() {}

  static boolean noPasswordConfigured(Node node) {
    return node.config().get("requirepass").isEmpty();
  }

  /** Checks the pair and, when valid, marks the session authenticated as that user. */
  static boolean authenticate(Node node, ClientSession session, byte[] user, byte[] password) {
    if (!DEFAULT_USER.equals(new String(user, StandardCharsets.UTF_8))) return false;
    String required = node.config().get("requirepass");
    if (!required.isEmpty()
        && !MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), password)) {
      return false;
    }
    session.setAuthenticated(true);
    session.setUser(DEFAULT_USER);
    return true;
  }

  /** Redis client names: empty (clears the name) or printable ASCII without spaces. */
  static boolean validName(byte[] name) {
    for (byte b : name) {
      if (b < '!' || b > '~') return false;
    }
    return true;
  }
}
