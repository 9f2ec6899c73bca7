package dev.formbridge.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.event.EventContract;
import dev.formbridge.event.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The local bus on its own: matching by pattern, and an archive that stays bounded however long it runs. */
class LocalEventBusTest {

    @Test
    void delivers_matching_events_and_keeps_only_the_latest_ones_while_counting_all() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        int published = LocalEventBus.KEPT_EVENTS + 5;
        try (LocalEventBus bus = new LocalEventBus()) {
            bus.addRule("odd", "{\"detail\":{\"odd\":[true]}}", event -> delivered.add(event.detail()));
            for (int i = 0; i < published; i++) {
                bus.accept(new EventEnvelope(
                        EventContract.SOURCE_INGEST,
                        "Test",
                        "{\"n\":" + i + ",\"odd\":" + (i % 2 == 1) + "}",
                        Instant.parse("2026-11-27T00:00:00Z")));
            }

            assertThat(bus.acceptedCount()).isEqualTo(published);
            List<EventEnvelope> kept = bus.received();
            assertThat(kept).hasSize(LocalEventBus.KEPT_EVENTS);
            assertThat(kept.getFirst().detail()).startsWith("{\"n\":5,");
            assertThat(kept.getLast().detail()).startsWith("{\"n\":" + (published - 1) + ",");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (delivered.size() < published / 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(delivered).hasSize(published / 2).allMatch(detail -> detail.contains("\"odd\":true"));
        }
    }
}
