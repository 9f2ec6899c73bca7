package dev.formbridge.delivery;

import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundRefusedException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Turns an outbound HTTP POST into a {@link SendOutcome}: 2xx delivered, 410 gone, 429/503 with Retry-After, others failed. */
final class HttpOutcomes {
    private HttpOutcomes() {}

    static SendOutcome post(OutboundHttp http, URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        long started = System.nanoTime();
        try {
            OutboundHttp.Response response = http.post(url, headers, body, timeout);
            int status = response.status();
            if (status >= 200 && status < 300) {
                return SendOutcome.delivered(status, response.duration());
            }
            if (status == 410) {
                return SendOutcome.gone(response.duration());
            }
            SendOutcome failed = SendOutcome.failed(
                    status,
                    response.duration(),
                    "HTTP " + status + summary(response),
                    false); // an HTTP answer is judged by the connector's retry policy in the worker
            if (status == 429 || status == 503) {
                return failed.withRetryAfter(
                        WebhookSender.retryAfter(response.headers().get("Retry-After"), Clock.systemUTC()));
            }
            return failed;
        } catch (OutboundRefusedException e) {
            return SendOutcome.failed(0, elapsed(started), "refused: " + e.getMessage(), false);
        } catch (IOException e) {
            return SendOutcome.failed(
                    0,
                    elapsed(started),
                    "network: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    true);
        }
    }

    private static String summary(OutboundHttp.Response response) {
        String excerpt = response.bodyExcerpt();
        if (excerpt == null || excerpt.isBlank()) {
            return "";
        }
        String oneLine = excerpt.replaceAll("\\s+", " ").strip();
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
