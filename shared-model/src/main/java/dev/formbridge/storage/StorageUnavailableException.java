package dev.formbridge.storage;

/**
 * The store could not be reached or answered with a server-side error. Callers answer "retry later" (503); nothing was
 * written, or what was written is complete and idempotent to write again.
 */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
