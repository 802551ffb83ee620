package io.haneul.it.cloudsearch;

import io.haneul.it.support.RawHttp;
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
import software.amazon.awssdk.services.cloudsearchdomain.model.ContentType;
import software.amazon.awssdk.services.cloudsearchdomain.model.DocumentServiceException;
import software.amazon.awssdk.services.cloudsearchdomain.model.Hit;
import software.amazon.awssdk.services.cloudsearchdomain.model.SearchException;
import software.amazon.awssdk.services.cloudsearchdomain.model.SearchResponse;
import software.amazon.awssdk.services.cloudsearchdomain.model.SuggestResponse;
import software.amazon.awssdk.services.cloudsearchdomain.model.UploadDocumentsResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The domain endpoints through the SDK v2 cloudsearchdomain client, the endpoints DescribeDomains hands out, and plain HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchSearchIT {

    TestServer server;
    CloudSearchClient cs;
    CloudSearchDomainClient doc;
    CloudSearchDomainClient search;
    DomainStatus domain;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        server = TestServer.start();
        cs = CloudSearchClients.client(server);
        domain = cs.createDomain(b -> b.domainName("movies")).domainStatus();
        cs.defineIndexField(b -> b.domainName("movies").indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
        cs.defineIndexField(b -> b.domainName("movies").indexField(f -> f.indexFieldName("genres").indexFieldType(IndexFieldType.LITERAL_ARRAY)));
        cs.defineIndexField(b -> b.domainName("movies").indexField(f -> f.indexFieldName("year").indexFieldType(IndexFieldType.INT)));
        cs.defineSuggester(b -> b.domainName("movies").suggester(s -> s.suggesterName("titles")
                .documentSuggesterOptions(o -> o.sourceField("title").fuzzyMatching("low"))));
        cs.indexDocuments(b -> b.domainName("movies"));
        domain = cs.describeDomains(b -> b.domainNames("movies")).domainStatusList().getFirst();
        doc = domainClient(domain.docService().endpoint(), CloudSearchClients.ACCOUNT);
        search = domainClient(domain.searchService().endpoint(), CloudSearchClients.ACCOUNT);
        UploadDocumentsResponse r = doc.uploadDocuments(b -> b.contentType(ContentType.APPLICATION_JSON), RequestBody.fromString("""
                [{"type":"add","id":"tt1","fields":{"title":"Star Wars","genres":["Action","Sci-Fi"],"year":1977}},
                 {"type":"add","id":"tt2","fields":{"title":"The Empire Strikes Back","genres":["Action"],"year":1980}},
                 {"type":"add","id":"tt3","fields":{"title":"Star Trek","genres":["Sci-Fi"],"year":2009}}]"""));
        assertEquals("success", r.status());
        assertEquals(3, r.adds());
    }

    CloudSearchDomainClient domainClient(String endpoint, String account) {
        return CloudSearchDomainClient.builder().endpointOverride(URI.create("http://" + endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret"))).build();
    }

    @AfterAll
    void stop() throws Exception {
        doc.close();
        search.close();
        cs.close();
        server.close();
    }

    @Test
    void sdkSearchReturnsFieldsAsArraysAndFacets() {
        SearchResponse r = search.search(b -> b.query("star").facet("{\"genres\":{}}").sort("year desc").returnValues("title,year")
                .stats("{\"year\":{}}"));
        assertEquals("1977", r.stats().get("year").min());
        assertEquals("2009", r.stats().get("year").max());
        assertEquals(2L, r.stats().get("year").count());
        assertEquals(2, r.hits().found());
        Hit first = r.hits().hit().getFirst();
        assertEquals("tt3", first.id());
        assertEquals(List.of("Star Trek"), first.fields().get("title"));
        assertEquals(List.of("2009"), first.fields().get("year"));
        assertEquals(Set.of("Sci-Fi", "Action"), Set.copyOf(r.facets().get("genres").buckets().stream().map(x -> x.value()).toList()));
    }

    @Test
    void sdkStructuredQueriesFiltersAndCursors() {
        SearchResponse r = search.search(b -> b.query("matchall").queryParser("structured").filterQuery("year:[1978,}")
                .cursor("initial").size(1L).sort("year asc"));
        assertEquals(2, r.hits().found());
        assertEquals("tt2", r.hits().hit().getFirst().id());
        SearchResponse next = search.search(b -> b.query("matchall").queryParser("structured").filterQuery("year:[1978,}")
                .cursor(r.hits().cursor()).size(1L).sort("year asc"));
        assertEquals("tt3", next.hits().hit().getFirst().id());
    }

    @Test
    void sdkSuggest() {
        SuggestResponse r = search.suggest(b -> b.suggester("titles").query("star").size(5L));
        assertEquals(Set.of("Star Wars", "Star Trek"), Set.copyOf(r.suggest().suggestions().stream().map(s -> s.suggestion()).toList()));
    }

    @Test
    void sdkErrorsAreModelledExceptions() {
        SearchException e = assertThrows(SearchException.class, () -> search.search(b -> b.query("(and title:'x'").queryParser("structured")));
        assertTrue(e.getMessage().contains("Syntax error"), e.getMessage());
        assertThrows(DocumentServiceException.class, () -> doc.uploadDocuments(b -> b.contentType(ContentType.APPLICATION_JSON),
                RequestBody.fromString("[{\"type\":\"add\",\"id\":\"x1\",\"fields\":{\"nosuch\":\"x\"}}]")));
    }

    @Test
    void plainHttpWithoutFormatSdkGivesSingleValuesAsStringsAndXmlWhenAsked() throws Exception {
        String base = "http://" + domain.searchService().endpoint() + "/2013-01-01/search?q=";
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base + "trek&return=title,genres")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"title\":\"Star Trek\""), json.body());
        assertTrue(json.body().contains("\"genres\":[\"Sci-Fi\"]"), json.body());
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(URI.create(base + "trek&format=xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(xml.body().contains("<hit id=\"tt3\">"), xml.body());
        HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create("http://" + domain.docService().endpoint()
                        + "/2013-01-01/documents/batch")).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<batch><add id=\"tt4\"><field name=\"title\">Raiders</field></add></batch>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, batch.statusCode(), batch.body());
        assertTrue(batch.body().contains("adds=\"1\""), batch.body());
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(base + URLEncoder.encode("raiders", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(found.body().contains("\"found\":1"), found.body());
    }

    @Test
    void theHostFormIsRoutedByHostHeader() throws Exception {
        String endpointId = domain.searchService().endpoint().substring(domain.searchService().endpoint().indexOf("/search-") + 8);
        RawHttp.Response r = RawHttp.send(server.port(), "GET", "/2013-01-01/search?q=wars",
                Map.of("Host", "search-" + endpointId + ".us-east-1.cloudsearch.localhost:" + server.port()), (byte[]) null);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.status(), body);
        assertTrue(body.contains("\"id\":\"tt1\""), body);
        RawHttp.Response unknown = RawHttp.send(server.port(), "GET", "/2013-01-01/search?q=wars",
                Map.of("Host", "search-movies-aaaaaaaaaaaaaaaaaaaaaaaaaa.us-east-1.cloudsearch.localhost"), (byte[]) null);
        assertEquals(404, unknown.status());
    }

    @Test
    void otherAccountsCannotUseTheDomain() {
        try (CloudSearchDomainClient other = domainClient(domain.searchService().endpoint(), "210987654321")) {
            assertThrows(software.amazon.awssdk.services.cloudsearchdomain.model.CloudSearchDomainException.class,
                    () -> other.search(b -> b.query("star")));
        }
    }
}
