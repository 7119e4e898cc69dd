package dev.safedelete.catalog;

import java.util.Set;

/** A user trigger on a table; only the events SafeDelete causes (DELETE, UPDATE) matter. */
public record TriggerInfo(String name, Set<Event> events) {

    public TriggerInfo {
        events = Set.copyOf(events);
    }

    public enum Event { DELETE, UPDATE }
}
