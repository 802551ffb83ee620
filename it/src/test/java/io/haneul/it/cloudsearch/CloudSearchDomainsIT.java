package io.haneul.it.cloudsearch;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.CloudSearchException;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearch.model.OptionState;
import software.amazon.awssdk.services.cloudsearch.model.ResourceNotFoundException;

import java.util.List;
import java.util.Map;

import static io.haneul.it.cloudsearch.CloudSearchClients.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Domains through the SDK v2 client: creation, description with endpoints, IndexDocuments, deletion and their errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchDomainsIT {

    TestServer server;
    CloudSearchClient cs;

    @BeforeAll
    void start() {
        server = newServer();
        cs = CloudSearchClients.client(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        cs.close();
        server.close();
    }

    @Test
    void createDescribeAndListDomains() {
        DomainStatus created = cs.createDomain(b -> b.domainName("movies")).domainStatus();
        assertEquals(ACCOUNT + "/movies", created.domainId());
        assertEquals("movies", created.domainName());
        assertEquals("arn:aws:cloudsearch:us-east-1:" + ACCOUNT + ":domain/movies", created.arn());
        assertTrue(created.created());
        assertFalse(created.deleted());
        assertFalse(created.processing());
        assertFalse(created.requiresIndexDocuments());
        String host = server.endpoint().getAuthority();
        assertTrue(created.docService().endpoint().matches(java.util.regex.Pattern.quote(host) + "/_aws/cloudsearch/doc-movies-[a-z0-9]{26}"),
                created.docService().endpoint());
        assertEquals(created.docService().endpoint().replace("/doc-", "/search-"), created.searchService().endpoint());
        assertEquals("search.small", created.searchInstanceType());
        assertEquals(1, created.searchPartitionCount());
        assertEquals(1, created.searchInstanceCount());

        DomainStatus again = cs.createDomain(b -> b.domainName("movies")).domainStatus();
        assertEquals(created.docService().endpoint(), again.docService().endpoint(), "CreateDomain of an existing domain answers it unchanged");

        cs.createDomain(b -> b.domainName("books"));
        List<DomainStatus> all = cs.describeDomains(b -> { }).domainStatusList();
        assertTrue(all.stream().map(DomainStatus::domainName).toList().containsAll(List.of("books", "movies")));
        List<DomainStatus> one = cs.describeDomains(b -> b.domainNames("movies", "nothing-here")).domainStatusList();
        assertEquals(List.of("movies"), one.stream().map(DomainStatus::domainName).toList());
        Map<String, String> names = cs.listDomainNames().domainNames();
        assertEquals("2013-01-01", names.get("movies"));
        assertEquals("2013-01-01", names.get("books"));

        CloudSearchClient other = CloudSearchClients.client(server, "210987654321");
        assertFalse(other.listDomainNames().domainNames().containsKey("movies"), "domains belong to their account");
        other.close();
    }

    @Test
    void domainNamesFollowAwsRules() {
        for (String bad : List.of("ab", "Movies", "1movies", "movies_x", "a-very-long-domain-name-over-28")) {
            CloudSearchException e = assertThrows(CloudSearchException.class, () -> cs.createDomain(b -> b.domainName(bad)), bad);
            assertEquals(400, e.statusCode(), bad);
            assertEquals("ValidationException", e.awsErrorDetails().errorCode(), bad);
        }
        assertEquals("abc-1", cs.createDomain(b -> b.domainName("abc-1")).domainStatus().domainName());
    }

    @Test
    void indexFieldNeedsIndexDocumentsThenIsActive() {
        cs.createDomain(b -> b.domainName("catalog"));
        IndexFieldStatus title = cs.defineIndexField(b -> b.domainName("catalog").indexField(f -> f.indexFieldName("title")
                .indexFieldType(IndexFieldType.TEXT).textOptions(o -> o.returnEnabled(true)))).indexField();
        assertEquals("title", title.options().indexFieldName());
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, title.status().state());
        assertFalse(title.status().pendingDeletion());
        assertTrue(cs.describeDomains(b -> b.domainNames("catalog")).domainStatusList().getFirst().requiresIndexDocuments());
        assertTrue(cs.describeIndexFields(b -> b.domainName("catalog").deployed(true)).indexFields().isEmpty(),
                "nothing is deployed before IndexDocuments");

        cs.defineIndexField(b -> b.domainName("catalog").indexField(f -> f.indexFieldName("year").indexFieldType(IndexFieldType.INT)));
        assertEquals(List.of("title", "year"), cs.indexDocuments(b -> b.domainName("catalog")).fieldNames());

        DomainStatus after = cs.describeDomains(b -> b.domainNames("catalog")).domainStatusList().getFirst();
        assertFalse(after.requiresIndexDocuments());
        List<IndexFieldStatus> deployed = cs.describeIndexFields(b -> b.domainName("catalog").deployed(true)).indexFields();
        assertEquals(List.of("title", "year"), deployed.stream().map(f -> f.options().indexFieldName()).toList());
        deployed.forEach(f -> assertEquals(OptionState.ACTIVE, f.status().state()));
        assertTrue(deployed.get(0).status().updateVersion() < deployed.get(1).status().updateVersion());

        IndexFieldStatus gone = cs.deleteIndexField(b -> b.domainName("catalog").indexFieldName("year")).indexField();
        assertTrue(gone.status().pendingDeletion());
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, gone.status().state());
        assertEquals(2, cs.describeIndexFields(b -> b.domainName("catalog").deployed(true)).indexFields().size());
        assertEquals(List.of("title"), cs.indexDocuments(b -> b.domainName("catalog")).fieldNames());
        assertEquals(List.of("title"), cs.describeIndexFields(b -> b.domainName("catalog")).indexFields().stream()
                .map(f -> f.options().indexFieldName()).toList());
    }

    @Test
    void missingDomainsAnswerResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> cs.describeIndexFields(b -> b.domainName("nowhere")));
        assertEquals(409, e.statusCode());
        assertEquals("ResourceNotFound", e.awsErrorDetails().errorCode());
        assertThrows(ResourceNotFoundException.class, () -> cs.indexDocuments(b -> b.domainName("nowhere")));
        assertNull(cs.deleteDomain(b -> b.domainName("nowhere")).domainStatus());
    }

    @Test
    void deleteDomainAnswersItsLastStatus() {
        cs.createDomain(b -> b.domainName("doomed"));
        DomainStatus deleted = cs.deleteDomain(b -> b.domainName("doomed")).domainStatus();
        assertTrue(deleted.deleted());
        assertEquals("doomed", deleted.domainName());
        assertFalse(cs.listDomainNames().domainNames().containsKey("doomed"));
        assertThrows(ResourceNotFoundException.class, () -> cs.describeScalingParameters(b -> b.domainName("doomed")));
    }
}
