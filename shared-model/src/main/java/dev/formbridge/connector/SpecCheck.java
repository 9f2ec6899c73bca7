package dev.formbridge.connector;

import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import java.net.URI;

/** Checks what a tenant admin typed for a connector, with the message the portal shows when it is wrong. */
final class SpecCheck {
    private final OutboundPolicy policy;

    SpecCheck(OutboundPolicy policy) {
        this.policy = policy;
    }

    /** Throws {@link IllegalArgumentException} (or the SSRF rules' refusal) saying what is wrong with {@code spec}. */
    void check(Spec spec) {
        if (spec.type() == null) {
            throw new IllegalArgumentException("a connector needs a type");
        }
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 200) {
            throw new IllegalArgumentException("a connector name has 1 to 200 characters");
        }
        if (spec.target() == null || spec.target().isBlank()) {
            throw new IllegalArgumentException(
                    spec.type() == ConnectorType.EMAIL
                            ? "an e-mail connector needs at least one recipient"
                            : "a connector needs a URL");
        }
        if (spec.type() != ConnectorType.EMAIL) {
            URI url;
            try {
                url = URI.create(spec.target().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid URL: " + e.getMessage());
            }
            OutboundHttp.checkUrl(url, policy);
        }
        ConnectorFilter.require(spec.filter());
        String templateProblem = Templates.problem(blankToNull(spec.template()));
        if (templateProblem != null) {
            throw new IllegalArgumentException(templateProblem);
        }
        if (!spec.headers().isEmpty() && spec.type() != ConnectorType.WEBHOOK) {
            throw new IllegalArgumentException("only webhook connectors send custom headers");
        }
        if (spec.timeout() == null || spec.retryPolicy() == null) {
            throw new IllegalArgumentException("a connector needs a timeout and a retry policy");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
