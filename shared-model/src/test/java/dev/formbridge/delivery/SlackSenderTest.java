package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.Json;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.connector.RetryPolicy;
import dev.formbridge.connector.Revision;
import dev.formbridge.site.SiteId;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.StoredSubmissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Slack connector posts: submitted values cannot ping a channel or disguise a link. */
class SlackSenderTest {
    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    static final String HOSTILE = "<!channel> <https://evil.example|Reset your password> & more";

    final TenantId tenant = TenantId.next();

    Connector slack(String template) {
        return new Connector(
                tenant,
                ConnectorId.next(),
                ConnectorType.SLACK,
                "Slack",
                true,
                null,
                null,
                template,
                "https://hooks.slack.com/services/T0/B0/secret",
                List.of(),
                null,
                Connector.DEFAULT_TIMEOUT,
                RetryPolicy.defaults(),
                AT,
                0,
                Revision.first("alice", AT));
    }

    Submission submission(String fieldsJson) {
        return StoredSubmissions.of(tenant, SiteId.next(), "contact", SubmissionStatus.ACCEPTED, AT, fieldsJson);
    }

    String postedText(Connector connector, Submission submission) throws Exception {
        DeliveryRequest.Http post =
                (DeliveryRequest.Http) new SlackSender(null).request(connector, "dlv_1", submission);
        return Json.MAPPER.readTree(post.body()).path("text").asText();
    }

    @Test
    void a_submitted_value_cannot_ping_the_channel_or_show_a_disguised_link() throws Exception {
        String text = postedText(slack(null), submission(Json.MAPPER.writeValueAsString(Map.of("message", HOSTILE))));

        assertThat(text)
                .isEqualTo("New submission of form *contact*\n• message: &lt;!channel&gt; "
                        + "&lt;https://evil.example|Reset your password&gt; &amp; more\n");
    }

    @Test
    void the_template_s_own_markup_stays_and_a_triple_mustache_value_is_raw() throws Exception {
        String text = postedText(
                slack("<!here> {{field.message}} | {{{field.message}}}"),
                submission(Json.MAPPER.writeValueAsString(Map.of("message", HOSTILE))));

        assertThat(text)
                .isEqualTo("<!here> &lt;!channel&gt; &lt;https://evil.example|Reset your password&gt; &amp; more | "
                        + HOSTILE);
    }
}
