package dev.formbridge.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // the Standard Webhooks test vector (DESIGN §4.1)
    static final SigningSecret SECRET = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void the_standard_webhooks_vector_signs_to_the_published_signature() {
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void the_standard_webhooks_vector_verifies() {
        assertThat(WebhookSignature.verify(SECRET, EXPECTED, ID, TIMESTAMP, BODY))
                .isTrue();
    }

    @Test
    void the_vector_with_its_last_character_changed_fails() {
        String tampered = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";
        assertThat(WebhookSignature.verify(SECRET, tampered, ID, TIMESTAMP, BODY))
                .isFalse();
    }

    @Test
    void a_header_with_several_signatures_passes_when_any_one_is_valid() {
        String header = "v1,bm90IHRoZSByaWdodCBvbmU= v2,ignored " + EXPECTED + " v1,!!notbase64";
        assertThat(WebhookSignature.verify(SECRET, header, ID, TIMESTAMP, BODY)).isTrue();
    }

    @Test
    void a_header_of_only_wrong_or_malformed_entries_fails() {
        assertThat(WebhookSignature.verify(SECRET, "v1,bm90IHJpZ2h0 v1, v1,%%%", ID, TIMESTAMP, BODY))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "", ID, TIMESTAMP, BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, ID, TIMESTAMP, BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, EXPECTED.replace("v1,", "v2,"), ID, TIMESTAMP, BODY))
                .isFalse();
    }

    @Test
    void verify_any_names_which_secret_signed() {
        SigningSecret other = SigningSecret.generate();
        String signedByOther = WebhookSignature.sign(other, ID, TIMESTAMP, BODY);
        assertThat(WebhookSignature.verifyAny(List.of(SECRET, other), signedByOther, ID, TIMESTAMP, BODY))
                .contains(1);
        assertThat(WebhookSignature.verifyAny(List.of(SECRET, other), EXPECTED, ID, TIMESTAMP, BODY))
                .contains(0);
    }

    @Test
    void a_secret_without_the_whsec_prefix_is_rejected_with_a_clear_message() {
        assertThatThrownBy(() -> SigningSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(SigningSecret.InvalidSecretException.class)
                .hasMessageContaining("starts with \"whsec_\"");
    }

    @Test
    void a_secret_that_is_not_base64_is_rejected_without_echoing_it() {
        assertThatThrownBy(() -> SigningSecret.parse("whsec_not*base64*secret"))
                .isInstanceOf(SigningSecret.InvalidSecretException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not*base64*secret");
    }

    @Test
    void secrets_shorter_than_24_or_longer_than_64_bytes_are_rejected() {
        String short23 = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);
        String long65 = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);
        assertThatThrownBy(() -> SigningSecret.parse(short23)).hasMessageContaining("this one holds 23");
        assertThatThrownBy(() -> SigningSecret.parse(long65)).hasMessageContaining("this one holds 65");
        assertThat(SigningSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[24]))
                        .key())
                .hasSize(24);
        assertThat(SigningSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[64]))
                        .key())
                .hasSize(64);
    }

    @Test
    void a_generated_secret_round_trips_through_its_text_form_and_never_prints_itself() {
        SigningSecret secret = SigningSecret.generate();
        assertThat(SigningSecret.parse(secret.reveal())).isEqualTo(secret);
        assertThat(secret.toString()).doesNotContain(secret.reveal().substring(6));
        assertThat(secret.key()).hasSize(32);
    }
}
