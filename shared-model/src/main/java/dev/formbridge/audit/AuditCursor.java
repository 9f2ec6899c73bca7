package dev.formbridge.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.formbridge.Json;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque cursor of an audit listing: the position (DynamoDB's LastEvaluatedKey) as base64url JSON. It is not
 * secret, but a decoded cursor must name the listing's own index partition: a cursor of another tenant or day is
 * refused rather than handed to DynamoDB.
 */
final class AuditCursor {
    private static final TypeReference<Map<String, String>> KEY = new TypeReference<>() {};

    private AuditCursor() {}

    static String encode(AuditListing listing, Map<String, AttributeValue> item) {
        Map<String, String> key = new TreeMap<>();
        for (String name : listing.keyNames()) {
            key.put(name, item.get(name).s());
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(key));
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** The position a cursor names; throws {@link IllegalArgumentException} for a malformed or foreign cursor. */
    static Map<String, AttributeValue> decode(AuditListing listing, String cursor) {
        Map<String, String> key;
        try {
            key = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), KEY);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("not an audit cursor");
        }
        if (key == null
                || !key.keySet().equals(Set.copyOf(listing.keyNames()))
                || key.containsValue(null)
                || !listing.partition().equals(key.get(listing.index().partitionKey()))) {
            throw new IllegalArgumentException("the cursor belongs to another audit listing");
        }
        Map<String, AttributeValue> start = new HashMap<>();
        key.forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
        return start;
    }
}
