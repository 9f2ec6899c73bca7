package dev.formbridge.e2e.benchmark;

import static dev.formbridge.testutils.BenchmarkDoc.number;
import static dev.formbridge.testutils.BenchmarkDoc.ratio;

import dev.formbridge.e2e.benchmark.DashboardBenchmark.Series;
import dev.formbridge.metrics.Range;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Section 7 of docs/benchmarks.md: the dashboard, the counters of few submissions against many. */
final class DashboardSection {
    /** The target: the first chart within 1.5 s of the navigation. */
    static final double TARGET_MILLIS = 1_500;

    private DashboardSection() {}

    static String format(String provenance, DashboardBenchmark.Result result) {
        Series small = result.baseline();
        Series large = result.large();
        int samples = large.visits().size();
        StringBuilder md = new StringBuilder("## 7. Dashboard with ")
                .append(number(large.submissions(), 0))
                .append(" submissions in range (first chart)\n\n")
                .append(provenance)
                .append(method(result, samples));
        md.append("| ms, median (p90) | baseline: ")
                .append(number(small.submissions(), 0))
                .append(" submissions | large: ")
                .append(number(large.submissions(), 0))
                .append(" submissions | ratio of medians |\n|---|---:|---:|---:|\n");
        visitRow(
                md,
                "navigation → first chart (Last hour, the default tab)",
                result,
                v -> v.of(Range.LAST_HOUR).chart());
        visitRow(
                md,
                "navigation → totals show the accepted count",
                result,
                v -> v.of(Range.LAST_HOUR).totals());
        visitRow(
                md,
                "click \"Last 30 days\" → its first chart",
                result,
                v -> v.of(Range.LAST_30_DAYS).chart());
        visitRow(
                md,
                "click \"Last 30 days\" → its totals",
                result,
                v -> v.of(Range.LAST_30_DAYS).totals());
        visitRow(
                md,
                "**navigation → 30-day chart** (first chart, then the click)",
                result,
                DashboardPage.Visit::navigationToMonth);
        visitRow(
                md,
                "click \"Last day\" → its first chart",
                result,
                v -> v.of(Range.LAST_DAY).chart());
        visitRow(
                md,
                "click \"Last day\" → its totals",
                result,
                v -> v.of(Range.LAST_DAY).totals());
        double smallWarmUp = small.warmUp().of(Range.LAST_HOUR).chart();
        double largeWarmUp = large.warmUp().of(Range.LAST_HOUR).chart();
        md.append("| first (discarded) navigation → first chart | ")
                .append(number(smallWarmUp, 0))
                .append(" | ")
                .append(number(largeWarmUp, 0))
                .append(" | ")
                .append(ratio(largeWarmUp / smallWarmUp))
                .append(" |\n");
        for (Range range : List.of(Range.LAST_HOUR, Range.LAST_DAY, Range.LAST_30_DAYS)) {
            Timings a = small.direct().of(range).millis();
            Timings b = large.direct().of(range).millis();
            md.append("| direct `MetricsService.dashboard`, ")
                    .append(tab(range))
                    .append(" | ")
                    .append(a.format(1))
                    .append(" | ")
                    .append(b.format(1))
                    .append(" | ")
                    .append(ratio(b.median() / a.median()))
                    .append(" |\n");
        }
        md.append("\nAccepted totals the dashboard showed (last visit; every visit waited for the expected ones): ")
                .append(shown(small))
                .append(" for the baseline; ")
                .append(shown(large))
                .append(" for the large organisation. The direct reads returned the expected totals: ")
                .append(small.directAsExpected() && large.directAsExpected() ? "yes" : "**no**")
                .append(".\n\nSamples, navigation → first chart, ms: baseline ")
                .append(small.timings(v -> v.of(Range.LAST_HOUR).chart()).joined())
                .append("; large ")
                .append(large.timings(v -> v.of(Range.LAST_HOUR).chart()).joined())
                .append(". Navigation → 30-day chart: baseline ")
                .append(small.timings(DashboardPage.Visit::navigationToMonth).joined())
                .append("; large ")
                .append(large.timings(DashboardPage.Visit::navigationToMonth).joined())
                .append(".\n\n");
        md.append(reads(small, large));
        md.append(seeding(result));
        md.append(reading(small, large));
        return md.toString();
    }

    private static String method(DashboardBenchmark.Result result, int samples) {
        Series small = result.baseline();
        Series large = result.large();
        return """

                One system as in section 5. The demo admin's organisation ("Demo Organisation", created by the portal \
                for `%s` when it starts) gets a site registered with `SiteService` and two webhook connectors made \
                with `ConnectorService` (one for every form, one filtered to the `contact` form), then the metric \
                counters its submissions would have left, written straight into the runtime's dynalite: per \
                submission `accepted` on the site, `delivered` and a latency bucket on each connector it matches (a \
                third match both), every 1,000th delivery `retried` once, and one \
                `rejected_bad_signature` per 200 submissions. The submissions are received at even intervals from \
                the first bucket of the 30-day range (00:00 UTC 29 days ago) to the moment of writing, so all of \
                them are in the "Last 30 days" range (%s a minute in the large organisation). The counts are summed per \
                minute (kept inside its hour's bucket) and day bucket, as `MetricCounters` does, and each bucket is \
                written with one `MetricCounterRepository.add` (the `UpdateItem … ADD` that `MetricCounters.flush` \
                makes; production makes one per flush where this makes one per bucket, which leaves the same item) \
                from %d threads. Every minute of the 30 days is written, although the hour buckets' 35-day TTL is \
                what keeps them in production too. Baseline: the same organisation with the counters of \
                %s submissions, measured first in the same run; then the counters of the other %s are added and it \
                is measured again.

                In headless Chromium (Playwright, Debian's `chromium`), signed in as the demo admin, each sample \
                leaves for `about:blank`, navigates to `<portal>/dashboard` (its default tab is "Last hour") and is \
                timed until the render's first chart is visible (an inline `svg.fb-chart` with a non-empty box whose \
                text alternative names the expected accepted total) and until the totals card `#total-accepted` \
                shows that total; then it clicks "Last 30 days", then "Last day", each timed from the click in the \
                same way (the previous render's charts and card are marked first, so only the new render's count). \
                The page is checked on every animation frame. One discarded visit, then %d measured; median and p90 \
                (nearest rank: with %d samples, the slowest). *Direct*: `MetricsService.dashboard(tenant, range)`, \
                the call behind each render, made from the benchmark's JVM to the same dynalite: per range one \
                discarded and %d timed.

                """.formatted(
                        SubmissionsViewBenchmark.ADMIN,
                        number(result.perMinute(), 1),
                        DashboardBenchmark.THREADS,
                        number(small.submissions(), 0),
                        number(large.submissions() - small.submissions(), 0),
                        samples,
                        samples,
                        samples);
    }

    private static void visitRow(
            StringBuilder md, String name, DashboardBenchmark.Result result, Function<DashboardPage.Visit, Double> m) {
        Timings a = result.baseline().timings(m);
        Timings b = result.large().timings(m);
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(a.format(0))
                .append(" | ")
                .append(b.format(0))
                .append(" | ")
                .append(ratio(b.median() / a.median()))
                .append(" |\n");
    }

    private static String reads(Series small, Series large) {
        return """
                How the counters are read: `DashboardView` → `DashboardService.dashboard(range)` → \
                `MetricsService.dashboard` → `MetricCounterRepository.range`: one `Query` on the table (no index), \
                partition key the tenant's hour buckets (`…METRICS#H`, for the last hour's minutes and the last \
                day's hours) or day buckets (`#D`), sort key \
                `BETWEEN` the first bucket's start and just after the last one's, every dimension; DynamoDB pages it \
                at 1 MB. No `Scan`, no count: what it reads grows with the range's buckets × the organisation's sites \
                and connectors, not with its submissions. Recorded on the direct reads, per read: %s for the \
                baseline; %s for the large organisation. To name the ids, `DashboardService` also lists the sites \
                (%s) and the connectors (%s) on every render.

                """.formatted(
                        rangeCalls(small),
                        rangeCalls(large),
                        calls(large.direct().siteList()),
                        calls(large.direct().connectorList()));
    }

    private static String rangeCalls(Series series) {
        return List.of(Range.LAST_HOUR, Range.LAST_DAY, Range.LAST_30_DAYS).stream()
                .map(range -> tab(range) + " " + calls(series.direct().of(range).callsPerRead()))
                .collect(Collectors.joining(", "));
    }

    private static String calls(List<CallRecorder.Call> calls) {
        if (calls.isEmpty()) {
            return "no call";
        }
        return calls.stream()
                .map(c -> "`" + c.description() + "`" + items(c.items()))
                .collect(Collectors.joining(" + "));
    }

    private static String items(Integer items) {
        if (items == null) {
            return "";
        }
        return items == 1 ? " (1 item)" : " (" + number(items, 0) + " items)";
    }

    private static String seeding(DashboardBenchmark.Result result) {
        CounterSeeder.Written small = result.baselineWritten();
        CounterSeeder.Written large = result.largeWritten();
        return "Seeding: the baseline's counters took "
                + number(small.updates(), 0) + " updates (" + number(small.minuteBuckets(), 0)
                + " minute buckets) in " + number(result.baselineSeeding(), 0) + " ms; the others "
                + number(large.updates(), 0) + " updates (" + number(large.minuteBuckets(), 0)
                + " minute buckets) in " + number(result.largeSeeding() / 1000, 1) + " s ("
                + number(large.updates() / (result.largeSeeding() / 1000), 0)
                + " updates/s), on the same cores as the runtime, the portal and the browser.\n\n";
    }

    private static String reading(Series small, Series large) {
        Timings first = large.timings(v -> v.of(Range.LAST_HOUR).chart());
        Timings month = large.timings(DashboardPage.Visit::navigationToMonth);
        Timings click = large.timings(v -> v.of(Range.LAST_30_DAYS).chart());
        return "Reading: with the counters of " + number(large.submissions(), 0)
                + " submissions in range, the dashboard shows its first chart " + seconds(first)
                + " after the navigation (median; p90 " + seconds(first.p90()) + "), "
                + ratio(first.median()
                        / small.timings(v -> v.of(Range.LAST_HOUR).chart()).median())
                + " the baseline's; the 30-day chart " + seconds(click) + " after the click on \"Last 30 days\" and "
                + seconds(month) + " after the navigation, click included (p90 " + seconds(month.p90()) + "). "
                + "Target ≤ 1.5 s to the first chart: " + verdict(first) + " for the first chart after the navigation; "
                + verdict(month) + " for the 30-day chart counted from the navigation. The 30-day read is "
                + number(large.direct().of(Range.LAST_30_DAYS).millis().median(), 1) + " ms of it (direct, median).\n";
    }

    private static String verdict(Timings timings) {
        if (timings.p90() <= TARGET_MILLIS) {
            return "**met** (median and p90)";
        }
        return timings.median() <= TARGET_MILLIS ? "**met at the median**, not at p90" : "**missed**";
    }

    private static String seconds(Timings timings) {
        return seconds(timings.median());
    }

    private static String seconds(double millis) {
        return number(millis / 1000, 2) + " s";
    }

    private static String tab(Range range) {
        return switch (range) {
            case LAST_HOUR -> "Last hour";
            case LAST_DAY -> "Last day";
            case LAST_30_DAYS -> "Last 30 days";
        };
    }

    private static String shown(Series series) {
        DashboardPage.Visit last = series.visits().getLast();
        return List.of(Range.LAST_HOUR, Range.LAST_DAY, Range.LAST_30_DAYS).stream()
                .map(range -> tab(range) + " " + number(last.of(range).accepted(), 0))
                .collect(Collectors.joining(", "));
    }
}
