package dev.formbridge.delivery;

import dev.formbridge.delivery.Mailer.MailMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a sender sends for one delivery, built before anything goes out ({@link RequestSender#request}), so a worker
 * sends it and a dry run shows it from the same builder. {@link #preview()} is the request as the portal may show it:
 * credentials masked.
 */
public sealed interface DeliveryRequest {
    /** What the portal shows in place of a credential. */
    String MASK = "••••••";

    /** The request with credentials masked: secret headers, the secret path of a Slack URL, query values. */
    RequestPreview preview();

    /**
     * {@code url} as the portal may show it (in a dry run, in the audit log): every query value masked, since it is
     * often a token, and with {@code secretPath} the path after its first segment (Slack incoming webhooks).
     */
    static String maskedUrl(URI url, boolean secretPath) {
        String shown = url.getScheme() + "://" + url.getRawAuthority();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (secretPath && path.length() > 1) {
            int second = path.indexOf('/', 1);
            shown += (second < 0 ? "/" : path.substring(0, second + 1)) + MASK;
        } else {
            shown += path;
        }
        if (url.getRawQuery() != null) {
            shown += "?"
                    + java.util.Arrays.stream(url.getRawQuery().split("&"))
                            .map(pair -> pair.contains("=") ? pair.substring(0, pair.indexOf('=') + 1) + MASK : pair)
                            .collect(Collectors.joining("&"));
        }
        return shown;
    }

    /**
     * An HTTP POST. {@code secretHeaders}: headers whose values are credentials (auth and custom headers, the
     * signature); {@code secretPath}: the URL's path is itself a credential (Slack incoming webhooks).
     */
    record Http(
            URI url,
            Map<String, String> headers,
            byte[] body,
            Duration timeout,
            Set<String> secretHeaders,
            boolean secretPath)
            implements DeliveryRequest {
        private static final Pattern AUTH_SCHEME = Pattern.compile("^(Bearer|Basic|Token|Digest|Bot) .*$");

        public Http {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            secretHeaders =
                    secretHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public RequestPreview preview() {
            Map<String, String> shown = new LinkedHashMap<>();
            headers.forEach((name, value) ->
                    shown.put(name, secretHeaders.contains(name.toLowerCase(Locale.ROOT)) ? mask(name, value) : value));
            return new RequestPreview(
                    "POST",
                    DeliveryRequest.maskedUrl(url, secretPath),
                    shown,
                    new String(body, StandardCharsets.UTF_8),
                    null);
        }

        private static String mask(String name, String value) {
            if (name.equalsIgnoreCase("webhook-signature")) {
                return java.util.Arrays.stream(value.split(" "))
                        .map(entry -> entry.substring(0, entry.indexOf(',') + 1) + MASK)
                        .collect(Collectors.joining(" "));
            }
            var scheme = AUTH_SCHEME.matcher(value);
            return scheme.matches() ? scheme.group(1) + " " + MASK : MASK;
        }
    }

    /** An e-mail; nothing in it is a credential (recipients and bodies are shown as they would be sent). */
    record Mail(MailMessage message) implements DeliveryRequest {
        @Override
        public RequestPreview preview() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("From", message.from());
            headers.put("To", String.join(", ", message.to()));
            headers.put("Subject", message.subject());
            return new RequestPreview(
                    "EMAIL", String.join(", ", message.to()), headers, message.text(), message.html());
        }
    }
}
