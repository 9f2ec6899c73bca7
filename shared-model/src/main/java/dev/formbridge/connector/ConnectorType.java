package dev.formbridge.connector;

/** The kinds of destination a connector delivers to. */
public enum ConnectorType {
    /** A JSON POST signed with Standard Webhooks headers. */
    WEBHOOK,
    /** A Slack incoming-webhook message. */
    SLACK,
    /** An e-mail with text and HTML bodies. */
    EMAIL
}
