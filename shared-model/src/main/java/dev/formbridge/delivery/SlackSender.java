package dev.formbridge.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.formbridge.Json;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.Templates;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.submission.Submission;
import java.net.URI;
import java.util.Map;

/** Delivers to a Slack incoming webhook: {@code {"text": <the rendered template>}}. */
public final class SlackSender implements ConnectorSender {
    private final OutboundHttp http;

    public SlackSender(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public SendOutcome send(Connector connector, Delivery delivery, Submission submission) {
        String template = connector.template() == null ? Templates.DEFAULT_SLACK : connector.template();
        String text = Templates.text(template, submission, delivery.id().value());
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(Map.of("text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
        return HttpOutcomes.post(
                http,
                URI.create(connector.target()),
                Map.of("Content-Type", "application/json; charset=utf-8"),
                body,
                connector.timeout());
    }
}
