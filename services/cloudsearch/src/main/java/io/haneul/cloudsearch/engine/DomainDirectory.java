package io.haneul.cloudsearch.engine;

import java.util.Optional;

/**
 * What the domain endpoints ask of the configuration side: which domain an endpoint belongs to and
 * its configuration now. The configuration side implements it; the document and search endpoints
 * call it.
 */
public interface DomainDirectory {

    /** The domain whose endpoints carry {@code endpointId} ({@link DomainKey#endpointId()}), empty when none. */
    Optional<DirectoryEntry> byEndpointId(String endpointId);

    /**
     * A domain and its current configuration (what DescribeIndexFields etc. answer, pending deletions left out).
     *
     * @param accessPolicy the domain's service access policy (an IAM policy document), or {@code ""} when it has none
     * @param enforceHttps whether the domain's endpoint options require HTTPS (EnforceHTTPS)
     */
    record DirectoryEntry(DomainKey key, DomainSchema schema, String accessPolicy, boolean enforceHttps) {

        public DirectoryEntry(DomainKey key, DomainSchema schema) {
            this(key, schema, "", false);
        }
    }
}
