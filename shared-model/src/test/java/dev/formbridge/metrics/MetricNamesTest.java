package dev.formbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.ingest.Rejection;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void the_signature_reasons_are_the_authentication_rejections_other_than_an_unknown_or_disabled_sender() {
        Set<Rejection> notAboutTheSignature =
                Set.of(Rejection.UNKNOWN_SITE, Rejection.SITE_DISABLED, Rejection.TENANT_DISABLED);

        Set<String> authentication = Arrays.stream(Rejection.values())
                .filter(r -> r.status() == 401 && !notAboutTheSignature.contains(r))
                .map(Rejection::reason)
                .collect(Collectors.toSet());

        assertThat(MetricNames.SIGNATURE_REASONS).isEqualTo(authentication);
    }

    @Test
    void a_rejection_counter_names_its_reason() {
        String counter = MetricNames.rejected("bad_signature");

        assertThat(counter).isEqualTo("rejected_bad_signature");
        assertThat(MetricNames.isRejected(counter)).isTrue();
        assertThat(MetricNames.reason(counter)).isEqualTo("bad_signature");
        assertThat(MetricNames.isRejected(MetricNames.ACCEPTED)).isFalse();
    }
}
