package dev.formbridge.local;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Instant;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch EMF metrics have no local reader, so the local runtime drops them; the per-tenant counters in the table
 * are written as in AWS.
 */
final class LocalMetrics implements Metrics {
    @Override
    public void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {}

    @Override
    public void addDimension(DimensionSet dimensionSet) {}

    @Override
    public void setTimestamp(Instant timestamp) {}

    @Override
    public void addMetadata(String key, Object value) {}

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {}

    @Override
    public DimensionSet getDefaultDimensions() {
        return DimensionSet.of(java.util.Map.of());
    }

    @Override
    public void setNamespace(String namespace) {}

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {}

    @Override
    public void clearDefaultDimensions() {}

    @Override
    public void flush() {}

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {}

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {}

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {}

    @Override
    public void flushSingleMetric(
            String name, double value, MetricUnit unit, String namespace, DimensionSet dimensions) {}
}
