package dev.formbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SnapStart hook: it runs the warm-up before the snapshot, and a failing warm-up never fails the snapshot. */
class PrimingTest {

    @Test
    void runs_the_warm_up_before_the_checkpoint() {
        AtomicInteger runs = new AtomicInteger();
        Priming priming = Priming.register("test", runs::incrementAndGet);

        priming.beforeCheckpoint(null);

        assertThat(runs).hasValue(1);
    }

    @Test
    void a_failing_warm_up_is_logged_not_thrown() {
        Priming priming = Priming.register("test", () -> {
            throw new IllegalStateException("store unreachable");
        });

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    }
}
