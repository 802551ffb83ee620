package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import io.haneul.server.HaneulServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /_haneul/health}, {@code /_haneul/coverage} and {@code /_haneul/metrics}. */
class InternalEndpointsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GCI_200 = "haneul_requests_total{service=\"sts\",operation=\"GetCallerIdentity\",status=\"200\"}";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static JsonNode getJson(String path) throws Exception {
        HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve(path));
        assertEquals(200, r.statusCode(), () -> path + ": " + JavaHttp.text(r));
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    static String metrics() {
        HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve("/_haneul/metrics"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        return JavaHttp.text(r);
    }

    static void callerIdentity() {
        try (StsClient sts = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            assertEquals("000000000000", sts.getCallerIdentity().account());
        }
    }

    /** The value of the sample line named exactly {@code series}, or 0 when absent. */
    static long sample(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    @Test
    void unreadableQueryParametersAre400NotInternalErrors() throws Exception {
        for (String path : java.util.List.of("/_haneul/sns/outbox?after=abc", "/_haneul/sns/outbox?limit=abc",
                "/_haneul/sns/outbox?after=-99999999999999999999", "/_haneul/ses/events?limit=abc",
                "/_haneul/ses/messages?since=yesterday")) {
            HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve(path));
            assertEquals(400, r.statusCode(), () -> path + ": " + JavaHttp.text(r));
        }
        assertEquals(200, JavaHttp.get(server.endpoint().resolve("/_haneul/sns/outbox?limit=-1")).statusCode(), "a limit is clamped");
    }

    @Test
    void healthReportsVersionStorageAndServices() throws Exception {
        JsonNode h = getJson("/_haneul/health");
        assertEquals("running", h.path("status").asText());
        assertEquals(HaneulServer.VERSION, h.path("version").asText());
        assertFalse(h.path("version").asText().isBlank());
        assertEquals("sqlite", h.path("storage").asText());
        assertEquals("running", h.path("services").path("sts").asText());
        Set<String> allowed = Set.of("running", "disabled", "not implemented");
        h.path("services").properties().forEach(e -> assertTrue(allowed.contains(e.getValue().asText()), e.toString()));
        assertTrue(h.path("services").size() >= 20, "every shipped model is listed: " + h.path("services"));
    }

    @Test
    void disabledServiceIsReportedAndAnswers501() throws Exception {
        try (TestServer only = TestServer.start("--services", "sqs")) {
            HttpResponse<byte[]> r = JavaHttp.get(only.endpoint().resolve("/_haneul/health"));
            assertEquals("disabled", JSON.readTree(r.body()).path("services").path("sts").asText());
            HttpResponse<byte[]> call = JavaHttp.form(only.endpoint(), "Action=GetCallerIdentity&Version=2011-06-15");
            io.haneul.it.support.Envelopes.assertError(call, 501, "ServiceDisabled");
            // a disabled module's addressing still places its requests: curl to a bucket, a bucket's host, a website host
            for (String host : new String[]{"127.0.0.1", "photos.s3.localhost", "photos.s3-website.localhost"}) {
                io.haneul.it.support.RawHttp.Response s3 = io.haneul.it.support.RawHttp.send(only.port(), "GET", "/photos/a.txt",
                        java.util.Map.of("Host", host), (byte[]) null);
                assertEquals(501, s3.status(), host + ": " + s3);
                assertTrue(s3.text().contains("ServiceDisabled"), host + ": " + s3);
            }
        }
    }

    @Test
    void coverageIsComputedFromTheProviders() throws Exception {
        JsonNode c = getJson("/_haneul/coverage");
        JsonNode sts = c.path("services").path("sts");
        List<String> implemented = strings(sts.path("implementedOperations"));
        List<String> missing = strings(sts.path("missingOperations"));
        assertTrue(implemented.containsAll(List.of("GetCallerIdentity", "AssumeRole", "GetSessionToken")), implemented.toString());
        assertTrue(missing.contains("AssumeRoleWithSAML"), missing.toString());
        assertEquals("STS", sts.path("serviceId").asText());
        assertEquals(List.of("query"), strings(sts.path("protocols")));

        long total = 0;
        long done = 0;
        JsonNode health = getJson("/_haneul/health").path("services");
        for (var e : c.path("services").properties()) {
            JsonNode s = e.getValue();
            List<String> yes = strings(s.path("implementedOperations"));
            List<String> no = strings(s.path("missingOperations"));
            assertEquals(yes.size(), s.path("implemented").asInt(), e.getKey());
            assertEquals(yes.size() + no.size(), s.path("operations").asInt(), e.getKey());
            Set<String> both = new HashSet<>(yes);
            both.retainAll(no);
            assertTrue(both.isEmpty(), e.getKey() + " lists operations as both implemented and missing: " + both);
            assertTrue(s.path("operations").asInt() > 0, e.getKey());
            if (!"running".equals(health.path(e.getKey()).asText())) {
                assertEquals(0, s.path("implemented").asInt(), e.getKey() + " has no running module but claims operations");
            }
            total += s.path("operations").asInt();
            done += s.path("implemented").asInt();
        }
        assertEquals(total, c.path("operations").asLong());
        assertEquals(done, c.path("implemented").asLong());
    }

    @Test
    void sqsCoverageMatchesItsModule() throws Exception {
        JsonNode sqs = getJson("/_haneul/coverage").path("services").path("sqs");
        String status = getJson("/_haneul/health").path("services").path("sqs").asText();
        assertEquals("SQS", sqs.path("serviceId").asText());
        assertTrue(sqs.path("operations").asInt() >= 20, sqs.toString());
        if (status.equals("not implemented")) {
            assertEquals(0, sqs.path("implemented").asInt());
            assertTrue(sqs.path("implementedOperations").isEmpty());
        } else {
            assertEquals("running", status);
            assertTrue(sqs.path("implemented").asInt() > 0, "SQS module loaded but implements nothing: " + sqs);
        }
    }

    @Test
    void requestCounterGrowsWithEachCall() {
        long before = sample(metrics(), GCI_200);
        callerIdentity();
        String after = metrics();
        assertEquals(before + 1, sample(after, GCI_200), after);
        callerIdentity();
        callerIdentity();
        assertEquals(before + 3, sample(metrics(), GCI_200));
    }

    @Test
    void errorsAreCountedByStatus() {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn:aws:iam::123456789012:role/x&RoleSessionName=s&DurationSeconds=1");
        assertEquals(400, r.statusCode());
        assertTrue(sample(metrics(), "haneul_requests_total{service=\"sts\",operation=\"AssumeRole\",status=\"400\"}") >= 1);
    }

    @Test
    void latencyHistogramIsCumulativeAndMatchesTheCount() {
        callerIdentity();
        String text = metrics();
        assertTrue(text.contains("# TYPE haneul_requests_total counter"), text);
        assertTrue(text.contains("# TYPE haneul_request_duration_seconds histogram"), text);
        String labels = "service=\"sts\",operation=\"GetCallerIdentity\"";
        Pattern bucket = Pattern.compile("^haneul_request_duration_seconds_bucket\\{" + Pattern.quote(labels)
                + ",le=\"([^\"]+)\"} (\\d+)$", Pattern.MULTILINE);
        Matcher m = bucket.matcher(text);
        List<Long> counts = new ArrayList<>();
        List<String> bounds = new ArrayList<>();
        while (m.find()) {
            bounds.add(m.group(1));
            counts.add(Long.parseLong(m.group(2)));
        }
        assertTrue(counts.size() >= 2, text);
        assertEquals("+Inf", bounds.getLast());
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i) >= counts.get(i - 1), "buckets must be cumulative: " + counts);
        }
        long count = sample(text, "haneul_request_duration_seconds_count{" + labels + "}");
        assertEquals(counts.getLast(), count);
        assertTrue(count >= 1);
        long requests = sample(text, "haneul_requests_total{" + labels + ",status=\"200\"}");
        assertTrue(count >= requests, "every counted request has a latency sample");
        assertTrue(text.contains("haneul_request_duration_seconds_sum{" + labels + "} "), text);
    }

    @Test
    void unknownInternalPathIsNotAServerError() {
        HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve("/_haneul/no-such-page"));
        assertNotEquals(500, r.statusCode());
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + JavaHttp.text(r));
        io.haneul.it.support.Envelopes.parse(r);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
