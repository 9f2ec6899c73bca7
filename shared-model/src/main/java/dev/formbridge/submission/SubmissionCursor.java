package dev.formbridge.submission;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.formbridge.Json;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque cursor of a submission listing: the base64url JSON of the query's last evaluated key (table and time-index
 * keys). A cursor comes back from the browser, so decoding checks it is one of ours and belongs to the caller's tenant.
 */
final class SubmissionCursor {
    private static final int MAX_LENGTH = 2048;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final List<String> ATTRIBUTES = List.of(
            TableDefinition.PK,
            TableDefinition.SK,
            TableDefinition.GSI1.partitionKey(),
            TableDefinition.GSI1.sortKey());

    private SubmissionCursor() {}

    static String encode(Map<String, AttributeValue> key) {
        Map<String, String> plain = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            plain.put(attribute, key.get(attribute).s());
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(plain));
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** The start key the cursor stands for; IllegalArgumentException if it is malformed or not the tenant's. */
    static Map<String, AttributeValue> decode(TenantId tenant, String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        Map<String, Object> plain;
        try {
            plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), MAP);
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (plain == null || !plain.keySet().equals(Set.copyOf(ATTRIBUTES))) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            if (!(plain.get(attribute) instanceof String value) || value.isEmpty()) {
                throw invalid();
            }
            key.put(attribute, AttributeValue.fromS(value));
        }
        boolean tenants = key.get(TableDefinition.GSI1.partitionKey()).s().equals(Keys.submissionsByTimePk(tenant))
                && key.get(TableDefinition.PK).s().startsWith(Keys.tenantPrefix(tenant))
                && key.get(TableDefinition.SK).s().equals(Keys.SUBMISSION_SK);
        if (!tenants) {
            throw new IllegalArgumentException("the cursor belongs to another tenant or listing");
        }
        return key;
    }

    /** The position (time-index sort key) a decoded cursor continues from. */
    static String position(Map<String, AttributeValue> key) {
        return key.get(TableDefinition.GSI1.sortKey()).s();
    }

    private static IllegalArgumentException invalid() {
        // never echo the cursor: it came from outside
        return new IllegalArgumentException("the cursor is not valid");
    }
}
