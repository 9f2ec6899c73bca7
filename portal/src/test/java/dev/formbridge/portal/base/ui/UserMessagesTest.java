package dev.formbridge.portal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import dev.formbridge.connector.ConnectorService;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.outbound.OutboundRefusedException;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.team.Role;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.testutils.StoredSubmissions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refusal written for the user shows its message; an unexpected failure shows a generic text and nothing of it. */
class UserMessagesTest {
    private static final String OWNER = "owner@a.example";

    private PortalServices portal;
    private Tenant tenant;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys);
        portal.signIn(OWNER);
        tenant = portal.teamAdmin.createOrganisation("Organisation A");
    }

    @AfterEach
    void signOut() {
        portal.signOut();
    }

    @Test
    void replaying_a_delivery_that_is_still_pending_says_so() {
        var site =
                portal.siteAdmin.register("Shop", "https://a.example").result().site();
        var submission = new StoredSubmissions(portal.storage)
                .store(tenant.id(), site.id(), "contact", SubmissionStatus.ACCEPTED, portal.clock.instant());
        var connector = portal.connectorAdmin
                .create(ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook"))
                .result()
                .connector();
        portal.deliveries.createIfAbsent(Delivery.create(
                tenant.id(),
                submission.id(),
                site.id(),
                submission.webhookId(),
                connector.id(),
                portal.clock.instant(),
                portal.clock.instant().plus(Duration.ofDays(30))));

        RuntimeException refused =
                catchRuntimeException(() -> portal.deliveryAdmin.replay(submission.id(), connector.id()));

        assertThat(Ui.messageFor(refused)).contains("still pending");
    }

    @Test
    void revoking_an_invitation_that_was_accepted_says_to_remove_the_member_instead() {
        var invitation = portal.teamAdmin.invite("carol@a.example", Role.VIEWER);
        portal.signIn("carol@a.example");
        portal.teamAdmin.accept(invitation.token());
        portal.signIn(OWNER);

        RuntimeException refused = catchRuntimeException(
                () -> portal.teamAdmin.revokeInvitation(invitation.invitation().id()));

        assertThat(Ui.messageFor(refused)).contains("remove the member instead");
    }

    @Test
    void a_refused_delivery_url_says_why() {
        assertThat(Ui.messageFor(new OutboundRefusedException("https is required; the URL uses http")))
                .isEqualTo("https is required; the URL uses http");
    }

    @Test
    void an_unexpected_failure_shows_a_generic_text_and_nothing_of_its_message() {
        assertThat(Ui.messageFor(new IllegalStateException("stored connector headers are always a JSON object")))
                .startsWith("Something went wrong")
                .doesNotContain("headers");
        assertThat(Ui.messageFor(new NullPointerException("x is null"))).startsWith("Something went wrong");
    }
}
