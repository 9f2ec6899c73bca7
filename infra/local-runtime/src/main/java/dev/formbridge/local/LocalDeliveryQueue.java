package dev.formbridge.local;

import dev.formbridge.delivery.DeliveryJob;
import dev.formbridge.delivery.DeliveryQueue;
import dev.formbridge.delivery.FolderDeliveryQueue;
import dev.formbridge.delivery.QueueSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local twin of the SQS delivery queue, durable in a folder: one file per job in {@code ready/} (named by the time
 * it becomes visible), claimed by an atomic rename into {@code inflight/}, deleted when processed. A job whose
 * processing throws comes back after a backoff; after {@link QueueSettings#maxReceiveCount} receives it moves to
 * {@code dead/} (the DLQ). Receives and visibility timeout are {@link QueueSettings#DELIVERY}'s, as on SQS. After a
 * crash, {@link #start} puts every in-flight job back, and a job in flight longer than the visibility
 * timeout comes back while running: a job is never lost because the process stopped or a worker hung.
 */
public final class LocalDeliveryQueue implements DeliveryQueue, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalDeliveryQueue.class);
    /** Receives after which a job moves to {@code dead/}: the SQS queue's {@code maxReceiveCount}, one source. */
    static final int MAX_RECEIVES = QueueSettings.DELIVERY.maxReceiveCount();
    /** A job in flight longer than this is handed out again (SQS's visibility timeout): its worker hung or died. */
    static final Duration VISIBILITY_TIMEOUT = QueueSettings.DELIVERY.visibilityTimeout();

    private static final long IDLE_POLL_MILLIS = 200;

    private final Path ready;
    private final Path inflight;
    private final Path dead;
    private final FolderDeliveryQueue writer;
    private final Clock clock;
    private final Object wakeUp = new Object();
    private boolean signalled; // guarded by wakeUp: a job arrived since the poller last looked
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Duration baseBackoff;
    private volatile boolean running;
    private Thread poller;

    public LocalDeliveryQueue(Path dir, int concurrency, Clock clock) {
        this(dir, concurrency, clock, Duration.ofMillis(200));
    }

    /** {@code baseBackoff}: the wait after the first failed receive; it doubles with each further one (max 30 s). */
    public LocalDeliveryQueue(Path dir, int concurrency, Clock clock, Duration baseBackoff) {
        this.baseBackoff = baseBackoff;
        this.ready = dir.resolve("ready");
        this.inflight = dir.resolve("inflight");
        this.dead = dir.resolve("dead");
        this.writer = new FolderDeliveryQueue(dir);
        this.clock = clock;
        this.slots = new Semaphore(concurrency);
        try {
            for (Path d : List.of(ready, inflight, dead)) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local queue under " + dir, e);
        }
    }

    @Override
    public void send(List<DeliveryJob> jobs) {
        writer.send(jobs); // throws before waking the poller if a job could not be written
        signal();
    }

    private void signal() {
        synchronized (wakeUp) {
            signalled = true;
            wakeUp.notifyAll();
        }
    }

    /** Starts consuming: in-flight jobs of a previous run come back first, then every due job goes to {@code worker}. */
    public synchronized void start(Consumer<DeliveryJob> worker) {
        if (running) {
            throw new IllegalStateException("already consuming");
        }
        recoverInflight();
        running = true;
        poller = Thread.ofPlatform().daemon().name("local-delivery-queue").start(() -> poll(worker));
    }

    private void recoverInflight() {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(inflight)) {
            for (Path file : stale) {
                move(file, ready.resolve(file.getFileName()));
                log.info("job {} was in flight when the runtime stopped: queued again", file.getFileName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover in-flight jobs", e);
        }
    }

    private void poll(Consumer<DeliveryJob> worker) {
        long nextVisibilityCheck = 0;
        while (running) {
            long waitMillis = IDLE_POLL_MILLIS;
            try {
                if (clock.millis() >= nextVisibilityCheck) {
                    returnTimedOut();
                    nextVisibilityCheck = clock.millis() + 10_000;
                }
                List<Path> files = listReady();
                long now = clock.millis();
                for (Path file : files) {
                    long due = dueOf(file);
                    if (due > now) {
                        waitMillis = Math.min(waitMillis, Math.max(1, due - now));
                        break;
                    }
                    if (!slots.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    Path claimed = inflight.resolve(file.getFileName());
                    if (!claim(file, claimed, now)) {
                        slots.release();
                        continue;
                    }
                    workers.execute(() -> {
                        try {
                            handle(claimed, worker);
                        } finally {
                            slots.release();
                            signal(); // a free slot may let a waiting job run now
                        }
                    });
                }
                synchronized (wakeUp) {
                    if (!signalled) {
                        wakeUp.wait(waitMillis);
                    }
                    signalled = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("local queue poll failed: {}", e.toString());
                sleep(IDLE_POLL_MILLIS);
            }
        }
    }

    /** Puts jobs in flight for longer than the visibility timeout back into {@code ready/}. */
    private void returnTimedOut() throws IOException {
        long limit = clock.millis() - VISIBILITY_TIMEOUT.toMillis();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(inflight)) {
            for (Path file : stream) {
                try {
                    if (Files.getLastModifiedTime(file).toMillis() < limit) {
                        moveQuietly(file, ready.resolve(file.getFileName()));
                        log.warn(
                                "job {} was in flight longer than {}: handed out again",
                                file.getFileName(),
                                VISIBILITY_TIMEOUT);
                    }
                } catch (NoSuchFileException done) {
                    // its worker finished and deleted it meanwhile
                }
            }
        }
    }

    private void handle(Path claimed, Consumer<DeliveryJob> worker) {
        DeliveryJob job;
        try {
            job = DeliveryJob.fromJson(Files.readString(claimed, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            log.error("unreadable job {} moved to dead/", claimed.getFileName());
            moveQuietly(claimed, dead.resolve(claimed.getFileName()));
            return;
        }
        try {
            worker.accept(job);
            Files.deleteIfExists(claimed);
        } catch (IOException e) {
            log.warn("cannot delete processed job {}", claimed.getFileName());
        } catch (RuntimeException e) {
            retryLater(claimed, job, e);
        }
    }

    private void retryLater(Path claimed, DeliveryJob job, RuntimeException error) {
        int receives = receivesOf(claimed) + 1;
        try {
            if (receives >= MAX_RECEIVES) {
                move(claimed, dead.resolve(claimed.getFileName()));
                log.error(
                        "job for delivery {} failed {} times: moved to dead/ ({})",
                        job.deliveryId(),
                        receives,
                        error.getClass().getSimpleName());
                return;
            }
            Duration backoff =
                    Duration.ofMillis(Math.min(30_000, baseBackoff.toMillis() << Math.min(receives - 1, 10)));
            writer.write(job.notBefore(clock.instant().plus(backoff)), receives);
            Files.deleteIfExists(claimed);
            log.warn(
                    "job for delivery {} failed ({}); again in {} ms",
                    job.deliveryId(),
                    error.getClass().getSimpleName(),
                    backoff.toMillis());
        } catch (IOException e) {
            log.error("cannot requeue job {}: it stays in inflight/ until the next start", claimed.getFileName());
        }
    }

    private List<Path> listReady() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(ready, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /** Takes a job by renaming it into {@code inflight/}, stamped with the claim time for the visibility timeout. */
    private static boolean claim(Path file, Path claimed, long now) {
        try {
            // stamped before the move: an old job must never look timed out while it is in flight
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(now));
            move(file, claimed);
            return true;
        } catch (NoSuchFileException taken) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void moveQuietly(Path from, Path to) {
        try {
            move(from, to);
        } catch (IOException ignored) {
            // it stays where it is and comes back at the next start
        }
    }

    private static long dueOf(Path file) {
        return Long.parseLong(file.getFileName().toString().substring(0, 13));
    }

    private static int receivesOf(Path file) {
        return Integer.parseInt(file.getFileName().toString().substring(14, 16));
    }

    /** Jobs waiting or in flight (for tests and the run command's status). */
    public int depth() {
        try (var r = Files.list(ready);
                var i = Files.list(inflight)) {
            return (int) (r.count() + i.count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jobs that failed {@link #MAX_RECEIVES} times. */
    public int deadCount() {
        try (var d = Files.list(dead)) {
            return (int) d.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking jobs; jobs in flight finish (or come back at the next start). */
    @Override
    public void close() {
        running = false;
        signal();
        if (poller != null) {
            try {
                poller.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
