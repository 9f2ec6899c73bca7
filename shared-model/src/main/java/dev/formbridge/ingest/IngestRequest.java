package dev.formbridge.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * A request as ingest sees it, whatever carried it (API Gateway, the local HTTP server): headers by case-insensitive
 * name, the raw body bytes (already base64-decoded if the gateway encoded them), and the site the authorizer resolved.
 */
public record IngestRequest(String tenantId, String siteId, Map<String, String> headers, byte[] body) {
    public static final String SITE_HEADER = "x-formbridge-site";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String CONTENT_TYPE_HEADER = "content-type";

    public IngestRequest {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = byName;
    }

    public String header(String name) {
        return headers.get(name);
    }
}
