package dev.formbridge.e2e.benchmark;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Describes each DynamoDB call a client makes ("Query gsi1, Limit 25, newest first", "Scan"), for the report, with the
 * number of items a Query or Scan returned.
 */
final class CallRecorder implements ExecutionInterceptor {
    private final List<Call> calls = new ArrayList<>();

    /** One call: its description, and the items it returned (null for calls other than Query and Scan). */
    record Call(String description, Integer items) {}

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Integer items = switch (context.response()) {
            case QueryResponse query -> query.count();
            case ScanResponse scan -> scan.count();
            default -> null;
        };
        Call call = new Call(describe(context.request()), items);
        synchronized (calls) {
            calls.add(call);
        }
    }

    /** The calls recorded since the last time, oldest first; starts a new recording. */
    List<String> takeCalls() {
        return takeCallRecords().stream().map(Call::description).toList();
    }

    /** As {@link #takeCalls()}, with the items each returned. */
    List<Call> takeCallRecords() {
        synchronized (calls) {
            List<Call> taken = List.copyOf(calls);
            calls.clear();
            return taken;
        }
    }

    private static String describe(SdkRequest request) {
        String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
        if (!(request instanceof QueryRequest query)) {
            return operation;
        }
        List<String> parts = new ArrayList<>();
        parts.add("Query " + (query.indexName() == null ? "on the table" : query.indexName()));
        if (query.limit() != null) {
            parts.add("Limit " + query.limit());
        }
        if (Boolean.FALSE.equals(query.scanIndexForward())) {
            parts.add("newest first");
        }
        if (query.filterExpression() != null) {
            parts.add("filter `" + query.filterExpression() + "`");
        }
        if (query.projectionExpression() != null
                && !query.projectionExpression().contains("payload")) {
            parts.add("no payloads");
        }
        return String.join(", ", parts);
    }
}
