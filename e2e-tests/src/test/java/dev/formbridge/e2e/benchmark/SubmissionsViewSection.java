package dev.formbridge.e2e.benchmark;

import static dev.formbridge.testutils.BenchmarkDoc.number;
import static dev.formbridge.testutils.BenchmarkDoc.ratio;

import java.util.List;
import java.util.stream.Collectors;

/** Section 6 of docs/benchmarks.md: the Submissions view's first page, few submissions against many. */
final class SubmissionsViewSection {
    private SubmissionsViewSection() {}

    static String format(String provenance, SubmissionsViewBenchmark.Result view) {
        SubmissionsViewBenchmark.Series small = view.baseline();
        SubmissionsViewBenchmark.Series large = view.large();
        int samples = large.firstRow().values().size();
        StringBuilder md = new StringBuilder("## 6. Submissions view with ")
                .append(number(large.submissions(), 0))
                .append(" submissions (first page)\n\n")
                .append(provenance)
                .append("""

                        One system as in section 5. The demo admin's organisation (the portal creates "Demo \
                        Organisation" for `%s` when it starts) gets a site registered with `SiteService`, then \
                        submissions written straight into the runtime's dynalite with \
                        `SubmissionRepository.insertIfAbsent` (ingest's write: one conditional `PutItem` each) from \
                        %d threads: contact forms of about 300 bytes on three form ids, received at even intervals \
                        over the last 30 days. Baseline: the same organisation with %s submissions, measured first in \
                        the same run; then the other %s are written and it is measured again. In headless Chromium \
                        (Playwright, Debian's `chromium`), signed in as the demo admin, each sample leaves for \
                        `about:blank`, navigates to `<portal>/submissions` and is timed until the grid shows its first \
                        submission id (a `sub_…` link), then until it shows the whole first page (%d rows; %d in the \
                        baseline). One discarded navigation, then %d measured; median and p90 (nearest rank: with %d \
                        samples, the slowest). *Direct read*: the call behind the view's first page, \
                        `SubmissionRepository.page(tenant, all, no cursor, 25)`, made from the benchmark's JVM to the \
                        same dynalite, one discarded and %d timed.

                        """.formatted(
                                SubmissionsViewBenchmark.ADMIN,
                                SubmissionsViewBenchmark.THREADS,
                                number(small.submissions(), 0),
                                number(large.submissions() - small.submissions(), 0),
                                large.rows(),
                                small.rows(),
                                samples,
                                samples,
                                samples));
        md.append("| organisation | submissions | navigation → first row, ms (p90) | → whole first page, ms (p90) ")
                .append("| first navigation, ms | direct read, ms (p90) |\n|---|---:|---:|---:|---:|---:|\n");
        series(md, "baseline", small);
        series(md, "large", large);
        md.append("| ratio | ")
                .append(number(large.submissions() / (double) small.submissions(), 0))
                .append("× | **")
                .append(ratio(large.firstRow().median() / small.firstRow().median()))
                .append("** | ")
                .append(ratio(large.wholePage().median() / small.wholePage().median()))
                .append(" | ")
                .append(ratio(large.warmUpFirstRow() / small.warmUpFirstRow()))
                .append(" | ")
                .append(ratio(large.directRead().millis().median()
                        / small.directRead().millis().median()))
                .append(" |\n\n");
        md.append("Samples, navigation → first row, ms: baseline ")
                .append(small.firstRow().joined())
                .append("; large ")
                .append(large.firstRow().joined())
                .append(".\n\n");
        md.append("""
                        How the first page is read: `SubmissionsView` → `SubmissionAdminService.page` (25 a page) → \
                        `SubmissionRepository.page` → `SubmissionListing`: one `Query` on the time index `gsi1` \
                        (partition: the tenant's submissions; sort key: received time and id), newest first, `Limit` \
                        25, projected without the payloads; no `Scan`, no count. Recorded on the direct reads, per \
                        read: baseline %s; large %s. The grid showed the same ids as the direct read in every \
                        navigation: %s.

                        """.formatted(
                        calls(small),
                        calls(large),
                        small.sameIdsAsDirectRead() && large.sameIdsAsDirectRead() ? "yes" : "**no**"));
        double seeded = large.submissions() - small.submissions();
        md.append("Seeding: the ")
                .append(number(small.submissions(), 0))
                .append(" baseline submissions took ")
                .append(number(view.baselineSeeding(), 0))
                .append(" ms; the other ")
                .append(number(seeded, 0))
                .append(" took ")
                .append(number(view.largeSeeding() / 1000, 1))
                .append(" s (")
                .append(number(seeded / (view.largeSeeding() / 1000), 0))
                .append(" submissions/s), on the same cores as the runtime, the portal and the browser.\n");
        return md.toString();
    }

    private static void series(StringBuilder md, String name, SubmissionsViewBenchmark.Series s) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(number(s.submissions(), 0))
                .append(" | ")
                .append(s.firstRow().format(0))
                .append(" | ")
                .append(s.wholePage().format(0))
                .append(" | ")
                .append(number(s.warmUpFirstRow(), 0))
                .append(" | ")
                .append(s.directRead().millis().format(1))
                .append(" |\n");
    }

    private static String calls(SubmissionsViewBenchmark.Series s) {
        List<String> calls = s.directRead().callsPerRead();
        return calls.isEmpty() ? "none" : calls.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
    }
}
