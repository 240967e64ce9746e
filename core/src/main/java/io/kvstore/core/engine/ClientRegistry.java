package io.kvstore.core.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Connected clients by id (CLIENT LIST / KILL, INFO clients). Engine thread only. */
public final class ClientRegistry {
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, ClientSession> clients = new LinkedHashMap<>();

  public long nextId() {
    return nextId.getAndIncrement();
  }

  public void add(ClientSession s) {
    clients.put(s.id(), s);
  }

  public void remove(ClientSession s) {
    clients.remove(s.id());
  }

  public ClientSession get(long id) {
    return clients.get(id);
  }

  public Collection<ClientSession> all() {
    return Collections.unmodifiableCollection(clients.values());
  }

  public int size() {
    return clients.size();
  }
}
