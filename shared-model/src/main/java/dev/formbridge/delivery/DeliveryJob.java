package dev.formbridge.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.formbridge.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queued request to attempt one delivery: ids only (the delivery item holds the state, the submission the payload).
 * {@code notBefore} is when the attempt may run; a queue whose delays are capped (SQS: 15 minutes) hands the job back
 * early and the worker puts it back until then.
 */
public record DeliveryJob(
        String tenantId, String deliveryId, String submissionId, String connectorId, Instant notBefore) {

    public String toJson() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("tenantId", tenantId);
        json.put("deliveryId", deliveryId);
        json.put("submissionId", submissionId);
        json.put("connectorId", connectorId);
        json.put("notBefore", notBefore.toString());
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    public static DeliveryJob fromJson(String text) {
        try {
            JsonNode json = Json.MAPPER.readTree(text);
            return new DeliveryJob(
                    json.path("tenantId").asText(),
                    json.path("deliveryId").asText(),
                    json.path("submissionId").asText(),
                    json.path("connectorId").asText(),
                    Instant.parse(json.path("notBefore").asText()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a delivery job", e);
        }
    }

    public DeliveryJob notBefore(Instant when) {
        return new DeliveryJob(tenantId, deliveryId, submissionId, connectorId, when);
    }
}
