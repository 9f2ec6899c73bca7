package dev.formbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.ingest.SignatureTroubleshooter.Diagnosis;
import dev.formbridge.ingest.SignatureTroubleshooter.Finding;
import dev.formbridge.ingest.SignatureTroubleshooter.Request;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureTroubleshooterTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String KEY = "fbk_mine";
    private final SigningSecret secret = SigningSecret.generate();
    private final Map<String, List<SigningSecret>> sites = Map.of(KEY, List.of(secret));
    private final SignatureTroubleshooter troubleshooter = new SignatureTroubleshooter(Duration.ofSeconds(300));

    private Diagnosis diagnose(Request request) {
        return troubleshooter.diagnose(request, key -> Optional.ofNullable(sites.get(key)), NOW);
    }

    private String sign(String body, long timestamp) {
        return WebhookSignature.sign(secret, "msg_1", timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_correct_request_passes_every_check() {
        String body = "{\"formId\":\"contact\",\"fields\":{}}";
        long ts = NOW.getEpochSecond();
        Diagnosis diagnosis = diagnose(new Request(KEY, "msg_1", String.valueOf(ts), sign(body, ts), body));
        assertThat(diagnosis.passes()).isTrue();
    }

    @Test
    void missing_headers_are_named() {
        Diagnosis diagnosis = diagnose(new Request(KEY, null, "1", "", "{}"));
        assertThat(diagnosis.finding()).isEqualTo(Finding.MISSING_HEADER);
        assertThat(diagnosis.message())
                .contains("webhook-id", "webhook-signature")
                .doesNotContain("webhook-timestamp");
    }

    @Test
    void a_webhook_id_ingest_would_refuse_is_named_even_when_the_signature_over_it_matches() {
        long ts = NOW.getEpochSecond();
        String body = "{}";
        for (String id : List.of("msg 1", "x".repeat(201))) {
            String signature = WebhookSignature.sign(secret, id, ts, body.getBytes(StandardCharsets.UTF_8));
            Diagnosis diagnosis = diagnose(new Request(KEY, id, String.valueOf(ts), signature, body));
            assertThat(diagnosis.finding()).as(id).isEqualTo(Finding.INVALID_WEBHOOK_ID);
            assertThat(diagnosis.passes()).isFalse();
        }
    }

    @Test
    void a_key_the_tenant_does_not_own_is_unknown() {
        long ts = NOW.getEpochSecond();
        Diagnosis diagnosis = diagnose(new Request("fbk_other", "msg_1", String.valueOf(ts), sign("{}", ts), "{}"));
        assertThat(diagnosis.finding()).isEqualTo(Finding.UNKNOWN_SITE_KEY);
    }

    @Test
    void timestamp_skew_is_reported_with_its_size_and_direction() {
        long ts = NOW.getEpochSecond() - 421;
        Diagnosis diagnosis = diagnose(new Request(KEY, "msg_1", String.valueOf(ts), sign("{}", ts), "{}"));
        assertThat(diagnosis.finding()).isEqualTo(Finding.TIMESTAMP_SKEW);
        assertThat(diagnosis.message()).contains("421 s in the past", "±300 s");
    }

    @Test
    void a_body_signed_before_re_serialisation_gets_the_re_serialised_hint() {
        String signedBody = "{\"formId\":\"contact\",\"fields\":{\"name\":\"Ada\"}}";
        String sentBody = "{\n  \"formId\" : \"contact\",\n  \"fields\" : {\n    \"name\" : \"Ada\"\n  }\n}";
        long ts = NOW.getEpochSecond();
        Diagnosis diagnosis = diagnose(new Request(KEY, "msg_1", String.valueOf(ts), sign(signedBody, ts), sentBody));
        assertThat(diagnosis.finding()).isEqualTo(Finding.BODY_RE_SERIALISED);
    }

    @Test
    void a_wrong_secret_is_a_plain_mismatch_and_no_secret_or_signature_is_revealed() {
        long ts = NOW.getEpochSecond();
        String wrong = WebhookSignature.sign(SigningSecret.generate(), "msg_1", ts, "{}".getBytes());
        Diagnosis diagnosis = diagnose(new Request(KEY, "msg_1", String.valueOf(ts), wrong, "{}"));
        assertThat(diagnosis.finding()).isEqualTo(Finding.SIGNATURE_MISMATCH);
        assertThat(diagnosis.message())
                .doesNotContain(secret.reveal())
                .doesNotContain(sign("{}", ts).substring(3));
    }

    @Test
    void a_timestamp_that_is_not_a_number_is_explained() {
        Diagnosis diagnosis = diagnose(new Request(KEY, "msg_1", "2026-11-26T12:00:00Z", "v1,abc", "{}"));
        assertThat(diagnosis.finding()).isEqualTo(Finding.INVALID_TIMESTAMP);
    }
}
