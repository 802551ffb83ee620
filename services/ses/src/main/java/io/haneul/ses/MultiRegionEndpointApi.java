package io.haneul.ses;

import io.haneul.core.engine.RequestContext;
import io.haneul.ses.domain.SesException;
import software.amazon.awssdk.services.sesv2.model.*;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * SES v2 multi-region endpoints (global endpoints): a name, an endpoint id and two regions, the
 * caller's (primary) and the one route given (secondary). One Haneul process serves every region, so
 * an endpoint is READY as soon as it is made and DELETING ends at once.
 */
public final class MultiRegionEndpointApi {

    /** A stored endpoint. */
    public static final class Endpoint {
        public String name;
        public String id;
        public List<String> regions;
        public long createdMs;
        public long updatedMs;
    }

    private final SesRuntime rt;
    private final ResourceTags tags;

    MultiRegionEndpointApi(SesRuntime rt, ResourceTags tags) {
        this.rt = rt;
        this.tags = tags;
    }

    private Endpoint require(Scope s, String name) {
        return rt.docs().get(s, Docs.MULTI_REGION_ENDPOINT, name, Endpoint.class)
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "Multi-region endpoint " + name + " does not exist."));
    }

    public CreateMultiRegionEndpointResponse createMultiRegionEndpoint(RequestContext ctx, CreateMultiRegionEndpointRequest r) {
        Scope s = Scope.of(ctx);
        List<RouteDetails> routes = r.details() == null ? List.of() : r.details().routesDetails();
        if (routes.size() != 1) {
            throw SesException.invalid("RoutesDetails must contain exactly one route: the secondary region.");
        }
        String secondary = routes.getFirst().region();
        if (secondary == null || !secondary.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw SesException.invalid("Invalid region " + secondary + ".");
        }
        if (secondary.equals(s.region())) {
            throw SesException.invalid("The secondary region must differ from the primary region " + s.region() + ".");
        }
        if (r.hasTags()) {
            ResourceTags.check(r.tags());
        }
        Endpoint e = new Endpoint();
        e.name = r.endpointName();
        e.id = UUID.randomUUID().toString().substring(0, 8) + "." + UUID.randomUUID().toString().substring(0, 8);
        e.regions = List.of(s.region(), secondary);
        e.createdMs = rt.clock().millis();
        e.updatedMs = e.createdMs;
        boolean created = rt.store().db().write(c -> rt.docs().insert(c, s, Docs.MULTI_REGION_ENDPOINT, e.name, e, e.createdMs));
        if (!created) {
            throw SesException.exists("AlreadyExistsException", "Multi-region endpoint " + e.name + " already exists.");
        }
        tags.put(s, s.arn("multi-region-endpoint/" + e.name), r.tags());
        return CreateMultiRegionEndpointResponse.builder().endpointId(e.id).status(Status.READY).build();
    }

    public GetMultiRegionEndpointResponse getMultiRegionEndpoint(RequestContext ctx, GetMultiRegionEndpointRequest r) {
        Endpoint e = require(Scope.of(ctx), r.endpointName());
        return GetMultiRegionEndpointResponse.builder().endpointName(e.name).endpointId(e.id).status(Status.READY)
                .routes(e.regions.stream().map(x -> Route.builder().region(x).build()).toList())
                .createdTimestamp(Instant.ofEpochMilli(e.createdMs)).lastUpdatedTimestamp(Instant.ofEpochMilli(e.updatedMs)).build();
    }

    public ListMultiRegionEndpointsResponse listMultiRegionEndpoints(RequestContext ctx, ListMultiRegionEndpointsRequest r) {
        List<Endpoint> all = rt.docs().list(Scope.of(ctx), Docs.MULTI_REGION_ENDPOINT, Endpoint.class);
        Paging.Page<Endpoint> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListMultiRegionEndpointsResponse.builder().multiRegionEndpoints(page.items().stream().map(e -> MultiRegionEndpoint.builder()
                .endpointName(e.name).endpointId(e.id).status(Status.READY).regions(e.regions)
                .createdTimestamp(Instant.ofEpochMilli(e.createdMs)).lastUpdatedTimestamp(Instant.ofEpochMilli(e.updatedMs)).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    public DeleteMultiRegionEndpointResponse deleteMultiRegionEndpoint(RequestContext ctx, DeleteMultiRegionEndpointRequest r) {
        Scope s = Scope.of(ctx);
        require(s, r.endpointName());
        rt.docs().delete(s, Docs.MULTI_REGION_ENDPOINT, r.endpointName());
        tags.drop(s, s.arn("multi-region-endpoint/" + r.endpointName()));
        return DeleteMultiRegionEndpointResponse.builder().status(Status.DELETING).build();
    }
}
