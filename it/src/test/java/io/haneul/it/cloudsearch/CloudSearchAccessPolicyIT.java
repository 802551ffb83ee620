package io.haneul.it.cloudsearch;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearchdomain.CloudSearchDomainClient;
import software.amazon.awssdk.services.cloudsearchdomain.model.CloudSearchDomainException;
import software.amazon.awssdk.services.cloudsearchdomain.model.ContentType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The domain's service access policy decides who uses its endpoints, in strict mode: the owner always
 * (unless denied), another account and unsigned callers only as the policy allows, with aws:SourceIp.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchAccessPolicyIT {

    static final String OWNER_KEY = "AKIAHANEULCSOWNER001";
    static final String OTHER_KEY = "AKIAHANEULCSOTHER001";
    static final String OWNER = "123456789012";
    static final String OTHER = "210987654321";

    TestServer server;
    CloudSearchClient cs;
    DomainStatus domain;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path creds = Files.createTempFile("cloudsearch-credentials", "");
        Files.writeString(creds, OWNER_KEY + " ownerSecret " + OWNER + "\n" + OTHER_KEY + " otherSecret " + OTHER + "\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
        cs = CloudSearchClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(OWNER_KEY, "ownerSecret"))).build();
        cs.createDomain(b -> b.domainName("films"));
        cs.defineIndexField(b -> b.domainName("films").indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
        cs.defineSuggester(b -> b.domainName("films").suggester(s -> s.suggesterName("titles")
                .documentSuggesterOptions(o -> o.sourceField("title"))));
        cs.indexDocuments(b -> b.domainName("films"));
        domain = cs.describeDomains(b -> b.domainNames("films")).domainStatusList().getFirst();
        try (CloudSearchDomainClient doc = client(domain.docService().endpoint(), OWNER_KEY, "ownerSecret")) {
            doc.uploadDocuments(b -> b.contentType(ContentType.APPLICATION_JSON),
                    RequestBody.fromString("[{\"type\":\"add\",\"id\":\"f1\",\"fields\":{\"title\":\"Star Wars\"}}]"));
        }
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    static CloudSearchDomainClient client(String endpoint, String key, String secret) {
        return CloudSearchDomainClient.builder().endpointOverride(URI.create("http://" + endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    void policy(String document) {
        cs.updateServiceAccessPolicies(b -> b.domainName("films").accessPolicies(document));
    }

    HttpResponse<String> unsigned(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + domain.searchService().endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String domainArn() {
        return "arn:aws:cloudsearch:us-east-1:" + OWNER + ":domain/films";
    }

    @Test
    void withoutAPolicyOnlyTheOwnerGetsIn() throws Exception {
        policy("");
        try (CloudSearchDomainClient owner = client(domain.searchService().endpoint(), OWNER_KEY, "ownerSecret");
             CloudSearchDomainClient other = client(domain.searchService().endpoint(), OTHER_KEY, "otherSecret")) {
            assertEquals(1L, owner.search(b -> b.query("star")).hits().found());
            CloudSearchDomainException e = assertThrows(CloudSearchDomainException.class, () -> other.search(b -> b.query("star")));
            assertEquals(403, e.statusCode());
        }
        assertEquals(403, unsigned("/2013-01-01/search?q=star").statusCode());
    }

    @Test
    void anotherAccountGetsTheActionsThePolicyAllows() {
        policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::%s:root"]},
                 "Action":["cloudsearch:search"],"Resource":"%s"}]}""".formatted(OTHER, domainArn()));
        try (CloudSearchDomainClient other = client(domain.searchService().endpoint(), OTHER_KEY, "otherSecret");
             CloudSearchDomainClient otherDocs = client(domain.docService().endpoint(), OTHER_KEY, "otherSecret")) {
            assertEquals(1L, other.search(b -> b.query("star")).hits().found());
            CloudSearchDomainException e = assertThrows(CloudSearchDomainException.class, () -> other.suggest(b -> b.query("sta").suggester("titles")));
            assertEquals(403, e.statusCode());
            CloudSearchDomainException upload = assertThrows(CloudSearchDomainException.class,
                    () -> otherDocs.uploadDocuments(b -> b.contentType(ContentType.APPLICATION_JSON),
                            RequestBody.fromString("[{\"type\":\"delete\",\"id\":\"f1\"}]")));
            assertEquals(403, upload.statusCode());
        }
    }

    @Test
    void everyoneFromAnAllowedAddressSearchesUnsigned() throws Exception {
        policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["cloudsearch:search"],
                 "Condition":{"IpAddress":{"aws:SourceIp":["127.0.0.1/32","::1/128"]}}}]}""");
        HttpResponse<String> r = unsigned("/2013-01-01/search?q=star");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"id\":\"f1\""), r.body());
        HttpResponse<String> suggest = unsigned("/2013-01-01/suggest?q=sta&suggester=titles");
        assertEquals(403, suggest.statusCode());
        assertTrue(suggest.body().contains("Request forbidden by administrative rules"), suggest.body());

        policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["cloudsearch:search"],
                 "Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8"]}}}]}""");
        assertEquals(403, unsigned("/2013-01-01/search?q=star").statusCode());
    }

    @Test
    void anExplicitDenyStopsEvenTheOwner() {
        policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["cloudsearch:search"],
                 "Condition":{"IpAddress":{"aws:SourceIp":["127.0.0.0/8","::1/128"]}}}]}""");
        try (CloudSearchDomainClient owner = client(domain.searchService().endpoint(), OWNER_KEY, "ownerSecret")) {
            CloudSearchDomainException e = assertThrows(CloudSearchDomainException.class, () -> owner.search(b -> b.query("star")));
            assertEquals(403, e.statusCode());
            assertTrue(e.getMessage().contains("is not authorized to perform: cloudsearch:search"), e.getMessage());
            assertEquals(1L, owner.suggest(b -> b.query("sta").suggester("titles")).suggest().found());
        }
    }
}
