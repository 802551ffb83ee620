package io.haneul.apigateway.v2;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Published developer portals on Haneul's own host: {@code GET /_aws/apigateway/portals/{portalId}/}
 * answers the portal's page ({@link PortalSite}); AWS's own domain for it
 * ({@code p-{portalId}.apigw-portal.{region}.on.aws}) is not served. Anyone may read a published
 * portal, as on AWS with authorization {@code None}; an unknown or unpublished one is 404.
 */
public final class PortalPlane implements DataPlane {

    static final String PREFIX = "/_aws/apigateway/portals/";

    private final Supplier<PortalSite> site;

    /** @param site the portal pages, once the module's store exists (the call starts its provider) */
    public PortalPlane(Supplier<PortalSite> site) {
        this.site = site;
    }

    @Override
    public String name() {
        return "apigateway-portal";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PREFIX);
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        call.provider();
        String rest = call.request().rawPath().substring(PREFIX.length());
        String id = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        PortalSite pages = site.get();
        Optional<String> page = pages == null || !call.request().method().equals("GET") ? Optional.empty() : pages.page(id);
        Headers headers = new Headers();
        if (page.isEmpty()) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
            return new WireResponse(404, headers, "Not Found\n".getBytes(StandardCharsets.UTF_8));
        }
        headers.set("Content-Type", "text/html; charset=utf-8");
        return new WireResponse(200, headers, page.get().getBytes(StandardCharsets.UTF_8));
    }
}
