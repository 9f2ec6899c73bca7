package dev.formbridge.storage;

import java.util.List;

/**
 * One page of a listing and the opaque cursor of the next page, {@code null} on the last one. A cursor is only valid
 * for the listing it came from (its tenant, its day): pass it back unchanged; a foreign or altered one is refused.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
