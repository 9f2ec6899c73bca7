package dev.formbridge.portal.metrics;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.metrics.Dashboard;
import dev.formbridge.metrics.MetricsService;
import dev.formbridge.metrics.Range;
import dev.formbridge.portal.security.Access;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteService;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** The dashboard of the organisation in the security context, with the names of its sites and connectors. */
@Service
public class DashboardService {
    private final MetricsService metrics;
    private final SiteService sites;
    private final ConnectorService connectors;
    private final TenantContext tenants;

    public DashboardService(
            MetricsService metrics, SiteService sites, ConnectorService connectors, TenantContext tenants) {
        this.metrics = metrics;
        this.sites = sites;
        this.connectors = connectors;
        this.tenants = tenants;
    }

    /** The numbers, and the display names of the ids in them (ids of deleted sites or connectors stay ids). */
    public record View(Dashboard dashboard, Map<String, String> names, boolean hasSites, boolean hasConnectors) {
        public String nameOf(String id) {
            return names.getOrDefault(id, id);
        }
    }

    public View dashboard(Range range) {
        Access access = tenants.read();
        var siteList = sites.list(access.tenant());
        var connectorList = connectors.list(access.tenant());
        Map<String, String> names = new java.util.HashMap<>();
        names.putAll(siteList.stream().collect(Collectors.toMap(s -> s.id().value(), Site::name)));
        names.putAll(connectorList.stream().collect(Collectors.toMap(c -> c.id().value(), Connector::name)));
        return new View(
                metrics.dashboard(access.tenant(), range), names, !siteList.isEmpty(), !connectorList.isEmpty());
    }
}
