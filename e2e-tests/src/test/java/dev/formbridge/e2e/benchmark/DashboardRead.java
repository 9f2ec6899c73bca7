package dev.formbridge.e2e.benchmark;

import dev.formbridge.connector.ConnectorService;
import dev.formbridge.metrics.Dashboard;
import dev.formbridge.metrics.MetricsService;
import dev.formbridge.metrics.Range;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.site.SiteService;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reads behind one dashboard render, made directly through the client that records its calls:
 * {@link MetricsService#dashboard} for each range (what the portal's {@code DashboardService} asks for), and the two
 * lists it names the ids with, {@link SiteService#list} and {@link ConnectorService#list}.
 */
final class DashboardRead {
    private DashboardRead() {}

    /** One range's reads: milliseconds per call, the calls of one, and the accepted total it returned. */
    record RangeRead(Timings millis, List<CallRecorder.Call> callsPerRead, long accepted) {}

    /** Every range's reads, and the calls of listing the sites and the connectors once. */
    record Result(
            Map<Range, RangeRead> ranges, List<CallRecorder.Call> siteList, List<CallRecorder.Call> connectorList) {
        RangeRead of(Range range) {
            return ranges.get(range);
        }
    }

    /** Per range one discarded call, then {@code reads} timed ones. */
    static Result measure(RuntimeStore store, TenantId tenant, int reads) {
        MetricsService metrics = new MetricsService(store.recordedStorage(), Clock.systemUTC());
        Map<Range, RangeRead> ranges = new EnumMap<>(Range.class);
        for (Range range : Range.values()) {
            metrics.dashboard(tenant, range);
            store.recorder().takeCallRecords();
            List<Double> millis = new ArrayList<>();
            Dashboard dashboard = null;
            for (int i = 0; i < reads; i++) {
                long start = System.nanoTime();
                dashboard = metrics.dashboard(tenant, range);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            List<CallRecorder.Call> calls = store.recorder().takeCallRecords();
            ranges.put(
                    range,
                    new RangeRead(
                            new Timings(millis),
                            calls.subList(0, calls.size() / reads),
                            dashboard.totals().accepted()));
        }
        new SiteService(store.recordedStorage(), store.cipher(), Clock.systemUTC()).list(tenant);
        List<CallRecorder.Call> siteList = store.recorder().takeCallRecords();
        new ConnectorService(store.recordedStorage(), store.cipher(), OutboundPolicy.allowLocal(), Clock.systemUTC())
                .list(tenant);
        List<CallRecorder.Call> connectorList = store.recorder().takeCallRecords();
        return new Result(ranges, siteList, connectorList);
    }
}
