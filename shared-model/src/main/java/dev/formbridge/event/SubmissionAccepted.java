package dev.formbridge.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.formbridge.Json;
import dev.formbridge.submission.Submission;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published when a submission is stored: a claim check with ids and a small summary, never the payload (events are
 * capped at 256 KB and the payload is personal data). Consumers read the submission from storage with
 * {@code tenantId}, {@code siteId} and {@code webhookId} (its key) or {@code submissionId}.
 */
public record SubmissionAccepted(
        String tenantId,
        String siteId,
        String submissionId,
        String webhookId,
        String formId,
        Instant receivedAt,
        int sizeBytes) {

    public static SubmissionAccepted of(Submission s) {
        return new SubmissionAccepted(
                s.tenantId().value(),
                s.siteId().value(),
                s.id().value(),
                s.webhookId(),
                s.formId(),
                s.receivedAt(),
                s.sizeBytes());
    }

    /** The event as it travels on the bus (EventBridge or the local bus). */
    public EventEnvelope toEnvelope() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tenantId", tenantId);
        detail.put("siteId", siteId);
        detail.put("submissionId", submissionId);
        detail.put("webhookId", webhookId);
        detail.put("formId", formId);
        detail.put("receivedAt", receivedAt.toString());
        detail.put("sizeBytes", sizeBytes);
        try {
            return new EventEnvelope(
                    EventContract.SOURCE_INGEST,
                    EventContract.SUBMISSION_ACCEPTED,
                    Json.MAPPER.writeValueAsString(detail),
                    receivedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    public static SubmissionAccepted fromDetail(String detailJson) {
        try {
            return fromDetail(Json.MAPPER.readTree(detailJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a SubmissionAccepted detail", e);
        }
    }

    /** The same, from a detail already read as a tree (the router's event arrives parsed). */
    public static SubmissionAccepted fromDetail(JsonNode d) {
        return new SubmissionAccepted(
                d.path("tenantId").asText(),
                d.path("siteId").asText(),
                d.path("submissionId").asText(),
                d.path("webhookId").asText(),
                d.path("formId").asText(),
                Instant.parse(d.path("receivedAt").asText()),
                d.path("sizeBytes").asInt());
    }
}
