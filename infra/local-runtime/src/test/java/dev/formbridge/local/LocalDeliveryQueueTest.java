package dev.formbridge.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.delivery.DeliveryJob;
import dev.formbridge.delivery.FolderDeliveryQueue;
import dev.formbridge.delivery.QueueSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDeliveryQueueTest {
    @TempDir
    Path dir;

    static DeliveryJob job(String id, Instant notBefore) {
        return new DeliveryJob(
                "ten_01JDX3W8Q5ZK2N4B7C9D1E3F5G",
                id,
                "sub_01JDX3W8Q5ZK2N4B7C9D1E3F5G",
                "con_01JDX3W8Q5ZK2N4B7C9D1E3F5G",
                notBefore);
    }

    @Test
    void queued_jobs_are_processed_once_and_a_delayed_job_not_before_its_time() throws Exception {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        try (LocalDeliveryQueue queue = new LocalDeliveryQueue(dir, 8, Clock.systemUTC())) {
            queue.start(job -> {
                calls.incrementAndGet();
                seen.put(job.deliveryId(), Instant.now());
            });
            // the queue keeps a job's time to the millisecond (its file name), so compare at that resolution
            Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            queue.send(List.of(job("dlv_now_1", sent), job("dlv_now_2", sent), job("dlv_later", sent.plusMillis(700))));

            await(() -> seen.size() == 3);
            assertThat(seen.get("dlv_later")).isAfterOrEqualTo(sent.plusMillis(700));
            assertThat(seen.get("dlv_now_1")).isBefore(sent.plusMillis(700));
            Thread.sleep(200);
            assertThat(calls).hasValue(3);
            assertThat(queue.depth()).isZero();
        }
    }

    @Test
    void jobs_another_process_writes_into_the_queue_folder_are_consumed_once() throws Exception {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        try (LocalDeliveryQueue queue = new LocalDeliveryQueue(dir, 4, Clock.systemUTC())) {
            queue.start(job -> seen.merge(job.deliveryId(), 1, Integer::sum));

            // the portal's side: it only knows the folder
            new FolderDeliveryQueue(dir)
                    .send(List.of(job("dlv_from_portal_1", Instant.now()), job("dlv_from_portal_2", Instant.now())));

            await(() -> seen.size() == 2);
            Thread.sleep(300);
            assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of("dlv_from_portal_1", 1, "dlv_from_portal_2", 1));
            assertThat(queue.depth()).isZero();
        }
    }

    @Test
    void a_job_whose_processing_fails_comes_back_and_moves_to_dead_after_the_last_receive() throws Exception {
        AtomicInteger receives = new AtomicInteger();
        try (LocalDeliveryQueue queue = new LocalDeliveryQueue(dir, 2, Clock.systemUTC(), Duration.ofMillis(1))) {
            queue.start(job -> {
                receives.incrementAndGet();
                throw new IllegalStateException("storage down");
            });
            queue.send(job("dlv_poison", Instant.now()));

            await(() -> queue.deadCount() == 1);
            // the SQS queue's maxReceiveCount: both read QueueSettings.DELIVERY (infra/cdk OneSourceTest)
            assertThat(receives).hasValue(QueueSettings.DELIVERY.maxReceiveCount());
            assertThat(queue.depth()).isZero();
        }
    }

    @Test
    void a_job_that_fails_twice_then_succeeds_is_processed() throws Exception {
        AtomicInteger receives = new AtomicInteger();
        List<String> done = new CopyOnWriteArrayList<>();
        try (LocalDeliveryQueue queue = new LocalDeliveryQueue(dir, 2, Clock.systemUTC(), Duration.ofMillis(5))) {
            queue.start(job -> {
                if (receives.incrementAndGet() < 3) {
                    throw new IllegalStateException("not yet");
                }
                done.add(job.deliveryId());
            });
            queue.send(job("dlv_flaky", Instant.now()));
            await(() -> done.size() == 1);
            assertThat(queue.deadCount()).isZero();
        }
    }

    @Test
    void jobs_in_flight_when_the_process_stopped_are_processed_after_a_restart() throws Exception {
        LocalDeliveryQueue first = new LocalDeliveryQueue(dir, 2, Clock.systemUTC());
        first.send(job("dlv_interrupted", Instant.now()));
        // simulate a crash after the claim: the file sits in inflight/ and no worker finished it
        Path readyFile;
        try (var files = Files.list(dir.resolve("ready"))) {
            readyFile = files.findFirst().orElseThrow();
        }
        Files.move(readyFile, dir.resolve("inflight").resolve(readyFile.getFileName()));
        first.close();

        List<String> done = new CopyOnWriteArrayList<>();
        try (LocalDeliveryQueue second = new LocalDeliveryQueue(dir, 2, Clock.systemUTC())) {
            second.start(job -> done.add(job.deliveryId()));
            await(() -> done.contains("dlv_interrupted"));
            assertThat(second.depth()).isZero();
        }
    }

    @Test
    void a_job_in_flight_longer_than_the_visibility_timeout_is_handed_out_again() throws Exception {
        dev.formbridge.testutils.MutableClock clock = dev.formbridge.testutils.MutableClock.startingNow();
        AtomicInteger receives = new AtomicInteger();
        java.util.concurrent.CountDownLatch hung = new java.util.concurrent.CountDownLatch(1);
        try (LocalDeliveryQueue queue = new LocalDeliveryQueue(dir, 4, clock)) {
            queue.start(job -> {
                if (receives.incrementAndGet() == 1) {
                    try {
                        hung.await(); // the first worker hangs
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            queue.send(job("dlv_hung", clock.instant()));
            await(() -> receives.get() == 1);

            // the SQS queue's visibility timeout: both read QueueSettings.DELIVERY (infra/cdk OneSourceTest)
            clock.advance(QueueSettings.DELIVERY.visibilityTimeout().plusMinutes(1));

            await(() -> receives.get() == 2);
            hung.countDown();
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
