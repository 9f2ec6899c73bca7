package dev.formbridge.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.site.SiteId;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.StoredSubmissions;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CSV export: RFC 4180 escaping, formula neutralising, and page-by-page streaming. */
class SubmissionExportTest {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    StoredSubmissions stored;
    SubmissionService service;
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();

    @BeforeEach
    void setUp() {
        var storage = LocalDynamo.newStorage();
        stored = new StoredSubmissions(storage);
        service = new SubmissionService(storage, new DeliveryRepository(storage));
    }

    @Test
    void a_cell_with_a_quote_comma_or_line_break_is_quoted_with_its_quotes_doubled() {
        assertThat(SubmissionCsv.cell("plain text")).isEqualTo("plain text");
        assertThat(SubmissionCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SubmissionCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SubmissionCsv.cell("line 1\nline 2")).isEqualTo("\"line 1\nline 2\"");
        assertThat(SubmissionCsv.cell("line 1\r\nline 2")).isEqualTo("\"line 1\r\nline 2\"");
        assertThat(SubmissionCsv.cell("")).isEmpty();
        assertThat(SubmissionCsv.cell(null)).isEmpty();
    }

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe() {
        assertThat(SubmissionCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(SubmissionCsv.cell("+1")).isEqualTo("'+1");
        assertThat(SubmissionCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(SubmissionCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SubmissionCsv.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(SubmissionCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(SubmissionCsv.cell("a=1")).isEqualTo("a=1");
    }

    @Test
    void an_export_writes_a_header_and_one_escaped_row_per_submission_with_its_fields_as_json() throws IOException {
        Submission hostile = stored.store(
                tenant,
                site,
                "=cmd|' /C calc'!A0",
                SubmissionStatus.ACCEPTED,
                START,
                "{\"name\":\"O'Brien, \\\"Pat\\\"\",\"note\":\"line 1\\nline 2\",\"consent\":true}");
        StringWriter out = new StringWriter();

        long rows = service.exportCsv(tenant, SubmissionQuery.all(), out);

        assertThat(rows).isEqualTo(1);
        assertThat(out.toString())
                .isEqualTo("submissionId,receivedAt,siteId,formId,status,fields\r\n"
                        + hostile.id() + ",2026-11-01T00:00:00Z," + site + ",'=cmd|' /C calc'!A0,ACCEPTED,"
                        + "\"{\"\"name\"\":\"\"O'Brien, \\\"\"Pat\\\"\"\"\",\"\"note\"\":\"\"line 1\\nline 2\"\","
                        + "\"\"consent\"\":true}\"\r\n");
    }

    @Test
    void an_export_streams_every_matching_submission_page_by_page_newest_first() throws IOException {
        List<Submission> all = IntStream.range(0, 60)
                .mapToObj(i -> stored.store(
                        tenant,
                        site,
                        i % 2 == 0 ? "contact" : "newsletter",
                        SubmissionStatus.ACCEPTED,
                        START.plus(Duration.ofMinutes(i))))
                .toList();
        stored.store(TenantId.next(), site, "contact", SubmissionStatus.ACCEPTED, START);
        FlushCountingWriter out = new FlushCountingWriter();

        long rows = service.exportCsv(tenant, SubmissionQuery.all(), out);

        assertThat(rows).isEqualTo(60);
        List<String> lines = Arrays.asList(out.toString().split("\r\n"));
        assertThat(lines).hasSize(61);
        assertThat(lines.subList(1, 61))
                .extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactlyElementsOf(
                        all.reversed().stream().map(s -> s.id().value()).toList());
        assertThat(out.flushes)
                .as("one flush per page of %d", SubmissionService.EXPORT_PAGE_SIZE)
                .isEqualTo(3);
        assertThat(service.exportCsv(tenant, SubmissionQuery.all().withForm("newsletter"), new StringWriter()))
                .isEqualTo(30);
    }

    /** A writer that counts flushes: the export hands each page on before it reads the next. */
    static final class FlushCountingWriter extends StringWriter {
        int flushes;

        @Override
        public void flush() {
            flushes++;
            super.flush();
        }
    }
}
