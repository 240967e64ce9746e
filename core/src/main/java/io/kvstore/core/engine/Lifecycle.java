package io.kvstore.core.engine;

/** Process-level actions commands may request; implemented by the server module. */
public interface Lifecycle {
  /** SHUTDOWN: stop accepting, persist per {@code save}, exit. Called on the engine thread. */
  void shutdown(boolean save);

  /** SAVE / BGSAVE: make everything durable (a RocksDB flush); returns false on failure. */
  boolean save();

  Lifecycle NONE = new Lifecycle() {
    @Override public void shutdown(boolean save) {}
    @Override public boolean save() { return true; }
  };
}
