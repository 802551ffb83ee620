package io.haneul.it.s3;

import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RoutingRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Buckets served as static websites on {@code <bucket>.s3-website.localhost}: index documents,
 * folder redirects, the error document, routing rules, per-object and redirect-all redirects, S3's
 * HTML error pages; unsigned even when the server requires signatures.
 */
class S3WebsiteIT {

    @TempDir
    Path dir;

    static RawHttp.Response get(TestServer server, String method, String bucket, String path) {
        return RawHttp.send(server.port(), method, path, Map.of("Host", bucket + ".s3-website.localhost:" + server.port()), (byte[]) null);
    }

    static void site(S3Client s3, String b) {
        s3.createBucket(r -> r.bucket(b));
        s3.putBucketWebsite(r -> r.bucket(b).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                .errorDocument(e -> e.key("error.html")).routingRules(RoutingRule.builder().condition(c -> c.keyPrefixEquals("docs/"))
                        .redirect(x -> x.replaceKeyPrefixWith("documents/")).build())));
        for (String[] page : new String[][]{{"index.html", "<h1>home</h1>"}, {"about/index.html", "<h1>about</h1>"},
                {"error.html", "<h1>oops</h1>"}, {"page.html", "<p>page</p>"}}) {
            s3.putObject(r -> r.bucket(b).key(page[0]).contentType("text/html"), RequestBody.fromString(page[1]));
        }
        s3.putObject(r -> r.bucket(b).key("old.html").websiteRedirectLocation("/page.html"), RequestBody.fromString(""));
    }

    @Test
    void servesABucketAsAWebsite() throws Exception {
        try (TestServer server = TestServer.start(); S3Client s3 = S3Clients.client(server, S3Clients.ACCOUNT_A)) {
            String plain = S3Clients.bucket("plain");
            s3.createBucket(r -> r.bucket(plain));
            RawHttp.Response none = get(server, "GET", plain, "/");
            assertEquals(404, none.status());
            assertTrue(none.text().contains("Code: NoSuchWebsiteConfiguration"), none::toString);

            String b = S3Clients.bucket("site");
            site(s3, b);
            RawHttp.Response home = get(server, "GET", b, "/");
            assertEquals(200, home.status(), home::toString);
            assertEquals("<h1>home</h1>", home.text());
            assertEquals("text/html", home.header("Content-Type"));
            assertEquals(302, get(server, "GET", b, "/about").status());
            assertEquals("/about/", get(server, "GET", b, "/about").header("Location"));
            assertEquals("<h1>about</h1>", get(server, "GET", b, "/about/").text());
            RawHttp.Response missing = get(server, "GET", b, "/nope.html");
            assertEquals(404, missing.status());
            assertEquals("<h1>oops</h1>", missing.text(), "the error document");
            RawHttp.Response routed = get(server, "GET", b, "/docs/guide.html");
            assertEquals(301, routed.status());
            assertTrue(routed.header("Location").endsWith("/documents/guide.html"), routed::toString);
            assertEquals("/page.html", get(server, "GET", b, "/old.html").header("Location"));
            RawHttp.Response head = get(server, "HEAD", b, "/page.html");
            assertEquals(200, head.status());
            assertEquals("11", head.header("Content-Length"));
            assertEquals(405, get(server, "POST", b, "/").status());

            // the path form on Haneul's own host, for resolvers that cannot look up *.localhost
            String base = "/_aws/s3-website/" + b;
            RawHttp.Response viaPath = RawHttp.send(server.port(), "GET", base + "/", Map.of(), (byte[]) null);
            assertEquals("<h1>home</h1>", viaPath.text(), viaPath::toString);
            assertEquals("<h1>home</h1>", RawHttp.send(server.port(), "GET", base, Map.of(), (byte[]) null).text());
            RawHttp.Response folder = RawHttp.send(server.port(), "GET", base + "/about", Map.of(), (byte[]) null);
            assertEquals(302, folder.status());
            assertEquals(base + "/about/", folder.header("Location"), "redirects stay in the path form");
            RawHttp.Response routedByPath = RawHttp.send(server.port(), "GET", base + "/docs/guide.html", Map.of(), (byte[]) null);
            assertTrue(routedByPath.header("Location").endsWith(base + "/documents/guide.html"), routedByPath::toString);
            assertEquals(405, RawHttp.send(server.port(), "DELETE", base + "/page.html", Map.of(), (byte[]) null).status());

            String moved = S3Clients.bucket("moved");
            s3.createBucket(r -> r.bucket(moved));
            s3.putBucketWebsite(r -> r.bucket(moved).websiteConfiguration(w -> w.redirectAllRequestsTo(x -> x.hostName("example.com")
                    .protocol("https"))));
            RawHttp.Response all = get(server, "GET", moved, "/a/b");
            assertEquals(301, all.status());
            assertEquals("https://example.com/a/b", all.header("Location"));
        }
    }

    @Test
    void websitesAreServedUnsignedInStrictMode() throws Exception {
        Path creds = dir.resolve("credentials");
        // the account unsigned callers would be taken for: were anything let through to S3's operations, it would act as the owner
        Files.writeString(creds, "AKIAHANEULWEBSITE001 websiteSecret 000000000000\n");
        try (TestServer server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
             S3Client s3 = S3Clients.client(server, "AKIAHANEULWEBSITE001", "websiteSecret",
                     software.amazon.awssdk.regions.Region.US_EAST_1, true)) {
            String b = S3Clients.bucket("strict-site");
            site(s3, b);
            assertEquals("<h1>home</h1>", get(server, "GET", b, "/").text());
            assertEquals("<h1>home</h1>", RawHttp.send(server.port(), "GET", "/_aws/s3-website/" + b + "/", Map.of(), (byte[]) null).text());
            RawHttp.Response rest = RawHttp.send(server.port(), "GET", "/" + b + "/index.html", Map.of(), (byte[]) null);
            assertEquals(403, rest.status(), "the REST endpoint still wants a signature");

            // what is let through unsigned can only reach the website endpoint or a form upload, nothing else
            assertEquals(405, get(server, "DELETE", b, "/index.html").status());
            RawHttp.Response oddHost = RawHttp.send(server.port(), "DELETE", "/" + b + "/index.html",
                    Map.of("Host", ".s3-website.localhost:" + server.port()), (byte[]) null);
            assertEquals(403, oddHost.status(), oddHost::toString);
            String deleteXml = "<Delete><Object><Key>index.html</Key></Object></Delete>";
            RawHttp.Response formDelete = RawHttp.send(server.port(), "POST", "/" + b + "?delete",
                    Map.of("Content-Type", "multipart/form-data; boundary=x"), deleteXml);
            assertEquals(403, formDelete.status(), formDelete::toString);
            assertEquals("<h1>home</h1>", s3.getObjectAsBytes(r -> r.bucket(b).key("index.html")).asUtf8String(), "nothing was deleted");
        }
    }
}
