package dev.formbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void a_latency_counts_in_the_first_bucket_whose_upper_bound_it_does_not_exceed() {
        assertThat(LatencyHistogram.counter(Duration.ZERO)).isEqualTo("latency_le_50");
        assertThat(LatencyHistogram.counter(Duration.ofMillis(50))).isEqualTo("latency_le_50");
        assertThat(LatencyHistogram.counter(Duration.ofMillis(51))).isEqualTo("latency_le_100");
        assertThat(LatencyHistogram.counter(Duration.ofSeconds(2))).isEqualTo("latency_le_2500");
        assertThat(LatencyHistogram.counter(Duration.ofMinutes(2))).isEqualTo("latency_le_120000");
        assertThat(LatencyHistogram.counter(Duration.ofHours(1))).isEqualTo("latency_le_3600000");
        assertThat(LatencyHistogram.counter(Duration.ofHours(1).plusMillis(1))).isEqualTo("latency_gt_3600000");
    }

    @Test
    void a_percentile_is_the_upper_bound_of_the_bucket_holding_the_nth_smallest_latency() {
        Map<String, Long> counters = Map.of(
                "latency_le_100", 50L, // 1st..50th
                "latency_le_250", 45L, // 51st..95th
                "latency_le_5000", 5L, // 96th..100th
                "delivered", 100L); // not a latency: ignored

        assertThat(LatencyHistogram.percentile(counters, 0.5)).contains(atMost(100));
        assertThat(LatencyHistogram.percentile(counters, 0.95)).contains(atMost(250));
        assertThat(LatencyHistogram.percentile(counters, 0.96)).contains(atMost(5_000));
        assertThat(LatencyHistogram.percentile(counters, 1.0)).contains(atMost(5_000));
    }

    @Test
    void a_percentile_in_the_overflow_bucket_says_more_than_the_largest_bound() {
        Map<String, Long> counters = Map.of("latency_le_50", 1L, "latency_gt_3600000", 1L);

        assertThat(LatencyHistogram.percentile(counters, 0.5)).contains(atMost(50));
        assertThat(LatencyHistogram.percentile(counters, 0.95))
                .contains(new LatencyPercentile(Duration.ofHours(1), true));
    }

    @Test
    void without_latencies_there_is_no_percentile() {
        assertThat(LatencyHistogram.percentile(Map.of("delivered", 3L), 0.5)).isEmpty();
    }

    static LatencyPercentile atMost(long millis) {
        return new LatencyPercentile(Duration.ofMillis(millis), false);
    }
}
