package dev.formbridge.storage;

/** An optimistic-lock check failed: someone changed the item since it was read. Read it again and retry the change. */
public final class ConcurrentModificationException extends RuntimeException {
    public ConcurrentModificationException(String what) {
        super(what + " was changed by someone else; reload and try again");
    }
}
