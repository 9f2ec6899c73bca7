package dev.formbridge.e2e.benchmark;

import dev.formbridge.submission.SubmissionQuery;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The read behind the view's first page, made directly: {@link SubmissionRepository#page} of all submissions, no
 * cursor, 25 items (the portal's {@code SubmissionAdminService.PAGE_SIZE}), through the client that records its calls.
 */
final class FirstPageRead {
    static final int PAGE_SIZE = 25;

    private FirstPageRead() {}

    /** Milliseconds per read, the DynamoDB calls of one read, and the ids it returned. */
    record Result(Timings millis, List<String> callsPerRead, Set<String> ids) {}

    /** One discarded read, then {@code reads} timed ones. */
    static Result measure(RuntimeStore store, TenantId tenant, int reads) {
        SubmissionRepository repository = new SubmissionRepository(store.recordedStorage());
        repository.page(tenant, SubmissionQuery.all(), null, PAGE_SIZE);
        store.recorder().takeCalls();
        List<Double> millis = new ArrayList<>();
        Set<String> ids = Set.of();
        for (int i = 0; i < reads; i++) {
            long start = System.nanoTime();
            var page = repository.page(tenant, SubmissionQuery.all(), null, PAGE_SIZE);
            millis.add((System.nanoTime() - start) / 1e6);
            ids = page.items().stream().map(s -> s.id().value()).collect(Collectors.toSet());
        }
        List<String> calls = store.recorder().takeCalls();
        return new Result(new Timings(millis), calls.subList(0, calls.size() / reads), ids);
    }
}
