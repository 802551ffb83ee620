package io.haneul.lambda.url;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda function URLs as a data plane, in two forms: by host,
 * {@code <url-id>.lambda-url.<region>.localhost[:port]} (what FunctionUrl names), and, for clients
 * whose resolver cannot look up {@code *.localhost}, by path on Haneul's own host:
 * {@code /_aws/lambda-url/<url-id>/<path>}, where the function sees {@code /<path>}.
 */
public final class FunctionUrlPlane implements DataPlane {

    public static final String PREFIX = "/_aws/lambda-url/";

    private static final Pattern HOST = Pattern.compile("([a-z0-9]{32})\\.lambda-url\\.([a-z0-9-]+)\\..+");
    private static final Pattern PATH = Pattern.compile("/_aws/lambda-url/([a-z0-9]{32})(/.*)?");

    @Override
    public String name() {
        return "lambda-url";
    }

    @Override
    public List<HostPattern> hosts() {
        return List.of(HostPattern.of("*.lambda-url.*"));
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PREFIX);
    }

    /** By host only when the host is a URL's (a 32-character id, then a region). */
    @Override
    public boolean accepts(WireRequest head) {
        return HOST.matcher(head.hostName()).matches() || PATH.matcher(head.rawPath()).matches();
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        if (!(call.provider() instanceof FunctionUrlHost host)) {
            return UrlResponses.message(503, "ServiceException", "Lambda is not running");
        }
        WireRequest r = call.request();
        Matcher byHost = HOST.matcher(r.hostName());
        if (byHost.matches()) {
            return host.functionUrls().handle(call, byHost.group(1), byHost.group(2), r.rawPath().isEmpty() ? "/" : r.rawPath());
        }
        Matcher byPath = PATH.matcher(r.rawPath());
        if (!byPath.matches()) {
            return UrlResponses.message(403, "AccessDeniedException", null);
        }
        return host.functionUrls().handle(call, byPath.group(1), null, byPath.group(2) == null ? "/" : byPath.group(2));
    }
}
