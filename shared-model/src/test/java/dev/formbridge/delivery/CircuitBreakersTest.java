package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One worker's breakers: 2 failures open a circuit for 30 s, doubling up to 10 min; half-open lets one probe through. */
class CircuitBreakersTest {
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration FIRST_OPEN = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(START);
    final CircuitBreakers breakers = new CircuitBreakers(2, FIRST_OPEN, Duration.ofMinutes(10), clock);
    final ConnectorId connector = ConnectorId.next();

    void open() {
        breakers.failed(connector);
        assertThat(breakers.failed(connector)).contains(START.plus(FIRST_OPEN));
    }

    @Test
    void once_the_open_period_has_passed_one_caller_probes_and_the_others_wait_until_it_succeeds() {
        open();
        clock.advance(FIRST_OPEN);

        // WHEN three jobs ask: the first probes, the others are parked for one more period
        assertThat(breakers.openUntil(connector)).isEmpty();
        assertThat(breakers.openUntil(connector)).contains(clock.instant().plus(FIRST_OPEN));
        assertThat(breakers.openUntil(connector)).contains(clock.instant().plus(FIRST_OPEN));

        // WHEN the probe succeeds: closed for everyone
        assertThat(breakers.succeeded(connector)).isTrue();
        assertThat(breakers.openUntil(connector)).isEmpty();
        assertThat(breakers.openUntil(connector)).isEmpty();
    }

    @Test
    void a_failed_probe_opens_the_circuit_again_for_twice_as_long() {
        open();
        clock.advance(FIRST_OPEN);
        assertThat(breakers.openUntil(connector)).isEmpty();

        Optional<Instant> reopened = breakers.failed(connector);

        assertThat(reopened).contains(clock.instant().plusSeconds(60));
        assertThat(breakers.openUntil(connector)).isEqualTo(reopened);
    }

    @Test
    void failures_of_deliveries_already_under_way_while_it_is_open_do_not_lengthen_it() {
        open();

        // WHEN two more deliveries that had started before it opened fail
        assertThat(breakers.failed(connector)).isEmpty();
        assertThat(breakers.failed(connector)).isEmpty();

        // THEN it is still open for the first 30 s only, and the next probe failure doubles that once
        assertThat(breakers.openUntil(connector)).contains(START.plus(FIRST_OPEN));
        clock.advance(FIRST_OPEN);
        assertThat(breakers.openUntil(connector)).isEmpty();
        assertThat(breakers.failed(connector)).contains(clock.instant().plusSeconds(60));
    }

    @Test
    void a_probe_that_never_reports_is_replaced_by_another_after_one_more_open_period() {
        open();
        clock.advance(FIRST_OPEN);
        assertThat(breakers.openUntil(connector)).isEmpty(); // this probe's worker crashes

        clock.advance(FIRST_OPEN.minusMillis(1));
        assertThat(breakers.openUntil(connector)).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(breakers.openUntil(connector)).isEmpty();
        assertThat(breakers.openUntil(connector)).isPresent();
    }

    @Test
    void of_many_callers_at_the_same_moment_exactly_one_probes() throws Exception {
        open();
        clock.advance(FIRST_OPEN);
        int callers = 32;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<Instant>>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return breakers.openUntil(connector);
                }));
            }
            go.countDown();
            int probes = 0;
            for (Future<Optional<Instant>> answer : answers) {
                probes += answer.get().isEmpty() ? 1 : 0;
            }
            assertThat(probes).isEqualTo(1);
        }
    }
}
