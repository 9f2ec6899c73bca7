package dev.formbridge.portal.submission.ui;

import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.formbridge.portal.submission.SubmissionAdminService;
import dev.formbridge.submission.SubmissionQuery;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The submissions view's CSV export. Vaadin runs a download without the session lock and without the tab as the
 * current UI, so the export is prepared under the tab's lock first (the tab's organisation, the signed-in user, the
 * filter, the request's origin) and only then streamed, touching nothing in the session.
 */
final class CsvDownload implements DownloadHandler {
    private final SubmissionAdminService submissions;
    private final Supplier<SubmissionQuery> query;

    CsvDownload(SubmissionAdminService submissions, Supplier<SubmissionQuery> query) {
        this.submissions = submissions;
        this.query = query;
    }

    @Override
    public void handleDownloadRequest(DownloadEvent event) throws IOException {
        AtomicReference<SubmissionAdminService.Export> export = new AtomicReference<>();
        event.getUI().accessSynchronously(() -> export.set(submissions.export(query.get())));
        event.setFileName("submissions-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        event.setContentType("text/csv; charset=utf-8");
        try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
            export.get().writeTo(out);
        }
    }
}
