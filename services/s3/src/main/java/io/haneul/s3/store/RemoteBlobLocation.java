package io.haneul.s3.store;

import java.net.URI;
import java.util.Optional;

/**
 * Where {@link RemoteBlobStore} keeps blobs, parsed from {@code --s3-blob-url}:
 * {@code http(s)://host[:port]/bucket[/prefix]} for any S3-compatible store (path-style requests to
 * that endpoint), or {@code s3://bucket[/prefix]} for AWS S3 itself (the SDK's regional endpoint).
 *
 * @param endpoint the endpoint to call; empty for AWS's own
 * @param prefix   prepended to every blob id; empty or ending in {@code /}
 */
public record RemoteBlobLocation(Optional<URI> endpoint, String bucket, String prefix) {

    public static RemoteBlobLocation parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--s3-blob-url is not a URL: " + url);
        }
        if (uri.getRawUserInfo() != null) { // refused without echoing the URL, which holds a secret
            throw new IllegalArgumentException("--s3-blob-url takes no credentials; use --s3-blob-access-key-id and --s3-blob-secret-access-key");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String path;
        Optional<URI> endpoint;
        switch (scheme) {
            case "s3" -> {
                path = (uri.getHost() == null ? "" : uri.getHost()) + (uri.getPath() == null ? "" : uri.getPath());
                endpoint = Optional.empty();
            }
            case "http", "https" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("--s3-blob-url needs a host: " + url);
                }
                path = uri.getPath() == null ? "" : uri.getPath();
                endpoint = Optional.of(URI.create(scheme + "://" + uri.getRawAuthority()));
            }
            default -> throw new IllegalArgumentException(
                    "--s3-blob-url must be http(s)://host[:port]/bucket[/prefix] or s3://bucket[/prefix], not " + url);
        }
        String trimmed = path.replaceAll("^/+", "");
        int slash = trimmed.indexOf('/');
        String bucket = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("--s3-blob-url names no bucket: " + url);
        }
        String prefix = slash < 0 ? "" : trimmed.substring(slash + 1).replaceAll("/+$", "");
        return new RemoteBlobLocation(endpoint, bucket, prefix.isEmpty() ? "" : prefix + "/");
    }

    /** The object key of a blob. */
    public String key(String blob) {
        return prefix + blob;
    }
}
