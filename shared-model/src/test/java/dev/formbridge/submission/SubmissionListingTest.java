package dev.formbridge.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.CountingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.StoredSubmissions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The portal's submission list against a real local DynamoDB server: order, cursors, filters, tenant isolation. */
class SubmissionListingTest {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    Storage storage;
    StoredSubmissions stored;
    SubmissionService service;
    final TenantId tenant = TenantId.next();
    final TenantId otherTenant = TenantId.next();
    final SiteId shop = SiteId.next();
    final SiteId blog = SiteId.next();

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        stored = new StoredSubmissions(storage);
        service = new SubmissionService(storage, new DeliveryRepository(storage));
    }

    /** Submission {@code i} of a varied set: alternating sites, every third a newsletter, every fifth pending. */
    Submission storeVaried(int i) {
        return stored.store(
                tenant,
                i % 2 == 0 ? shop : blog,
                i % 3 == 0 ? "newsletter" : "contact",
                i % 5 == 0 ? SubmissionStatus.PUBLISH_PENDING : SubmissionStatus.ACCEPTED,
                START.plus(Duration.ofMinutes(i)));
    }

    /** Every page of a query, checking on the way that only the last page is short. */
    List<List<SubmissionSummary>> pages(TenantId of, SubmissionQuery query, int limit) {
        List<List<SubmissionSummary>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page<SubmissionSummary> page = service.page(of, query, cursor, limit);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            if (page.hasNext()) {
                assertThat(page.items()).as("a page with a next page is full").hasSize(limit);
            }
            pages.add(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return pages;
    }

    List<SubmissionId> ids(TenantId of, SubmissionQuery query, int limit) {
        return pages(of, query, limit).stream()
                .flatMap(List::stream)
                .map(SubmissionSummary::id)
                .toList();
    }

    static List<SubmissionId> newestFirst(List<Submission> submissions, Predicate<Submission> matching) {
        return submissions.stream()
                .filter(matching)
                .sorted(Comparator.comparing(Submission::receivedAt).reversed())
                .map(Submission::id)
                .toList();
    }

    @Test
    void pages_come_newest_first_and_the_cursor_walks_every_submission_once() {
        List<Submission> all = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            all.add(storeVaried(i));
        }

        List<List<SubmissionSummary>> pages = pages(tenant, SubmissionQuery.all(), 20);

        assertThat(pages).extracting(List::size).containsExactly(20, 20, 15);
        assertThat(pages.stream().flatMap(List::stream).map(SubmissionSummary::id))
                .containsExactlyElementsOf(newestFirst(all, s -> true));
    }

    @Test
    void a_list_row_carries_the_summary_without_the_payload() {
        Submission one = storeVaried(5);

        Page<SubmissionSummary> page = service.page(tenant, SubmissionQuery.all(), null, 10);

        assertThat(page.items())
                .containsExactly(new SubmissionSummary(
                        one.id(),
                        blog,
                        "contact",
                        SubmissionStatus.PUBLISH_PENDING,
                        one.receivedAt(),
                        one.sizeBytes()));
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void a_page_of_rows_is_one_query_of_the_time_index_and_a_page_with_payloads_reads_its_items_by_key() {
        // GIVEN 30 submissions, and a client that records every request
        for (int i = 0; i < 30; i++) {
            storeVaried(i);
        }
        CountingDynamo counting = new CountingDynamo(storage.dynamo());
        Storage counted = counting.storage(storage);
        SubmissionRepository repository = new SubmissionRepository(counted);

        // WHEN a page of 20 rows is listed
        Page<SubmissionSummary> rows = repository.page(tenant, SubmissionQuery.all(), null, 20);

        // THEN the index answered it alone: it copies every column a row shows
        assertThat(rows.items())
                .hasSize(20)
                .allSatisfy(row -> assertThat(row.sizeBytes()).isPositive());
        assertThat(counting.seen()).singleElement().isInstanceOf(QueryRequest.class);

        // WHEN the same page is read with payloads (an export), THEN the payloads come from the table by key
        Page<Submission> whole = repository.pageWithPayloads(tenant, SubmissionQuery.all(), null, 20);
        assertThat(whole.items())
                .extracting(Submission::id)
                .containsExactlyElementsOf(
                        rows.items().stream().map(SubmissionSummary::id).toList());
        assertThat(whole.items()).allSatisfy(s -> assertThat(s.payload()).isNotBlank());
        List<Object> export = counting.seen().subList(1, counting.seen().size());
        assertThat(export).hasSize(2);
        assertThat(export.getFirst()).isInstanceOf(QueryRequest.class);
        assertThat(export.getLast()).isInstanceOf(BatchGetItemRequest.class);
    }

    @Test
    void each_filter_alone_and_all_combined_return_exactly_the_matching_submissions() {
        List<Submission> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(storeVaried(i));
        }
        Instant from = START.plus(Duration.ofMinutes(10));
        Instant to = START.plus(Duration.ofMinutes(30));

        assertThat(ids(tenant, SubmissionQuery.all().withSite(shop), 7))
                .containsExactlyElementsOf(newestFirst(all, s -> s.siteId().equals(shop)));
        assertThat(ids(tenant, SubmissionQuery.all().withForm("newsletter"), 7))
                .containsExactlyElementsOf(newestFirst(all, s -> s.formId().equals("newsletter")));
        assertThat(ids(tenant, SubmissionQuery.all().withStatus(SubmissionStatus.PUBLISH_PENDING), 3))
                .containsExactlyElementsOf(newestFirst(all, s -> s.status() == SubmissionStatus.PUBLISH_PENDING));
        assertThat(ids(tenant, SubmissionQuery.all().receivedBetween(from, to), 7))
                .containsExactlyElementsOf(newestFirst(
                        all,
                        s -> !s.receivedAt().isBefore(from) && s.receivedAt().isBefore(to)))
                .hasSize(20);
        assertThat(ids(tenant, SubmissionQuery.all().receivedBetween(from, null), 7))
                .containsExactlyElementsOf(newestFirst(all, s -> !s.receivedAt().isBefore(from)));
        assertThat(ids(tenant, SubmissionQuery.all().receivedBetween(null, to), 7))
                .containsExactlyElementsOf(newestFirst(all, s -> s.receivedAt().isBefore(to)));
        SubmissionQuery combined = SubmissionQuery.all()
                .withSite(shop)
                .withForm("contact")
                .withStatus(SubmissionStatus.ACCEPTED)
                .receivedBetween(from, to);
        assertThat(ids(tenant, combined, 2))
                .containsExactlyElementsOf(newestFirst(
                        all,
                        s -> s.siteId().equals(shop)
                                && s.formId().equals("contact")
                                && s.status() == SubmissionStatus.ACCEPTED
                                && !s.receivedAt().isBefore(from)
                                && s.receivedAt().isBefore(to)))
                .isNotEmpty();
    }

    @Test
    void a_filter_that_matches_sparsely_still_fills_its_pages() {
        List<Submission> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String form = i % 25 == 0 ? "rare" : "common";
            all.add(stored.store(tenant, shop, form, SubmissionStatus.ACCEPTED, START.plus(Duration.ofSeconds(i))));
        }

        List<List<SubmissionSummary>> pages =
                pages(tenant, SubmissionQuery.all().withForm("rare"), 5);

        // the 100 newest hold 4 matches: the first page needs a second query, and stops inside it
        assertThat(pages).extracting(List::size).containsExactly(5, 1);
        assertThat(pages.stream().flatMap(List::stream).map(SubmissionSummary::id))
                .containsExactlyElementsOf(newestFirst(all, s -> s.formId().equals("rare")));
    }

    @Test
    void a_query_that_matches_nothing_is_one_empty_last_page() {
        storeVaried(1);

        Page<SubmissionSummary> page =
                service.page(tenant, SubmissionQuery.all().withForm("absent"), null, 10);

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void a_tenant_never_sees_another_tenants_submissions() {
        Submission theirs = stored.store(otherTenant, shop, "contact", SubmissionStatus.ACCEPTED, START);
        Submission ours = storeVaried(1);

        assertThat(ids(tenant, SubmissionQuery.all(), 10)).containsExactly(ours.id());
        assertThat(ids(otherTenant, SubmissionQuery.all(), 10)).containsExactly(theirs.id());
        assertThat(service.get(tenant, theirs.id())).isEmpty();
        assertThat(service.get(otherTenant, theirs.id())).contains(theirs);
    }

    @Test
    void a_cursor_issued_to_one_tenant_is_rejected_for_another() {
        for (int i = 0; i < 3; i++) {
            storeVaried(i);
            stored.store(otherTenant, shop, "contact", SubmissionStatus.ACCEPTED, START.plus(Duration.ofMinutes(i)));
        }
        String cursor = service.page(tenant, SubmissionQuery.all(), null, 1).nextCursor();

        assertThat(cursor).isNotNull();
        assertThatThrownBy(() -> service.page(otherTenant, SubmissionQuery.all(), cursor, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another tenant");
    }

    @Test
    void a_malformed_cursor_is_rejected() {
        storeVaried(1);
        String notJson = Base64.getUrlEncoder().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        String wrongKeys = Base64.getUrlEncoder().encodeToString("{\"pk\":\"x\"}".getBytes(StandardCharsets.UTF_8));

        for (String cursor : List.of("", "!!not base64!!", notJson, wrongKeys, "x".repeat(5000))) {
            assertThatThrownBy(() -> service.page(tenant, SubmissionQuery.all(), cursor, 10))
                    .as(cursor)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the cursor is not valid");
        }
    }

    @Test
    void a_cursor_outside_the_requested_time_range_is_rejected() {
        for (int i = 0; i < 3; i++) {
            storeVaried(i);
        }
        String cursor = service.page(tenant, SubmissionQuery.all(), null, 1).nextCursor();
        SubmissionQuery earlier = SubmissionQuery.all().receivedBetween(null, START.plus(Duration.ofMinutes(1)));

        assertThatThrownBy(() -> service.page(tenant, earlier, cursor, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time range");
    }

    @Test
    void a_page_size_outside_one_to_a_hundred_is_rejected() {
        assertThatThrownBy(() -> service.page(tenant, SubmissionQuery.all(), null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.page(tenant, SubmissionQuery.all(), null, 101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_time_range_must_end_after_it_starts() {
        assertThatThrownBy(() -> SubmissionQuery.all().receivedBetween(START, START))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
