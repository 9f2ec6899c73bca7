package dev.formbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.formbridge.Json;
import dev.formbridge.ingest.IngestResult;
import dev.formbridge.ingest.IngestResult.Accepted;
import dev.formbridge.ingest.IngestResult.Duplicate;
import dev.formbridge.ingest.IngestResult.Refused;
import dev.formbridge.ingest.Rejection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps ingest results to HTTP answers exactly as the protocol's contract table says. */
final class HttpAnswers {
    private HttpAnswers() {}

    static APIGatewayV2HTTPResponse of(IngestResult result) {
        return switch (result) {
            case Accepted a -> json(202, submission(a.submissionId().value(), "accepted"), 0);
            case Duplicate d -> json(200, submission(d.submissionId().value(), "duplicate"), 0);
            case Refused r -> error(r.rejection(), r.message(), r.retryAfterSeconds());
        };
    }

    private static Map<String, String> submission(String id, String status) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("submissionId", id);
        body.put("status", status);
        return body;
    }

    static APIGatewayV2HTTPResponse error(Rejection rejection, String message, long retryAfterSeconds) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", rejection.code());
        body.put("message", message);
        return json(rejection.status(), body, retryAfterSeconds);
    }

    private static APIGatewayV2HTTPResponse json(int status, Map<String, String> body, long retryAfterSeconds) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        if (retryAfterSeconds > 0) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(headers)
                    .withBody(Json.MAPPER.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
