package dev.formbridge.e2e.benchmark;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Describes each DynamoDB call a client makes ("Query gsi1, Limit 25, newest first", "Scan"), for the report. */
final class CallRecorder implements ExecutionInterceptor {
    private final List<String> calls = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String call = describe(context.request());
        synchronized (calls) {
            calls.add(call);
        }
    }

    /** The calls recorded since the last time, oldest first; starts a new recording. */
    List<String> takeCalls() {
        synchronized (calls) {
            List<String> taken = List.copyOf(calls);
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
