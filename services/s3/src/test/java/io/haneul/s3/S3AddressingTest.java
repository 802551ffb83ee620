package io.haneul.s3;

import io.haneul.core.auth.AccessKeys;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** How S3's API is addressed: virtual hosts, the path-style rewrite, unsigned requests it claims, and the browser-form waiver. */
class S3AddressingTest {

    private final S3Addressing addressing = new S3Addressing();

    static WireRequest request(String method, String host, String path, String query, Headers headers) {
        return new WireRequest(method, path, query, headers.set("Host", host), null);
    }

    @Test
    void virtualHostsNameTheirBucket() {
        assertEquals("photos", S3Addressing.virtualHostBucket("photos.s3.localhost"));
        assertEquals("my.photos", S3Addressing.virtualHostBucket("my.photos.s3.us-east-1.amazonaws.com"));
        assertEquals("photos", S3Addressing.virtualHostBucket("photos.s3-us-west-2.amazonaws.com"));
        assertEquals("photos", S3Addressing.virtualHostBucket("photos.localhost"));
        assertNull(S3Addressing.virtualHostBucket("localhost"));
        assertNull(S3Addressing.virtualHostBucket("s3.localhost"));
        assertNull(S3Addressing.virtualHostBucket("s3.us-east-1.localhost"));
        assertNull(S3Addressing.virtualHostBucket("127.0.0.1"));
        assertTrue(addressing.hosts().stream().anyMatch(h -> h.matches("photos.s3.localhost")));
        assertTrue(addressing.hosts().stream().anyMatch(h -> h.matches("photos.localhost")));
        assertFalse(addressing.hosts().stream().anyMatch(h -> h.matches("localhost")));
    }

    @Test
    void virtualHostedRequestsBecomePathStyle() {
        assertEquals("/photos/a/b.txt", addressing.canonical(request("GET", "photos.s3.localhost:4566", "/a/b.txt", "", new Headers())).rawPath());
        assertEquals("/photos", addressing.canonical(request("GET", "photos.localhost", "/", "list-type=2", new Headers())).rawPath());
        WireRequest pathStyle = request("GET", "localhost:4566", "/photos/a", "", new Headers());
        assertSame(pathStyle, addressing.canonical(pathStyle));
    }

    @Test
    void onlyBrowserFormsGoUnsigned() {
        Headers form = new Headers().set("Content-Type", "multipart/form-data; boundary=x");
        assertEquals(Optional.of(AccessKeys.DEFAULT_ACCOUNT_ID), addressing.unsignedCaller(request("POST", "localhost", "/photos", "", form)));
        assertEquals(Optional.of(AccessKeys.DEFAULT_ACCOUNT_ID), addressing.unsignedCaller(request("POST", "localhost", "/photos/", "", form)));
        assertEquals(Optional.empty(), addressing.unsignedCaller(request("POST", "localhost", "/photos", "delete",
                new Headers().set("Content-Type", "multipart/form-data; boundary=x"))), "a query makes it an API call");
        assertEquals(Optional.empty(), addressing.unsignedCaller(request("POST", "localhost", "/photos/key", "",
                new Headers().set("Content-Type", "multipart/form-data; boundary=x"))), "a key makes it an API call");
        assertEquals(Optional.empty(), addressing.unsignedCaller(request("PUT", "localhost", "/photos", "",
                new Headers().set("Content-Type", "multipart/form-data; boundary=x"))));
        assertEquals(Optional.empty(), addressing.unsignedCaller(request("POST", "localhost", "/photos", "",
                new Headers().set("Content-Type", "multipart/form-data; boundary=x").set("Authorization", "AWS4-HMAC-SHA256 x"))),
                "a signed form is verified as signed");
        assertEquals(Optional.empty(), addressing.unsignedCaller(request("GET", "localhost", "/photos/a", "", new Headers())));
    }

    @Test
    void unsignedRequestsOfOtherProtocolsAreNotClaimed() {
        assertTrue(addressing.claimsUnplaced(request("GET", "localhost", "/photos/a", "", new Headers())));
        assertTrue(addressing.claimsUnplaced(request("PUT", "localhost", "/photos/a", "",
                new Headers().set("Content-Type", "application/x-www-form-urlencoded"))), "curl --data-binary uploads");
        assertFalse(addressing.claimsUnplaced(request("POST", "localhost", "/", "",
                new Headers().set("Content-Type", "application/x-www-form-urlencoded"))), "a query-protocol call");
        assertFalse(addressing.claimsUnplaced(request("POST", "localhost", "/", "",
                new Headers().set("Content-Type", "application/x-amz-json-1.0"))));
        assertFalse(addressing.claimsUnplaced(request("GET", "localhost", "/", "Action=ListQueues", new Headers())));
        assertFalse(addressing.claimsUnplaced(request("GET", "localhost", "/", "", new Headers().set("X-Amz-Target", "x.Y"))));
    }

    @Test
    void theWebsitePathFormIsAnObjectKeyOnABucketsHost() {
        WebsitePlane website = new WebsitePlane();
        assertTrue(website.accepts(request("GET", "localhost:4566", "/_aws/s3-website/site/", "", new Headers())));
        assertTrue(website.accepts(request("GET", "site.s3-website.localhost", "/", "", new Headers())));
        assertFalse(website.accepts(request("GET", "photos.s3.localhost", "/_aws/s3-website/x", "", new Headers())));
        assertTrue(website.hosts().stream().anyMatch(h -> h.matches("site.s3-website")));
        assertTrue(website.hosts().stream().anyMatch(h -> h.matches("site.s3-website-eu-west-1.localhost")));
    }
}
