package dev.formbridge.event;

/**
 * The one source of the platform's event names and rule patterns. The CDK app puts these patterns on EventBridge
 * rules; the local runtime evaluates the same strings with AWS event-ruler, EventBridge's own matching engine.
 */
public final class EventContract {
    /** Environment variable naming the bus (set by the CDK app). */
    public static final String BUS_ENV = "FORMBRIDGE_EVENT_BUS";

    public static final String DEFAULT_BUS = "formbridge";
    public static final String SOURCE_INGEST = "formbridge.ingest";
    public static final String SUBMISSION_ACCEPTED = "SubmissionAccepted";

    /** Rule that feeds the router: every accepted submission. */
    public static final String SUBMISSION_ACCEPTED_PATTERN =
            "{\"source\":[\"" + SOURCE_INGEST + "\"],\"detail-type\":[\"" + SUBMISSION_ACCEPTED + "\"]}";

    /** The rule name for {@link #SUBMISSION_ACCEPTED_PATTERN}. */
    public static final String ROUTER_RULE = "submission-accepted-to-router";

    private EventContract() {}

    public static String busFromEnvironment() {
        String bus = System.getenv(BUS_ENV);
        return bus == null || bus.isBlank() ? DEFAULT_BUS : bus;
    }
}
