package dev.formbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.samskivert.mustache.MustacheException;
import dev.formbridge.site.SiteId;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.StoredSubmissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a template may be when a connector is saved, and how values are escaped for each destination. */
class TemplatesTest {
    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    static Submission submission(String fieldsJson) {
        return StoredSubmissions.of(
                TenantId.next(), SiteId.next(), "contact", SubmissionStatus.ACCEPTED, AT, fieldsJson);
    }

    @Test
    void a_template_with_a_partial_is_refused_when_saved_because_it_compiles_but_cannot_render() {
        assertThat(Templates.problem("{\"a\":\"{{>x}}\"}"))
                .isEqualTo("invalid template: partials ({{>name}}) are not supported: remove {{>x}}");
    }

    @Test
    void a_partial_in_a_section_a_sample_submission_would_not_enter_is_refused_too() {
        // a submission without fields renders the inverted section; the sample has fields
        assertThat(Templates.problem("{{^fields}}{{>none}}{{/fields}}"))
                .isEqualTo("invalid template: partials ({{>name}}) are not supported: remove {{>none}}");
        assertThat(Templates.problem("{{<layout}}{{/layout}}"))
                .isEqualTo("invalid template: partials ({{>name}}) are not supported: remove {{<layout}}");
    }

    @Test
    void the_defaults_and_templates_using_every_variable_are_accepted() {
        assertThat(Templates.problem(Templates.DEFAULT_SLACK)).isNull();
        assertThat(Templates.problem(Templates.DEFAULT_EMAIL_HTML)).isNull();
        assertThat(Templates.problem("{\"f\":\"{{formId}}\",\"e\":\"{{field.email}}\",\"s\":\"{{source.url}}\","
                        + "\"all\":\"{{#fields}}{{name}}={{value}};{{/fields}}\",\"id\":\"{{deliveryId}}\"}"))
                .isNull();
        assertThat(Templates.problem("{{#fields}}{{name}}")).startsWith("invalid template: ");
    }

    @Test
    void rendering_a_stored_template_with_a_partial_fails_with_a_message_for_the_admin() {
        assertThatThrownBy(() -> Templates.webhookBody("{\"a\":\"{{>x}}\"}", submission("{}"), "dlv_1"))
                .isInstanceOf(MustacheException.class)
                .hasMessage("partials ({{>name}}) are not supported: remove {{>x}}");
    }

    @Test
    void slack_values_are_escaped_and_other_outputs_keep_their_own_escaping() {
        Submission hostile = submission("{\"m\":\"<!channel> & <b>\"}");

        assertThat(Templates.slack("{{field.m}}", hostile, "dlv_1")).isEqualTo("&lt;!channel&gt; &amp; &lt;b&gt;");
        assertThat(Templates.text("{{field.m}}", hostile, "dlv_1")).isEqualTo("<!channel> & <b>");
        assertThat(Templates.html("{{field.m}}", hostile, "dlv_1")).isEqualTo("&lt;!channel&gt; &amp; &lt;b&gt;");
    }
}
