package io.haneul.ses;

import io.haneul.core.engine.RequestContext;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.store.SesStore;
import software.amazon.awssdk.services.sesv2.model.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The v2 operations around sending that a local SES has little behind: dedicated IP pools (no IPs
 * are ever assigned), VDM and archiving settings, the deliverability dashboard switch, metric data
 * computed from the mailbox, and empty recommendation and blacklist reports. Kept apart from
 * {@link SesV2Provider} so the provider stays readable; the provider inherits these operations.
 */
public abstract class SesV2Extras {

    abstract SesRuntime rt();

    abstract ResourceTags tags();

    private static Scope scope(RequestContext ctx) {
        return Scope.of(ctx);
    }

    // ---- dedicated IP pools ----

    public CreateDedicatedIpPoolResponse createDedicatedIpPool(RequestContext ctx, CreateDedicatedIpPoolRequest r) {
        Scope s = scope(ctx);
        if (r.scalingMode() == ScalingMode.UNKNOWN_TO_SDK_VERSION) {
            throw SesException.invalid("Invalid ScalingMode " + r.scalingModeAsString() + ": must be STANDARD or MANAGED.");
        }
        Map<String, String> pool = Map.of("name", r.poolName(), "scalingMode", r.scalingModeAsString() == null ? "STANDARD"
                : r.scalingModeAsString());
        boolean created = rt().docs().store().db().write(c -> rt().docs().insert(c, s, Docs.IP_POOL, r.poolName(), pool, rt().clock().millis()));
        if (!created) {
            throw SesException.exists("AlreadyExistsException", "Pool " + r.poolName() + " already exists.");
        }
        tags().put(s, s.arn("dedicated-ip-pool/" + r.poolName()), r.tags());
        return CreateDedicatedIpPoolResponse.builder().build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> pool(Scope s, String name) {
        return rt().docs().get(s, Docs.IP_POOL, name, Map.class).orElseThrow(() -> SesException.notFound("InvalidParameterValue",
                "Pool " + name + " does not exist."));
    }

    public GetDedicatedIpPoolResponse getDedicatedIpPool(RequestContext ctx, GetDedicatedIpPoolRequest r) {
        Map<String, String> p = pool(scope(ctx), r.poolName());
        return GetDedicatedIpPoolResponse.builder().dedicatedIpPool(DedicatedIpPool.builder().poolName(p.get("name"))
                .scalingMode(p.get("scalingMode")).build()).build();
    }

    public ListDedicatedIpPoolsResponse listDedicatedIpPools(RequestContext ctx, ListDedicatedIpPoolsRequest r) {
        List<String> names = rt().docs().docs(scope(ctx), Docs.IP_POOL).stream().map(SesStore.Doc::name).toList();
        Paging.Page<String> page = Paging.page(names, r.nextToken(), r.pageSize(), 100);
        return ListDedicatedIpPoolsResponse.builder().dedicatedIpPools(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteDedicatedIpPoolResponse deleteDedicatedIpPool(RequestContext ctx, DeleteDedicatedIpPoolRequest r) {
        Scope s = scope(ctx);
        pool(s, r.poolName());
        rt().docs().delete(s, Docs.IP_POOL, r.poolName());
        return DeleteDedicatedIpPoolResponse.builder().build();
    }

    public GetDedicatedIpsResponse getDedicatedIps(RequestContext ctx, GetDedicatedIpsRequest r) {
        if (r.poolName() != null) {
            pool(scope(ctx), r.poolName());
        }
        return GetDedicatedIpsResponse.builder().dedicatedIps(List.of()).build();
    }

    public GetDedicatedIpResponse getDedicatedIp(RequestContext ctx, GetDedicatedIpRequest r) {
        throw SesException.notFound("InvalidParameterValue", "Dedicated IP " + r.ip() + " does not exist.");
    }

    public PutDedicatedIpInPoolResponse putDedicatedIpInPool(RequestContext ctx, PutDedicatedIpInPoolRequest r) {
        throw SesException.notFound("InvalidParameterValue", "Dedicated IP " + r.ip() + " does not exist.");
    }

    public PutDedicatedIpWarmupAttributesResponse putDedicatedIpWarmupAttributes(RequestContext ctx, PutDedicatedIpWarmupAttributesRequest r) {
        throw SesException.notFound("InvalidParameterValue", "Dedicated IP " + r.ip() + " does not exist.");
    }

    public PutDedicatedIpPoolScalingAttributesResponse putDedicatedIpPoolScalingAttributes(RequestContext ctx,
                                                                                          PutDedicatedIpPoolScalingAttributesRequest r) {
        Scope s = scope(ctx);
        pool(s, r.poolName());
        rt().docs().put(s, Docs.IP_POOL, r.poolName(), Map.of("name", r.poolName(), "scalingMode", r.scalingModeAsString()),
                rt().clock().millis());
        return PutDedicatedIpPoolScalingAttributesResponse.builder().build();
    }

    // ---- VDM, archiving, deliverability dashboard ----

    public PutAccountVdmAttributesResponse putAccountVdmAttributes(RequestContext ctx, PutAccountVdmAttributesRequest r) {
        VdmAttributes v = r.vdmAttributes();
        rt().accounts().update(scope(ctx), a -> {
            a.vdm.clear();
            a.vdm.put("enabled", v == null ? "DISABLED" : v.vdmEnabledAsString());
            if (v != null && v.dashboardAttributes() != null && v.dashboardAttributes().engagementMetricsAsString() != null) {
                a.vdm.put("engagementMetrics", v.dashboardAttributes().engagementMetricsAsString());
            }
            if (v != null && v.guardianAttributes() != null && v.guardianAttributes().optimizedSharedDeliveryAsString() != null) {
                a.vdm.put("optimizedSharedDelivery", v.guardianAttributes().optimizedSharedDeliveryAsString());
            }
        });
        return PutAccountVdmAttributesResponse.builder().build();
    }

    public PutConfigurationSetVdmOptionsResponse putConfigurationSetVdmOptions(RequestContext ctx, PutConfigurationSetVdmOptionsRequest r) {
        rt().configSets().update(scope(ctx), r.configurationSetName(), cs -> cs.extra.put("vdm", r.vdmOptions() != null));
        return PutConfigurationSetVdmOptionsResponse.builder().build();
    }

    public PutConfigurationSetArchivingOptionsResponse putConfigurationSetArchivingOptions(RequestContext ctx,
                                                                                          PutConfigurationSetArchivingOptionsRequest r) {
        rt().configSets().update(scope(ctx), r.configurationSetName(), cs -> cs.extra.put("archiveArn", r.archiveArn()));
        return PutConfigurationSetArchivingOptionsResponse.builder().build();
    }

    public GetDeliverabilityDashboardOptionsResponse getDeliverabilityDashboardOptions(RequestContext ctx,
                                                                                      GetDeliverabilityDashboardOptionsRequest r) {
        boolean enabled = Boolean.TRUE.equals(rt().accounts().settings(scope(ctx)).details.get("dashboardEnabled"));
        return GetDeliverabilityDashboardOptionsResponse.builder().dashboardEnabled(enabled)
                .accountStatus(enabled ? "ACTIVE" : "DISABLED").build();
    }

    public PutDeliverabilityDashboardOptionResponse putDeliverabilityDashboardOption(RequestContext ctx,
                                                                                    PutDeliverabilityDashboardOptionRequest r) {
        rt().accounts().update(scope(ctx), a -> a.details.put("dashboardEnabled", Boolean.TRUE.equals(r.dashboardEnabled())));
        return PutDeliverabilityDashboardOptionResponse.builder().build();
    }



    public GetBlacklistReportsResponse getBlacklistReports(RequestContext ctx, GetBlacklistReportsRequest r) {
        Map<String, List<BlacklistEntry>> none = new LinkedHashMap<>();
        r.blacklistItemNames().forEach(n -> none.put(n, List.of()));
        return GetBlacklistReportsResponse.builder().blacklistReport(none).build();
    }

    public ListRecommendationsResponse listRecommendations(RequestContext ctx, ListRecommendationsRequest r) {
        return ListRecommendationsResponse.builder().recommendations(List.of()).build();
    }

    // ---- metrics ----

    /** Daily values of a VDM metric, from the messages this account sent (kept in the mailbox). */
    public BatchGetMetricDataResponse batchGetMetricData(RequestContext ctx, BatchGetMetricDataRequest r) {
        Scope s = scope(ctx);
        List<SesStore.StatBucket> buckets = rt().accounts().statistics(s);
        List<MetricDataResult> results = new ArrayList<>();
        for (BatchGetMetricDataQuery q : r.queries()) {
            Instant from = q.startDate() == null ? Instant.EPOCH : q.startDate();
            Instant to = q.endDate() == null ? Instant.MAX : q.endDate();
            TreeMap<Instant, Long> daily = new TreeMap<>();
            for (SesStore.StatBucket b : buckets) {
                Instant at = Instant.ofEpochMilli(b.startMs());
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                long v = switch (q.metricAsString()) {
                    case "SEND" -> b.attempts();
                    case "DELIVERY" -> b.attempts() - b.bounces();
                    case "PERMANENT_BOUNCE" -> b.bounces();
                    case "COMPLAINT", "DELIVERY_COMPLAINT" -> b.complaints();
                    default -> 0;
                };
                daily.merge(at.truncatedTo(ChronoUnit.DAYS), v, Long::sum);
            }
            results.add(MetricDataResult.builder().id(q.id()).timestamps(new ArrayList<>(daily.keySet()))
                    .values(new ArrayList<>(daily.values())).build());
        }
        return BatchGetMetricDataResponse.builder().results(results).errors(List.of()).build();
    }
}
