package dev.formbridge.audit;

import dev.formbridge.tenant.TenantId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Makes appenders to one tenant's chain in this JVM take turns, first come first served. Without it, threads of one
 * process (the portal) race each other for the next number and a thread can lose many times in a row to busier ones;
 * measured with 8 threads, single appends needed up to 40 tries. Processes still race each other, which the
 * conditional put settles. Striped: a fixed set of fair locks, so the memory does not grow with the tenants.
 */
final class TenantTurns {
    /** Shared by every audit repository of the JVM. */
    static final TenantTurns JVM = new TenantTurns();

    private static final int STRIPES = 64;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    TenantTurns() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    <T> T inTurn(TenantId tenant, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(tenant.value().hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
