package dev.formbridge.audit;

import java.util.List;

/**
 * One page of a listing and the opaque cursor of the next, null at the end. A cursor is only valid for the listing
 * (tenant or day) it came from.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
