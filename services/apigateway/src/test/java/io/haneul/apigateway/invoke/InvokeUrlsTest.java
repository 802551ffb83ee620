package io.haneul.apigateway.invoke;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The invoke URLs' parts, read by hand, against the regular expressions that define them (what the
 * plane matched with before): the same answer for every host and path below.
 */
class InvokeUrlsTest {

    private static final Pattern HOST = Pattern.compile("([a-z0-9]{10})\\.execute-api\\..+");
    private static final Pattern BY_HOST = Pattern.compile("/([^/]+)(/.*)?");
    private static final Pattern AWS_PATH = Pattern.compile("/_aws/execute-api/([^/]+)/([^/]+)(/.*)?");
    private static final Pattern USER_REQUEST = Pattern.compile("/restapis/([^/]+)/([^/]+)/_user_request_(/.*)?");

    private static final List<String> HOSTS = List.of("abcde12345.execute-api.localhost", "abcde12345.execute-api.us-east-1.amazonaws.com",
            "abcde12345.execute-api.", "abcde12345.execute-api.x", "ABCDE12345.execute-api.localhost", "abcde1234.execute-api.localhost",
            "abcde123456.execute-api.localhost", "abcde12345.execute-apix.localhost", "abcde12345-execute-api.localhost",
            "abcde_2345.execute-api.localhost", "abcde12345.execute-api.local\nhost", "127.0.0.1", "", "localhost",
            "api.example.com", "abcde12345.execute-api.localhost.localstack.cloud");

    private static final List<String> PATHS = List.of("/", "", "/s", "/s/", "/s/a/b", "//", "//a", "/s//", "/s/a\nb", "/s\n/a", "/ping",
            "/_aws/execute-api/", "/_aws/execute-api/abc", "/_aws/execute-api/abc/", "/_aws/execute-api/abc/s", "/_aws/execute-api/abc/s/",
            "/_aws/execute-api/abc/s/a/b?x", "/_aws/execute-api//s/a", "/_aws/execute-api/abc//a", "/_aws/execute-api/abc/s/@connections/x",
            "/_aws/execute-api/abc/s/a\rb", "/_aws/execute-apix/abc/s", "/restapis/abc/s/_user_request_", "/restapis/abc/s/_user_request_/",
            "/restapis/abc/s/_user_request_/a/b", "/restapis/abc/s/_user_request_x", "/restapis/abc/s", "/restapis/abc/s/x/_user_request_/a",
            "/restapis//s/_user_request_/a", "/restapis/abc//_user_request_/a", "/restapis/abc/s/_user_request_/a\u2028b", "/restapis/abc/resources");

    @Test
    void hostsAsTheirPatternReadsThem() {
        for (String host : HOSTS) {
            Matcher m = HOST.matcher(host);
            assertEquals(m.matches() ? m.group(1) : null, InvokeUrls.apiIdOfHost(host), host);
        }
        assertNull(InvokeUrls.apiIdOfHost(null));
    }

    @Test
    void pathsAsTheirPatternsReadThem() {
        for (String path : PATHS) {
            assertEquals(expected(BY_HOST, path, false), InvokeUrls.hostPath(path), "host form " + path);
            assertEquals(expected(AWS_PATH, path, true), InvokeUrls.awsPath(path), "path form " + path);
            assertEquals(expected(USER_REQUEST, path, true), InvokeUrls.userRequestPath(path), "_user_request_ form " + path);
        }
    }

    private static InvokeUrls.Target expected(Pattern p, String path, boolean withApi) {
        Matcher m = p.matcher(path);
        if (!m.matches()) {
            return null;
        }
        return withApi ? new InvokeUrls.Target(m.group(1), m.group(2), m.group(3)) : new InvokeUrls.Target(null, m.group(1), m.group(2));
    }
}
