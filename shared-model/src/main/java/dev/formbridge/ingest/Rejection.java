package dev.formbridge.ingest;

/**
 * Why ingest refused a request, with the answer the sender gets. All authentication failures share one public code
 * and message so a caller cannot probe which check failed; the specific reason goes only to logs, metrics and the
 * tenant's security events.
 */
public enum Rejection {
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Content-Type must be application/json."),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "The body exceeds 262144 bytes (256 KiB)."),
    INVALID_JSON(400, "invalid_json", "The body is not valid JSON."),
    INVALID_SUBMISSION(400, "invalid_submission", "The body does not follow the submission schema."),
    UNKNOWN_SITE(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    SITE_DISABLED(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    TENANT_DISABLED(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    MISSING_SIGNATURE(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    INVALID_TIMESTAMP(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    STALE_TIMESTAMP(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    FUTURE_TIMESTAMP(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    BAD_SIGNATURE(401, Rejection.UNAUTHORIZED, Rejection.UNAUTHORIZED_MESSAGE),
    RATE_LIMITED(429, "rate_limited", "Too many requests; retry after the time in Retry-After."),
    UNAVAILABLE(503, "unavailable", "Temporarily unavailable; retry with the same webhook-id after Retry-After.");

    static final String UNAUTHORIZED = "unauthorized";
    static final String UNAUTHORIZED_MESSAGE = "The request could not be authenticated.";

    private final int status;
    private final String code;
    private final String message;

    Rejection(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    /** The public error code in the response body. */
    public String code() {
        return code;
    }

    /** The public default message in the response body. */
    public String message() {
        return message;
    }

    /** The reason as counted and logged, e.g. {@code bad_signature}. */
    public String reason() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Authentication failures and rate-limit hits are security events for the tenant's audit log. */
    public boolean isSecurityEvent() {
        return status == 401 || status == 429;
    }
}
