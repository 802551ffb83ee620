package io.haneul.core.engine;

import java.time.Instant;

/**
 * Who asked, where and when: what a provider needs of a request besides its typed input.
 *
 * @param accountId   the caller's account; every resource is scoped to (account, region)
 * @param region      region from the credential scope or the host, default {@code us-east-1}
 * @param requestId   the id answered in the response headers and envelopes
 * @param accessKeyId the access key the request was signed with, or null when unsigned
 * @param host        the Host header the client used (with port), for URLs handed back (queue URLs)
 * @param scheme      {@code http} or {@code https} as the client reached us
 * @param receivedAt  when the request arrived, from the server's clock
 * @param body        the request body when it is streamed rather than buffered (S3 objects), else null
 * @param sourceIp    the client's IP address ({@code aws:SourceIp} in policies), or null when unknown
 */
public record RequestContext(String accountId, String region, String requestId, String accessKeyId,
                             String host, String scheme, Instant receivedAt, RequestBody body, String sourceIp) {

    /** A context whose client address is unknown. */
    public RequestContext(String accountId, String region, String requestId, String accessKeyId,
                          String host, String scheme, Instant receivedAt, RequestBody body) {
        this(accountId, region, requestId, accessKeyId, host, scheme, receivedAt, body, null);
    }

    /** A context for a request whose body, if any, was buffered. */
    public RequestContext(String accountId, String region, String requestId, String accessKeyId,
                          String host, String scheme, Instant receivedAt) {
        this(accountId, region, requestId, accessKeyId, host, scheme, receivedAt, null, null);
    }

    /** Base URL the client reached the server on, e.g. {@code http://localhost:4566}. */
    public String baseUrl() {
        return scheme + "://" + host;
    }
}
