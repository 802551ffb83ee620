package io.haneul.it.s3;

import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RoutingRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Buckets served as static websites on {@code <bucket>.s3-website.localhost}: index documents,
 * folder redirects, the error document, routing rules, per-object and redirect-all redirects, S3's
 * HTML error pages; unsigned even when the server requires signatures, and, as on AWS, only what
 * anonymous visitors may read (a public bucket policy or a public-read ACL, within Block Public Access).
 */
class S3WebsiteIT {

    @TempDir
    Path dir;

    static RawHttp.Response get(TestServer server, String method, String bucket, String path) {
        return RawHttp.send(server.port(), method, path, Map.of("Host", bucket + ".s3-website.localhost:" + server.port()), (byte[]) null);
    }

    /** A website bucket made public the way AWS users must: Block Public Access off, a policy letting everyone read and list. */
    static void site(S3Client s3, String b) {
        privateSite(s3, b);
        s3.deletePublicAccessBlock(r -> r.bucket(b));
        s3.putBucketPolicy(r -> r.bucket(b).policy(publicPolicy(b, "\"s3:GetObject\",\"s3:ListBucket\"")));
    }

    static String publicPolicy(String b, String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[" + actions + "],"
                + "\"Resource\":[\"arn:aws:s3:::" + b + "\",\"arn:aws:s3:::" + b + "/*\"]}]}";
    }

    /** A website bucket as created: private, every Block Public Access setting on. */
    static void privateSite(S3Client s3, String b) {
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
    void servesOnlyWhatVisitorsMayRead() throws Exception {
        try (TestServer server = TestServer.start(); S3Client s3 = S3Clients.client(server, S3Clients.ACCOUNT_A)) {
            String b = S3Clients.bucket("private-site");
            privateSite(s3, b);
            RawHttp.Response home = get(server, "GET", b, "/");
            assertEquals(403, home.status(), home::toString);
            assertTrue(home.text().contains("<li>Code: AccessDenied</li>") && home.text().contains("<li>Message: Access Denied</li>")
                    && home.text().contains("<li>RequestId: ") && home.text().contains("<li>HostId: "), home::toString);
            assertTrue(home.header("Content-Type").startsWith("text/html"), home::toString);
            RawHttp.Response missing = get(server, "GET", b, "/nope.html");
            assertEquals(403, missing.status(), "a private bucket does not tell which keys exist");
            assertFalse(missing.text().contains("oops"), "the error document is private too");
            assertTrue(missing.text().contains("An Error Occurred While Attempting to Retrieve a Custom Error Document"), missing::toString);
            assertEquals(403, get(server, "GET", b, "/about").status(), "no folder redirect for a private index");
            assertEquals(403, RawHttp.send(server.port(), "GET", "/_aws/s3-website/" + b + "/page.html", Map.of(), (byte[]) null).status());

            // a public policy, while Block Public Access still restricts public buckets or blocks public policies
            AwsServiceException refused = S3Clients.expectError("AccessDenied", 403,
                    () -> s3.putBucketPolicy(r -> r.bucket(b).policy(publicPolicy(b, "\"s3:GetObject\""))));
            assertTrue(refused.awsErrorDetails().errorMessage().contains("BlockPublicPolicy"), "the default Block Public Access");
            s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
            s3.putBucketPolicy(r -> r.bucket(b).policy(publicPolicy(b, "\"s3:GetObject\"")));
            assertEquals(403, get(server, "GET", b, "/page.html").status(), "RestrictPublicBuckets");
            s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
            assertEquals(403, get(server, "GET", b, "/page.html").status(), "BlockPublicPolicy");
            s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).ignorePublicAcls(true)));
            RawHttp.Response page = get(server, "GET", b, "/page.html");
            assertEquals(200, page.status(), page::toString);
            assertEquals("<p>page</p>", page.text());
            RawHttp.Response unlisted = get(server, "GET", b, "/nope.html");
            assertEquals(403, unlisted.status(), "without s3:ListBucket a missing key is 403, as on AWS");
            assertEquals("<h1>oops</h1>", unlisted.text(), "the public error document, with the 403");

            // conditions on the visitor's address; a Deny wins
            s3.putBucketPolicy(r -> r.bucket(b).policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::" + b + "/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}}},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::" + b + "/page.html\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}"));
            assertEquals(403, get(server, "GET", b, "/page.html").status(), "127.0.0.1 is outside 10.0.0.0/8");
            assertEquals(200, get(server, "GET", b, "/").status(), "the visitor's address reached the policy");
        }
    }

    @Test
    void servesPublicReadAclObjectsUnlessIgnored() throws Exception {
        try (TestServer server = TestServer.start(); S3Client s3 = S3Clients.client(server, S3Clients.ACCOUNT_A)) {
            String b = S3Clients.bucket("acl-site");
            s3.createBucket(r -> r.bucket(b).objectOwnership("ObjectWriter"));
            s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.blockPublicAcls(false).ignorePublicAcls(false)
                    .blockPublicPolicy(true).restrictPublicBuckets(true)));
            s3.putBucketWebsite(r -> r.bucket(b).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
            s3.putObject(r -> r.bucket(b).key("index.html").acl("public-read").contentType("text/html"), RequestBody.fromString("hi"));
            s3.putObject(r -> r.bucket(b).key("secret.html"), RequestBody.fromString("no"));
            RawHttp.Response home = get(server, "GET", b, "/");
            assertEquals(200, home.status(), home::toString);
            assertEquals("hi", home.text());
            assertEquals(403, get(server, "GET", b, "/secret.html").status());
            s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
            assertEquals(403, get(server, "GET", b, "/").status(), "IgnorePublicAcls");
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
            String secret = S3Clients.bucket("strict-private");
            privateSite(s3, secret);
            RawHttp.Response denied = get(server, "GET", secret, "/page.html");
            assertEquals(403, denied.status(), "a private bucket's objects are not served without credentials");
            assertFalse(denied.text().contains("<p>page</p>"), denied::toString);

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
