package dev.formbridge.benchmark.delivery;

import dev.formbridge.benchmark.Options;
import java.time.Duration;

/**
 * The runs: {@code rate} submissions/s for {@code warmup} on the fresh runtime, then for {@code measured}, then
 * {@code senders} back to back for {@code saturated}. After each, deliveries are awaited until all arrived, none
 * arrived for {@code quiet} (longer than the first retry delay, so a retried delivery still counts), or
 * {@code drainCap} passed since the senders stopped.
 */
record Plan(
        int connectors,
        int rate,
        Duration warmup,
        Duration measured,
        int senders,
        Duration saturated,
        Duration quiet,
        Duration drainCap) {

    static Plan of(Options options) {
        return new Plan(
                8,
                options.number("rate", 20),
                Duration.ofSeconds(options.number("warmup", 5)),
                Duration.ofSeconds(options.number("seconds", 30)),
                options.number("senders", 4),
                Duration.ofSeconds(options.number("saturated-seconds", 20)),
                Duration.ofSeconds(15),
                Duration.ofSeconds(options.number("drain-seconds", 300)));
    }
}
