package dev.formbridge.testutils;

import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Stores submissions straight through the repository, with the site, form, status and time a test needs. */
public final class StoredSubmissions {
    private final SubmissionRepository repository;

    public StoredSubmissions(Storage storage) {
        this.repository = new SubmissionRepository(storage);
    }

    public Submission store(TenantId tenant, SiteId site, String formId, SubmissionStatus status, Instant at) {
        return store(tenant, site, formId, status, at, "{\"email\":\"someone@example.org\"}");
    }

    /** Stores a submission whose payload has the given {@code fields} JSON object. */
    public Submission store(
            TenantId tenant, SiteId site, String formId, SubmissionStatus status, Instant at, String fieldsJson) {
        Submission submission = of(tenant, site, formId, status, at, fieldsJson);
        if (!repository.insertIfAbsent(submission)) {
            throw new IllegalStateException("a fresh webhook-id is never a duplicate");
        }
        return submission;
    }

    /** The same submission without storing it (for renderers and senders), kept 30 days. */
    public static Submission of(
            TenantId tenant, SiteId site, String formId, SubmissionStatus status, Instant at, String fieldsJson) {
        String payload = "{\"formId\":" + quoted(formId) + ",\"fields\":" + fieldsJson + "}";
        return new Submission(
                tenant,
                site,
                SubmissionId.receivedAt(at),
                "msg_" + UUID.randomUUID(),
                formId,
                payload,
                payload.getBytes(StandardCharsets.UTF_8).length,
                at,
                status,
                at.plus(Duration.ofDays(30)));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
