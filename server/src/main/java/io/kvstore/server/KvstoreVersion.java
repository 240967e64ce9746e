package io.kvstore.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version (filtered into a resource at build time) and the Redis version emulated. */
public final class KvstoreVersion {
  /** The Redis release whose replies and behaviour kvstore reproduces. */
  public static final String REDIS_COMPAT = "7.0.15";

  private KvstoreVersion() {}

  public static String version() {
    try (InputStream in = KvstoreVersion.class.getResourceAsStream("/kvstore-version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** One line in the style of {@code redis-server --version}. */
  public static String describe() {
    return "kvstore v=" + version() + " redis-compat=" + REDIS_COMPAT + " bits=64 java="
        + Runtime.version();
  }
}
