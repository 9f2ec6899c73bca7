package dev.formbridge.submission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formbridge.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes submissions as CSV (RFC 4180: comma-separated, CRLF line ends, a cell with a quote, comma or line break is
 * quoted and its quotes doubled). The form fields go into one {@code fields} cell as JSON: a streamed export cannot know
 * every field name before its first row. A cell a spreadsheet would read as a formula gets a leading apostrophe.
 */
final class SubmissionCsv {
    static final List<String> COLUMNS = List.of("submissionId", "receivedAt", "siteId", "formId", "status", "fields");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;

    SubmissionCsv(Writer out) {
        this.out = out;
    }

    void header() throws IOException {
        line(COLUMNS);
    }

    void row(Submission submission) throws IOException {
        line(List.of(
                submission.id().value(),
                submission.receivedAt().toString(),
                submission.siteId().value(),
                submission.formId(),
                submission.status().name(),
                fieldsJson(submission.payload())));
    }

    private void line(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One cell, neutralised against formula injection (OWASP "CSV injection"), then escaped. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote =
                safe.indexOf('"') >= 0 || safe.indexOf(',') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /** The payload's {@code fields} object as compact JSON, in the order the sender wrote them. */
    static String fieldsJson(String payload) {
        try {
            JsonNode fields = Json.MAPPER.readTree(payload).get("fields");
            return fields == null ? "" : Json.MAPPER.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException("a stored payload passed the schema check, so it is JSON", e);
        }
    }
}
