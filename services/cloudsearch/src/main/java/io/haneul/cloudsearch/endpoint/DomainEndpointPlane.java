package io.haneul.cloudsearch.endpoint;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domains' document and search endpoints as a data plane, in two forms: by path on Haneul's own
 * host, {@code /_aws/cloudsearch/doc-<endpoint id>/2013-01-01/documents/batch} (what DescribeDomains
 * hands out by default, since {@code *.localhost} does not resolve everywhere), and by host, AWS's
 * {@code doc-<endpoint id>.<region>.cloudsearch.localhost[:port]} and {@code search-…}.
 */
public final class DomainEndpointPlane implements DataPlane {

    public static final String PREFIX = "/_aws/cloudsearch/";
    private static final Pattern HOST = Pattern.compile("(doc|search)-([a-z][a-z0-9-]{2,27}-[a-z0-9]{26})\\.[a-z0-9-]+\\.cloudsearch\\..+");
    private static final Pattern PATH = Pattern.compile("/_aws/cloudsearch/(doc|search)-([a-z][a-z0-9-]{2,27}-[a-z0-9]{26})(/.*)?");

    private final Supplier<DomainEndpoints> endpoints;

    /** @param endpoints the running service's endpoints, available once the provider has started */
    public DomainEndpointPlane(Supplier<DomainEndpoints> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "cloudsearch-domain";
    }

    @Override
    public List<HostPattern> hosts() {
        return List.of(HostPattern.of("doc-*.cloudsearch.*"), HostPattern.of("search-*.cloudsearch.*"));
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PREFIX);
    }

    @Override
    public boolean accepts(WireRequest head) {
        return HOST.matcher(head.hostName()).matches() || PATH.matcher(head.rawPath()).matches();
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        call.provider();
        DomainEndpoints running = endpoints.get();
        if (running == null) {
            return Responses.plain(503, "CloudSearch is not running");
        }
        WireRequest r = call.request();
        Matcher byHost = HOST.matcher(r.hostName());
        if (byHost.matches()) {
            return running.handle(call, byHost.group(1), byHost.group(2), r.rawPath());
        }
        Matcher byPath = PATH.matcher(r.rawPath());
        if (!byPath.matches()) {
            return Responses.plain(404, "Not found");
        }
        return running.handle(call, byPath.group(1), byPath.group(2), byPath.group(3) == null ? "/" : byPath.group(3));
    }
}
