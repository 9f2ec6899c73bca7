package dev.formbridge.benchmark.delivery;

import dev.formbridge.benchmark.Cpu;
import dev.formbridge.benchmark.delivery.Arrivals.Arrival;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run matched up: every accepted submission should arrive exactly once through every connector. Latencies are of
 * each pair's first arrival, sorted, in ns: from the submission's {@code receivedAt} (ingest's stamp) and from the
 * moment its sender got the 202; and split into {@link Stages} by the product's own records.
 */
record RunResult(
        Sent sent,
        int expected,
        int received,
        int duplicates,
        int beforeAccepted,
        long[] sinceReceivedAt,
        long[] sinceAccepted,
        Stages stages,
        long lastNanos,
        int inWindow,
        Recorded recorded,
        Cpu cpu,
        int queued,
        int dead) {

    static RunResult of(
            Sent sent, int connectors, List<Arrival> arrivals, Recorded recorded, Cpu cpu, int queued, int dead) {
        Map<String, Arrival> first = new HashMap<>();
        int duplicates = 0;
        for (Arrival arrival : arrivals) {
            if (arrival.submissionId() == null || !sent.accepted().containsKey(arrival.submissionId())) {
                continue; // the warm-up's, or an earlier run's straggler
            }
            Arrival earlier = first.putIfAbsent(arrival.submissionId() + "#" + arrival.connector(), arrival);
            if (earlier != null) {
                duplicates++;
            }
        }
        long[] sinceReceivedAt = new long[first.size()];
        long[] sinceAccepted = new long[first.size()];
        long last = sent.fromNanos();
        int i = 0;
        int beforeAccepted = 0;
        int inWindow = 0;
        for (Arrival arrival : first.values()) {
            long accepted = sent.accepted().get(arrival.submissionId());
            sinceReceivedAt[i] =
                    Duration.between(arrival.receivedAt(), arrival.at()).toNanos();
            sinceAccepted[i++] = arrival.nanos() - accepted;
            beforeAccepted += arrival.nanos() < accepted ? 1 : 0;
            inWindow += arrival.nanos() <= sent.toNanos() ? 1 : 0;
            last = Math.max(last, arrival.nanos());
        }
        Arrays.sort(sinceReceivedAt);
        Arrays.sort(sinceAccepted);
        return new RunResult(
                sent,
                sent.accepted().size() * connectors,
                first.size(),
                duplicates,
                beforeAccepted,
                sinceReceivedAt,
                sinceAccepted,
                Stages.of(first.values(), recorded.stamps()),
                last,
                inWindow,
                recorded,
                cpu,
                queued,
                dead);
    }

    int missing() {
        return expected - received;
    }

    /** Deliveries per second from the window's start to the last delivery (the steady rate, or the drain's). */
    double deliveriesPerSecond() {
        return received / ((lastNanos - sent.fromNanos()) / 1e9);
    }

    /** Deliveries per second that arrived while the senders were still sending. */
    double inWindowPerSecond() {
        return inWindow / sent.seconds();
    }

    /** CPU ms of this JVM and dynalite together per delivery received (senders, ingest and receivers included). */
    double cpuMillisPerDelivery() {
        return (cpu.jvmNanos() + cpu.dynaliteNanos()) / 1e6 / received;
    }

    /** Seconds from the senders' stop to the last delivery. */
    double drainSeconds() {
        return Math.max(0, (lastNanos - sent.toNanos()) / 1e9);
    }
}
