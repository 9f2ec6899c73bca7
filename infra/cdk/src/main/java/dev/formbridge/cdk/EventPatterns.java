package dev.formbridge.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.formbridge.Json;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.EventPattern;

/**
 * Turns an EventBridge pattern written as JSON (as {@code EventContract} holds them for the local event-ruler bus)
 * into CDK's {@link EventPattern}, so a rule in AWS matches exactly what the local bus matches. Top-level fields must
 * be lists of strings; {@code detail} may be any pattern object. Anything else fails synth.
 */
final class EventPatterns {
    private EventPatterns() {}

    static EventPattern fromJson(String json) {
        Map<String, Object> pattern = parse(json);
        EventPattern.Builder builder = EventPattern.builder();
        pattern.forEach((field, value) -> {
            switch (field) {
                case "source" -> builder.source(strings(field, value));
                case "detail-type" -> builder.detailType(strings(field, value));
                case "account" -> builder.account(strings(field, value));
                case "region" -> builder.region(strings(field, value));
                case "resources" -> builder.resources(strings(field, value));
                case "detail" -> builder.detail(object(field, value));
                default -> throw new IllegalArgumentException("unsupported pattern field " + field + " in " + json);
            }
        });
        return builder.build();
    }

    static Map<String, Object> parse(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON event pattern: " + json, e);
        }
    }

    private static List<String> strings(String field, Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException(field + " must be a list of strings, got " + value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(field + " must be an object, got " + value);
    }
}
