package io.haneul.it.cloudsearch;

import io.haneul.it.support.ChildServer;
import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearchdomain.CloudSearchDomainClient;
import software.amazon.awssdk.services.cloudsearchdomain.model.ContentType;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Acknowledged batches survive a kill -9 (the database holds them; the index replays what its last
 * commit missed), and on PostgreSQL a second node searches what the first indexed (each node's index
 * follows the documents table).
 */
class CloudSearchDurabilityIT {

    @TempDir
    Path dir;

    private static CloudSearchClient config(URI endpoint) {
        return CloudSearchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CloudSearchClients.ACCOUNT, "secret"))).build();
    }

    private static CloudSearchDomainClient domain(URI node, String endpoint) {
        // the endpoint DescribeDomains gave, with this node's host: the path form names the domain, not the node
        String path = endpoint.substring(endpoint.indexOf('/'));
        return CloudSearchDomainClient.builder().endpointOverride(URI.create(node + path)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CloudSearchClients.ACCOUNT, "secret"))).build();
    }

    private static DomainStatus createBooks(CloudSearchClient cs) {
        cs.createDomain(b -> b.domainName("books"));
        cs.defineIndexField(b -> b.domainName("books").indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
        cs.indexDocuments(b -> b.domainName("books"));
        return cs.describeDomains(b -> b.domainNames("books")).domainStatusList().getFirst();
    }

    private static void upload(CloudSearchDomainClient doc, String id, String title) {
        doc.uploadDocuments(b -> b.contentType(ContentType.APPLICATION_JSON),
                RequestBody.fromString("[{\"type\":\"add\",\"id\":\"" + id + "\",\"fields\":{\"title\":\"" + title + "\"}}]"));
    }

    @Test
    void acknowledgedBatchesSurviveKillMinus9() throws Exception {
        Path data = dir.resolve("node");
        String docEndpoint;
        String searchEndpoint;
        try (ChildServer first = ChildServer.start(data); CloudSearchClient cs = config(first.endpoint())) {
            DomainStatus d = createBooks(cs);
            docEndpoint = d.docService().endpoint();
            searchEndpoint = d.searchService().endpoint();
            try (CloudSearchDomainClient doc = domain(first.endpoint(), docEndpoint)) {
                for (int i = 0; i < 20; i++) {
                    upload(doc, "b" + i, "acknowledged book " + i);
                }
            }
            first.kill();
        }
        try (ChildServer second = ChildServer.start(data);
             CloudSearchDomainClient search = domain(second.endpoint(), searchEndpoint)) {
            assertEquals(20, search.search(b -> b.query("acknowledged")).hits().found());
        }
    }

    @Test
    void aSecondPostgresNodeSearchesWhatTheFirstIndexed() throws Exception {
        String db = SharedPostgres.newDatabase("haneul_cloudsearch");
        try (TestServer a = TestServer.startIn(dir.resolve("a"), java.time.Clock.systemUTC(), "--storage", db);
             TestServer b = TestServer.startIn(dir.resolve("b"), java.time.Clock.systemUTC(), "--storage", db);
             CloudSearchClient cs = config(a.endpoint())) {
            DomainStatus d = createBooks(cs);
            try (CloudSearchDomainClient docA = domain(a.endpoint(), d.docService().endpoint());
                 CloudSearchDomainClient searchA = domain(a.endpoint(), d.searchService().endpoint());
                 CloudSearchDomainClient docB = domain(b.endpoint(), d.docService().endpoint());
                 CloudSearchDomainClient searchB = domain(b.endpoint(), d.searchService().endpoint())) {
                upload(docA, "a1", "written on node a");
                assertEquals(1, searchB.search(q -> q.query("written")).hits().found());
                upload(docB, "b1", "written on node b");
                assertEquals(2, searchA.search(q -> q.query("written")).hits().found());
                docB.uploadDocuments(x -> x.contentType(ContentType.APPLICATION_JSON), RequestBody.fromString("[{\"type\":\"delete\",\"id\":\"a1\"}]"));
                assertEquals(1, searchA.search(q -> q.query("written")).hits().found());
            }
        }
    }
}
