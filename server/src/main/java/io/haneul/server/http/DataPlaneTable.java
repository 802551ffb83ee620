package io.haneul.server.http;

import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;
import io.haneul.server.services.ServiceRegistry.BoundPlane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The modules' data planes in the order the router asks them: by host, the most specific pattern
 * first, then by path prefix, the longest first. A plane that does not {@code accept} a request its
 * host or path matched hands it on to the next candidate, and in the end to API resolution.
 */
final class DataPlaneTable {

    private record ByHost(HostPattern pattern, BoundPlane plane) {
    }

    private record ByPath(String prefix, BoundPlane plane) {
    }

    private final List<ByHost> byHost = new ArrayList<>();
    private final List<ByPath> byPath = new ArrayList<>();

    DataPlaneTable(List<BoundPlane> planes) {
        for (BoundPlane bound : planes) {
            bound.plane().hosts().forEach(h -> byHost.add(new ByHost(h, bound)));
            bound.plane().pathPrefixes().forEach(p -> byPath.add(new ByPath(p, bound)));
        }
        byHost.sort(Comparator.comparingInt((ByHost h) -> h.pattern().specificity()).reversed());
        byPath.sort(Comparator.comparingInt((ByPath p) -> p.prefix().length()).reversed());
    }

    /** The plane that takes a request (judged from its line and headers), or null for the AWS APIs. */
    BoundPlane find(WireRequest head) {
        if (!byHost.isEmpty()) {
            String host = head.hostName();
            for (ByHost h : byHost) {
                if (h.pattern().matches(host) && h.plane().plane().accepts(head)) {
                    return h.plane();
                }
            }
        }
        String path = head.rawPath();
        for (ByPath p : byPath) {
            if (path.startsWith(p.prefix()) && p.plane().plane().accepts(head)) {
                return p.plane();
            }
        }
        return null;
    }
}
