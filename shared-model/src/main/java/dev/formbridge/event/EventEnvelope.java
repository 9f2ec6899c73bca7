package dev.formbridge.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A platform event in EventBridge's shape: source, detail-type and a JSON detail. */
public record EventEnvelope(String source, String detailType, String detail, Instant time) {

    /** Roughly what EventBridge counts against its 256 KB entry limit. */
    public int sizeBytes() {
        return source.length() + detailType.length() + detail.getBytes(StandardCharsets.UTF_8).length + 64;
    }
}
