package dev.formbridge.submission;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.formbridge.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The checked form of a submission body: {@code {"formId", "fields", "submittedAt"?, "source"?, ...}}. Field values
 * are strings, numbers, booleans or arrays of those; unknown top-level properties are allowed (the stored payload is
 * the raw body, so they are kept). {@code text} is the body as sent (field values: never in a log line, so not in
 * {@link #toString()}).
 */
public record SubmissionPayload(String formId, int fieldCount, String text) {
    public static final int MAX_FORM_ID = 200;
    public static final int MAX_FIELD_NAME = 200;

    /**
     * One JSON value and nothing after it. Parsed from the decoded text, never from bytes: Jackson would guess UTF-16
     * or UTF-32 from a byte pattern, and the stored text must be exactly the signed bytes read as UTF-8.
     */
    private static final ObjectReader STRICT =
            Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses and checks {@code body}, which must be UTF-8; throws {@link InvalidPayloadException} with a message naming
     * what is wrong. {@link #text} is the body as text, to store.
     */
    public static SubmissionPayload parse(byte[] body) {
        String text = utf8(body).orElseThrow(() -> new InvalidPayloadException(true, "the body is not valid UTF-8"));
        if (text.startsWith("\uFEFF")) {
            // Jackson skips a byte order mark only in bytes; RFC 8259 says senders must not add one
            throw new InvalidPayloadException(
                    true, "the body starts with a byte order mark (BOM): send JSON without one");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JacksonException e) {
            // Jackson's own message names its settings and internals; the sender gets where it stopped
            JsonLocation at = e.getLocation();
            throw new InvalidPayloadException(
                    true,
                    at == null || at.getLineNr() < 1
                            ? "the body is not valid JSON"
                            : "the body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                                    + ")");
        } catch (java.io.IOException e) {
            throw new InvalidPayloadException(true, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        String formId = requireFormId(root.get("formId"));
        JsonNode fields = root.get("fields");
        if (fields == null || !fields.isObject()) {
            throw invalid("fields: required, an object of field name to value");
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            checkField(field.getKey(), field.getValue());
        }
        checkSubmittedAt(root.get("submittedAt"));
        JsonNode source = root.get("source");
        if (source != null && !source.isObject()) {
            throw invalid("source: must be an object");
        }
        return new SubmissionPayload(formId, fields.size(), text);
    }

    @Override
    public String toString() {
        return "SubmissionPayload[formId=" + formId + ", fieldCount=" + fieldCount + ", " + text.length() + " chars]";
    }

    /** {@code body} as text when it is valid UTF-8 (strictly: no replacement characters), else empty. */
    public static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String requireFormId(JsonNode formId) {
        if (formId == null || !formId.isTextual() || formId.asText().isBlank()) {
            throw invalid("formId: required, a non-empty string");
        }
        if (formId.asText().length() > MAX_FORM_ID) {
            throw invalid("formId: at most " + MAX_FORM_ID + " characters");
        }
        return formId.asText();
    }

    private static void checkField(String name, JsonNode value) {
        if (name.isEmpty() || name.length() > MAX_FIELD_NAME) {
            throw invalid("fields: a field name has 1 to " + MAX_FIELD_NAME + " characters");
        }
        if (isScalar(value)) {
            return;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!isScalar(element)) {
                    throw invalid("fields." + name + ": array elements must be strings, numbers or booleans");
                }
            }
            return;
        }
        throw invalid("fields." + name + ": must be a string, number, boolean or an array of those");
    }

    private static void checkSubmittedAt(JsonNode submittedAt) {
        if (submittedAt == null) {
            return;
        }
        try {
            if (!submittedAt.isTextual()) {
                throw new DateTimeParseException("not text", "", 0);
            }
            Instant.parse(submittedAt.asText());
        } catch (DateTimeParseException e) {
            try {
                java.time.OffsetDateTime.parse(submittedAt.asText());
            } catch (DateTimeParseException again) {
                throw invalid("submittedAt: must be an ISO-8601 date-time such as 2026-11-26T10:15:30Z");
            }
        }
    }

    private static boolean isScalar(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }

    private static InvalidPayloadException invalid(String message) {
        return new InvalidPayloadException(false, message);
    }

    /** The body is not JSON ({@code malformedJson}) or does not follow the submission schema. */
    public static final class InvalidPayloadException extends RuntimeException {
        private final boolean malformedJson;

        InvalidPayloadException(boolean malformedJson, String message) {
            super(message, null, false, false);
            this.malformedJson = malformedJson;
        }

        public boolean malformedJson() {
            return malformedJson;
        }
    }
}
