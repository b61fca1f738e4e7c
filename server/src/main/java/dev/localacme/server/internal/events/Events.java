package dev.localacme.server.internal.events;

import dev.localacme.server.AcmeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every event to every listener; a failing listener is logged and never stops the CA. */
public final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private final List<Consumer<AcmeEvent>> listeners = new CopyOnWriteArrayList<>();

  public Events(List<Consumer<AcmeEvent>> initial) {
    listeners.addAll(initial);
  }

  public void add(Consumer<AcmeEvent> listener) {
    listeners.add(listener);
  }

  public void remove(Consumer<AcmeEvent> listener) {
    listeners.remove(listener);
  }

  public void publish(AcmeEvent event) {
    for (Consumer<AcmeEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("an event listener failed on {}", event.getClass().getSimpleName(), e);
      }
    }
  }
}
