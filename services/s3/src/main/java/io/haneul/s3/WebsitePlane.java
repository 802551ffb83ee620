package io.haneul.s3;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireResponse;

import java.util.List;
import java.util.Locale;

/**
 * S3's static-website endpoints as a data plane: {@code <bucket>.s3-website.localhost},
 * {@code <bucket>.s3-website-<region>.localhost}, {@code <bucket>.s3-website.<region>.localhost},
 * and, for clients whose resolver cannot look up {@code *.localhost}, the path form
 * {@code /_aws/s3-website/<bucket>/<key>} on Haneul's own host. Served unsigned, as website visitors
 * are; only the website endpoint answers here, never S3's operations.
 */
final class WebsitePlane implements DataPlane {

    static final String PATH_PREFIX = "/_aws/s3-website/";

    /** {@code <bucket>.s3-website<anything>}, and the bare {@code <bucket>.s3-website}. */
    private static final List<HostPattern> HOSTS = List.of(HostPattern.of("*.s3-website*"), HostPattern.of("*.s3-website"));

    @Override
    public String name() {
        return "website";
    }

    @Override
    public List<HostPattern> hosts() {
        return HOSTS;
    }

    /** The path form is taken only on a host that names no bucket: on a bucket's host it is an object key. */
    @Override
    public boolean accepts(io.haneul.core.wire.WireRequest head) {
        return websiteBucket(head.hostName()) != null || S3Addressing.virtualHostBucket(head.hostName()) == null;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PATH_PREFIX);
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        S3Provider s3 = (S3Provider) call.provider();
        String path = call.request().rawPath();
        String hostBucket = websiteBucket(call.request().hostName());
        if (hostBucket != null) {
            return s3.website(call.request(), hostBucket, path, "", call.requestId(), call.scheme());
        }
        String rest = path.substring(PATH_PREFIX.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String keyPath = slash < 0 ? "/" : rest.substring(slash);
        return s3.website(call.request(), bucket, keyPath, PATH_PREFIX + bucket, call.requestId(), call.scheme());
    }

    /** The bucket a website host names ({@code <bucket>.s3-website...}), or null for any other host. */
    static String websiteBucket(String hostName) {
        String host = hostName.toLowerCase(Locale.ROOT);
        for (HostPattern pattern : HOSTS) {
            String bucket = pattern.leadingWildcard(host);
            if (bucket != null) {
                return bucket;
            }
        }
        return null;
    }
}
