package dev.formbridge.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The producer side of the local delivery queue: writes jobs into the queue folder the local runtime consumes
 * ({@code FORMBRIDGE_HOME/queue}), so another local process — the portal replaying deliveries — can queue jobs
 * without a network hop. One file per job in {@code ready/}, named by the time it becomes visible, written to
 * {@code incoming/} first and renamed atomically, so a consumer never reads half a job. The local runtime's
 * {@code LocalDeliveryQueue} consumes this folder and writes it the same way.
 */
public final class FolderDeliveryQueue implements DeliveryQueue {
    private final Path ready;
    private final Path incoming;

    public FolderDeliveryQueue(Path dir) {
        this.ready = dir.resolve("ready");
        this.incoming = dir.resolve("incoming");
        try {
            Files.createDirectories(ready);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new DeliveryQueueException("cannot create the queue folder " + dir, List.of(), e);
        }
    }

    /** The file name of a job: when it becomes visible, how often it was received, and a unique part. */
    public static String fileName(DeliveryJob job, int receives) {
        return String.format("%013d-%02d-%s.json", job.notBefore().toEpochMilli(), receives, UUID.randomUUID());
    }

    /** Writes one job, received {@code receives} times so far, into {@code ready/}: whole or not at all. */
    public void write(DeliveryJob job, int receives) throws IOException {
        String name = fileName(job, receives);
        Path temp = incoming.resolve(name);
        Files.writeString(temp, job.toJson(), StandardCharsets.UTF_8);
        try {
            Files.move(temp, ready.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, ready.resolve(name));
        }
    }

    @Override
    public void send(List<DeliveryJob> jobs) {
        List<DeliveryJob> failed = new ArrayList<>();
        IOException cause = null;
        for (DeliveryJob job : jobs) {
            try {
                write(job, 0);
            } catch (IOException e) {
                failed.add(job);
                cause = e;
            }
        }
        if (!failed.isEmpty()) {
            throw new DeliveryQueueException(failed.size() + " jobs not queued", failed, cause);
        }
    }
}
