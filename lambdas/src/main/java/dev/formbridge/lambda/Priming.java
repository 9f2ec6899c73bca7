package dev.formbridge.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming (ADR 0011): Lambda snapshots a function after its constructor has run, and first calls every
 * registered {@link Resource}'s {@code beforeCheckpoint}. What runs there is in the snapshot, so a restored function
 * starts with its hot path's classes loaded, linked and (with the runtime's default tiered compilation) partly
 * compiled, and its first request does not pay for them. The work must leave no trace — read only, cache nothing —
 * because the snapshot is restored many times. Outside SnapStart (local runs, the benchmarks) no checkpoint happens
 * and registering does nothing.
 */
final class Priming implements Resource {
    private static final Logger log = LoggerFactory.getLogger(Priming.class);

    private final String function;
    private final Runnable work;

    private Priming(String function, Runnable work) {
        this.function = function;
        this.work = work;
    }

    /**
     * Registers {@code work} to run before the snapshot. The CRaC context holds resources weakly: keep the returned
     * object in a field of the handler, which the runtime keeps alive.
     */
    static Priming register(String function, Runnable work) {
        Priming priming = new Priming(function, work);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the SDK clients open their connections on first use
    }

    /** Runs the work; a failure (storage unreachable while the snapshot is taken) costs only the warm-up. */
    void run() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn(
                    "{}: priming before the snapshot failed ({})",
                    function,
                    e.getClass().getSimpleName());
        }
    }
}
