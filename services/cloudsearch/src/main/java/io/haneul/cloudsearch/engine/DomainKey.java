package io.haneul.cloudsearch.engine;

/**
 * Names one search domain across accounts and regions.
 *
 * @param domainId AWS's DomainId, {@code <account>/<domainName>}
 * @param endpointId the part of both endpoints after {@code doc-} / {@code search-}:
 *                   {@code <domainName>-<26 lowercase letters and digits>}, fixed at creation
 */
public record DomainKey(String accountId, String region, String domainName, String domainId, String endpointId) {
}
