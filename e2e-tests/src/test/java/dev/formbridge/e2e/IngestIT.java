package dev.formbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.e2e.testutils.LocalSystem;
import dev.formbridge.e2e.testutils.LocalSystem.DemoSite;
import dev.formbridge.e2e.testutils.SignedSubmission;
import dev.formbridge.secret.SigningSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A WordPress site sending signed submissions to the running system over HTTP. */
class IngestIT {
    private static LocalSystem system;

    @BeforeAll
    static void startSystem() {
        system = LocalSystem.start();
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void a_submission_signed_with_the_demo_site_secret_is_accepted() {
        DemoSite site = system.demoSite();
        SignedSubmission submission = SignedSubmission.of(
                site.siteKey(), site.secret(), SignedSubmission.contactForm("Ada Lovelace", "ada@example.org"));

        SignedSubmission.Answer answer = submission.sendTo(system.ingestUrl());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).contains("\"status\":\"accepted\"").contains("\"submissionId\":\"sub_");
    }

    @Test
    void the_same_webhook_id_sent_again_returns_the_original_submission() {
        DemoSite site = system.demoSite();
        SignedSubmission submission = SignedSubmission.of(
                site.siteKey(), site.secret(), SignedSubmission.contactForm("Grace Hopper", "grace@example.org"));
        SignedSubmission.Answer first = submission.sendTo(system.ingestUrl());

        SignedSubmission.Answer again = submission.sendTo(system.ingestUrl());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains(submissionId(first.body()));
    }

    @Test
    void a_submission_signed_with_another_secret_is_refused_as_unauthorized() {
        DemoSite site = system.demoSite();
        SignedSubmission forged = SignedSubmission.of(
                        site.siteKey(), site.secret(), SignedSubmission.contactForm("Mallory", "m@example.org"))
                .withSecret(SigningSecret.generate());

        SignedSubmission.Answer answer = forged.sendTo(system.ingestUrl());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"error\":\"unauthorized\"");
    }

    private static String submissionId(String body) {
        return body.replaceAll(".*\"submissionId\":\"([^\"]+)\".*", "$1");
    }
}
