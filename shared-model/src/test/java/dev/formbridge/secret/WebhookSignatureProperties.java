package dev.formbridge.secret;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Any change to id, timestamp, body or key makes verification fail; no change keeps it passing. */
class WebhookSignatureProperties {

    @Property
    void an_unchanged_message_verifies(
            @ForAll("keys") byte[] key,
            @ForAll @StringLength(min = 1, max = 64) String id,
            @ForAll long timestamp,
            @ForAll @Size(max = 512) byte[] body) {
        SigningSecret secret = SigningSecret.fromKey(key);
        String signature = WebhookSignature.sign(secret, id, timestamp, body);
        assertThat(WebhookSignature.verify(secret, signature, id, timestamp, body))
                .isTrue();
    }

    @Property
    void a_changed_id_fails(
            @ForAll("keys") byte[] key,
            @ForAll @StringLength(min = 1, max = 64) String id,
            @ForAll @StringLength(min = 1, max = 64) String otherId,
            @ForAll long timestamp,
            @ForAll byte[] body) {
        if (id.equals(otherId)) {
            return;
        }
        SigningSecret secret = SigningSecret.fromKey(key);
        String signature = WebhookSignature.sign(secret, id, timestamp, body);
        assertThat(WebhookSignature.verify(secret, signature, otherId, timestamp, body))
                .isFalse();
    }

    @Property
    void a_changed_timestamp_fails(
            @ForAll("keys") byte[] key,
            @ForAll long timestamp,
            @ForAll @IntRange(min = 1) int delta,
            @ForAll byte[] body) {
        SigningSecret secret = SigningSecret.fromKey(key);
        String signature = WebhookSignature.sign(secret, "msg_1", timestamp, body);
        assertThat(WebhookSignature.verify(secret, signature, "msg_1", timestamp + delta, body))
                .isFalse();
    }

    @Property
    void a_changed_body_byte_fails(
            @ForAll("keys") byte[] key,
            @ForAll @Size(min = 1, max = 512) byte[] body,
            @ForAll @IntRange(min = 0, max = 511) int position,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        SigningSecret secret = SigningSecret.fromKey(key);
        String signature = WebhookSignature.sign(secret, "msg_1", 1L, body);
        byte[] changed = body.clone();
        changed[position % body.length] ^= (byte) flip;
        assertThat(WebhookSignature.verify(secret, signature, "msg_1", 1L, changed))
                .isFalse();
    }

    @Property
    void an_appended_or_dropped_body_byte_fails(
            @ForAll("keys") byte[] key, @ForAll @Size(min = 1, max = 512) byte[] body) {
        SigningSecret secret = SigningSecret.fromKey(key);
        String signature = WebhookSignature.sign(secret, "msg_1", 1L, body);
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
        byte[] shorter = java.util.Arrays.copyOf(body, body.length - 1);
        assertThat(WebhookSignature.verify(secret, signature, "msg_1", 1L, longer))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, signature, "msg_1", 1L, shorter))
                .isFalse();
    }

    @Property
    void a_different_key_fails(@ForAll("keys") byte[] key, @ForAll("keys") byte[] otherKey, @ForAll byte[] body) {
        if (java.util.Arrays.equals(key, otherKey)) {
            return;
        }
        String signature = WebhookSignature.sign(SigningSecret.fromKey(key), "msg_1", 1L, body);
        assertThat(WebhookSignature.verify(SigningSecret.fromKey(otherKey), signature, "msg_1", 1L, body))
                .isFalse();
    }

    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(24).ofMaxSize(64);
    }
}
