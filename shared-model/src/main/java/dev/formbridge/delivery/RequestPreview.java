package dev.formbridge.delivery;

import java.util.Map;

/**
 * A request as the portal shows it in a dry run: {@code method} ({@code POST}, or {@code EMAIL}), {@code target}
 * (the URL, or the recipients), {@code headers} in the order sent, with credentials masked, {@code body} (the JSON, or
 * the text of an e-mail) and {@code htmlBody} (e-mail only, else null).
 */
public record RequestPreview(String method, String target, Map<String, String> headers, String body, String htmlBody) {
    public RequestPreview {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
