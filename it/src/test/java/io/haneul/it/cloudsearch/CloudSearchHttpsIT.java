package io.haneul.it.cloudsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearchdomain.CloudSearchDomainClient;
import software.amazon.awssdk.services.cloudsearchdomain.model.ContentType;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EnforceHTTPS on the domain endpoints: with it, documents/batch, search and suggest refuse plain HTTP
 * (403, nothing applied) and answer over HTTPS ({@code --tls-port}, the SDK v2 and the JDK's client
 * trusting the server's self-signed certificate from {@code <data-dir>/tls/haneul.pem}); without it,
 * both schemes are served. The scheme is the connection's, whatever the request target says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchHttpsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REFUSED = "{\"message\":\"Request forbidden by administrative rules\"}";

    TestServer server;
    CloudSearchClient cs;
    SdkHttpClient sdkHttps;
    HttpClient https;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("--tls-port", "0");
        cs = CloudSearchClients.client(server);
        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        roots.load(null, null);
        try (InputStream pem = Files.newInputStream(server.dataDir().resolve("tls/haneul.pem"))) {
            roots.setCertificateEntry("haneul", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(tls).build();
        sdkHttps = ApacheHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build();
    }

    @AfterAll
    void stop() throws Exception {
        cs.close();
        sdkHttps.close();
        server.close();
    }

    /** A domain with a text field, ready for documents; its endpoints' paths on Haneul's host. */
    record Domain(String docPath, String searchPath) {
    }

    Domain domain(String name) {
        cs.createDomain(b -> b.domainName(name));
        cs.defineIndexField(b -> b.domainName(name).indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
        cs.defineSuggester(b -> b.domainName(name).suggester(s -> s.suggesterName("titles").documentSuggesterOptions(o -> o.sourceField("title"))));
        cs.indexDocuments(b -> b.domainName(name));
        DomainStatus d = cs.describeDomains(b -> b.domainNames(name)).domainStatusList().getFirst();
        return new Domain(path(d.docService().endpoint()), path(d.searchService().endpoint()));
    }

    /** {@code 127.0.0.1:port/_aws/cloudsearch/doc-…} without its host. */
    static String path(String endpoint) {
        return endpoint.substring(endpoint.indexOf('/'));
    }

    HttpResponse<String> upload(HttpClient client, URI base, Domain d, String id, String title) throws Exception {
        String batch = "[{\"type\":\"add\",\"id\":\"" + id + "\",\"fields\":{\"title\":\"" + title + "\"}}]";
        return client.send(HttpRequest.newBuilder(base.resolve(d.docPath() + "/2013-01-01/documents/batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(HttpClient client, URI base, Domain d, String operationAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(d.searchPath() + "/2013-01-01/" + operationAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void enforce(String name, boolean https) {
        cs.updateDomainEndpointOptions(b -> b.domainName(name).domainEndpointOptions(o -> o.enforceHTTPS(https)));
    }

    @Test
    void enforcedHttpsRefusesPlainHttpOnEveryEndpoint() throws Exception {
        Domain d = domain("secure");
        enforce("secure", true);
        URI plain = server.endpoint();
        HttpResponse<String> upload = upload(http, plain, d, "p1", "plain text");
        assertEquals(403, upload.statusCode(), upload::body);
        assertEquals(REFUSED, upload.body());
        HttpResponse<String> search = get(http, plain, d, "search?q=plain");
        assertEquals(403, search.statusCode(), search::body);
        assertEquals(REFUSED, search.body());
        HttpResponse<String> suggest = get(http, plain, d, "suggest?suggester=titles&q=pla");
        assertEquals(403, suggest.statusCode(), suggest::body);
        assertEquals(REFUSED, suggest.body());

        HttpResponse<String> found = get(https, server.httpsEndpoint(), d, "search?q=matchall&q.parser=structured");
        assertEquals(200, found.statusCode(), found::body);
        assertEquals(0, JSON.readTree(found.body()).at("/hits/found").asInt(), "the refused batch was not applied");
    }

    /** The scheme is the connection's: an absolute {@code https://} request target on the plain port is plain HTTP. */
    @Test
    void anHttpsRequestTargetOnThePlainPortIsStillPlainHttp() throws Exception {
        Domain d = domain("absolute");
        enforce("absolute", true);
        String https = "https://127.0.0.1:" + server.port();
        RawHttp.Response search = RawHttp.send(server.port(), "GET", https + d.searchPath() + "/2013-01-01/search?q=matchall&q.parser=structured",
                Map.of(), (byte[]) null);
        assertEquals(403, search.status(), search::toString);
        assertEquals(REFUSED, search.text());
        RawHttp.Response upload = RawHttp.send(server.port(), "POST", https + d.docPath() + "/2013-01-01/documents/batch",
                Map.of("Content-Type", "application/json"), "[{\"type\":\"add\",\"id\":\"a1\",\"fields\":{\"title\":\"sneaked\"}}]");
        assertEquals(403, upload.status(), upload::toString);

        enforce("absolute", false); // the same request target is served once plain HTTP is allowed
        assertEquals(200, RawHttp.send(server.port(), "GET", https + d.searchPath() + "/2013-01-01/search?q=matchall&q.parser=structured",
                Map.of(), (byte[]) null).status());
    }

    @Test
    void enforcedHttpsServesTheSdkOverHttps() {
        Domain d = domain("tls-sdk");
        enforce("tls-sdk", true);
        try (CloudSearchDomainClient doc = domainClient(d.docPath()); CloudSearchDomainClient search = domainClient(d.searchPath())) {
            doc.uploadDocuments(b -> b.contentType(ContentType.APPLICATION_JSON), RequestBody.fromString(
                    "[{\"type\":\"add\",\"id\":\"s1\",\"fields\":{\"title\":\"secure search\"}}]", StandardCharsets.UTF_8));
            assertEquals(1, search.search(b -> b.query("secure")).hits().found().longValue());
            assertEquals("secure search", search.suggest(b -> b.suggester("titles").query("secu")).suggest().suggestions().getFirst().suggestion());
        }
    }

    @Test
    void withoutEnforcementBothSchemesAreServed() throws Exception {
        Domain d = domain("either");
        HttpResponse<String> overHttp = upload(http, server.endpoint(), d, "h1", "kestrel over http");
        assertEquals(200, overHttp.statusCode(), overHttp::body);
        HttpResponse<String> overHttps = upload(https, server.httpsEndpoint(), d, "h2", "kestrel over https");
        assertEquals(200, overHttps.statusCode(), overHttps::body);
        for (URI base : new URI[]{server.endpoint(), server.httpsEndpoint()}) {
            HttpResponse<String> found = get(base.getScheme().equals("https") ? https : http, base, d, "search?q=kestrel");
            assertEquals(200, found.statusCode(), found::body);
            assertEquals(2, JSON.readTree(found.body()).at("/hits/found").asInt(), base::toString);
        }

        // turning enforcement on and off again takes effect at once
        enforce("either", true);
        assertEquals(403, get(http, server.endpoint(), d, "search?q=kestrel").statusCode());
        enforce("either", false);
        assertEquals(200, get(http, server.endpoint(), d, "search?q=kestrel").statusCode());
    }

    CloudSearchDomainClient domainClient(String path) {
        return CloudSearchDomainClient.builder().endpointOverride(server.httpsEndpoint().resolve(path)).region(Region.US_EAST_1)
                .httpClient(sdkHttps)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CloudSearchClients.ACCOUNT, "secret"))).build();
    }
}
