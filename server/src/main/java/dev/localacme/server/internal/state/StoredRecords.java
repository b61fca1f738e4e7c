package dev.localacme.server.internal.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;

/**
 * One kind of record in the state file, as JSON, with the records already read kept decoded: the
 * file is the truth, the decoded copies save parsing the same JSON on every request (an order's
 * authorizations are read on each poll, and an account's on each new order). Records are immutable,
 * so a decoded copy can be shared. Callers serialize writes of one id; a read that races a write
 * never leaves the older record cached, because the writer stores the decoded record after the
 * JSON.
 */
final class StoredRecords<T> {
  private final MVMap<String, String> file;
  private final Class<T> type;
  private final ConcurrentHashMap<String, T> decoded = new ConcurrentHashMap<>();

  StoredRecords(MVMap<String, String> file, Class<T> type) {
    this.file = file;
    this.type = type;
  }

  Optional<T> get(String id) {
    T cached = decoded.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    String json = file.get(id);
    if (json == null) {
      return Optional.empty();
    }
    T record = StateJson.read(json, type);
    T raced = decoded.putIfAbsent(id, record);
    return Optional.of(raced != null ? raced : record);
  }

  boolean contains(String id) {
    return decoded.containsKey(id) || file.containsKey(id);
  }

  /** Writes the record to the file (not yet committed) and keeps it decoded. */
  void put(String id, T record) {
    file.put(id, StateJson.write(record));
    decoded.put(id, record);
  }

  /** Every record, in the file's key order. */
  Collection<T> all() {
    List<T> all = new ArrayList<>();
    for (String id : file.keySet()) {
      get(id).ifPresent(all::add);
    }
    return all;
  }

  void clear() {
    file.clear();
    decoded.clear();
  }
}
