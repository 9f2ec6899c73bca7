package dev.formbridge.submission;

import java.util.List;

/**
 * One page of a listing, newest first, and the opaque cursor of the next one ({@code null} at the end). A cursor is
 * only valid for the tenant it was issued to; pass it back unchanged.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
