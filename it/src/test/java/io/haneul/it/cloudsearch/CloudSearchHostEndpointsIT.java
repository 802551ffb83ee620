package io.haneul.it.cloudsearch;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --cloudsearch-endpoints host}: DescribeDomains hands out AWS's host form on Haneul's port. */
class CloudSearchHostEndpointsIT {

    @Test
    void hostFormEndpoints() throws Exception {
        try (TestServer server = TestServer.start("--cloudsearch-endpoints", "host"); CloudSearchClient cs = CloudSearchClients.client(server)) {
            DomainStatus d = cs.createDomain(b -> b.domainName("hosted")).domainStatus();
            String doc = d.docService().endpoint();
            assertTrue(doc.matches("doc-hosted-[a-z0-9]{26}\\.us-east-1\\.cloudsearch\\.localhost:" + server.port()), doc);
            assertEquals(doc.replaceFirst("^doc-", "search-"), d.searchService().endpoint());
        }
    }
}
