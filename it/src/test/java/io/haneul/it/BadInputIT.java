package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.FakeModule;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed requests through the listener: each is answered with a 4xx in the envelope of the
 * protocol the client spoke, never a 500 or a stack trace, and the server keeps answering. The
 * operations used are served by the test-only {@link FakeModule} (CloudWatch Logs over awsJson 1.1,
 * CloudWatch over awsQuery and rpc-v2-cbor) and by STS, so the bodies reach the parsers.
 */
class BadInputIT {

    static final String LOGS = "Logs_20140328.DescribeLogGroups";
    static final String JSON11 = "application/x-amz-json-1.1";
    static final String CBOR_LIST_METRICS = "/service/GraniteServiceVersion20100801/operation/ListMetrics";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = FakeModule.start("--max-body-bytes", "1024");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** After every bad request, valid requests of each protocol still succeed. */
    @AfterEach
    void serverStillAnswers() throws Exception {
        HttpResponse<byte[]> json = logs("{\"logGroupNamePrefix\":\"app\",\"limit\":5}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, json.statusCode(), () -> JavaHttp.text(json));
        assertEquals("app-5", Envelopes.parse(json).tree().path("logGroups").path(0).path("logGroupName").asText());

        HttpResponse<byte[]> sts = JavaHttp.form(server.endpoint(), "Action=GetCallerIdentity&Version=2011-06-15");
        assertEquals(200, sts.statusCode(), () -> JavaHttp.text(sts));

        HttpResponse<byte[]> cbor = cbor(new CBORMapper().writeValueAsBytes(Map.of("Namespace", "ns", "MetricName", "m")));
        assertEquals(200, cbor.statusCode(), () -> JavaHttp.text(cbor));
        JsonNode metric = Envelopes.parse(cbor).tree().path("Metrics").path(0);
        assertEquals("ns", metric.path("Namespace").asText(), metric::toString);

        HttpResponse<byte[]> health = JavaHttp.get(server.endpoint().resolve("/_haneul/health"));
        assertEquals(200, health.statusCode());
    }

    static HttpResponse<byte[]> logs(byte[] body) {
        return JavaHttp.post(server.endpoint(), Map.of("X-Amz-Target", LOGS, "Content-Type", JSON11), body);
    }

    static HttpResponse<byte[]> logs(String body) {
        return logs(body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> cbor(byte[] body) {
        return JavaHttp.post(server.endpoint().resolve(CBOR_LIST_METRICS),
                Map.of("smithy-protocol", "rpc-v2-cbor", "Content-Type", "application/cbor", "Accept", "application/cbor"), body);
    }

    static void assertJsonError(HttpResponse<byte[]> r, String code) {
        Envelopes.assertError(r, 400, code);
        assertEquals(JSON11, r.headers().firstValue("content-type").orElseThrow());
    }

    // ---- awsJson ----

    @Test
    void malformedJsonIsSerializationException() {
        for (String body : List.of("{\"logGroupNamePrefix\":", "{", "}", "{\"limit\":5,,}", "{'limit':5}", "nul", "{} {}")) {
            assertJsonError(logs(body), "SerializationException");
        }
    }

    @Test
    void jsonOfTheWrongTypeIsSerializationException() {
        for (String body : List.of("{\"limit\":\"ten\"}", "{\"limit\":1.5}", "{\"limit\":true}", "{\"logGroupNamePrefix\":5}",
                "{\"logGroupNamePrefix\":[\"a\"]}", "{\"logGroupNamePrefix\":{}}", "[]", "\"text\"", "42")) {
            HttpResponse<byte[]> r = logs(body);
            assertJsonError(r, "SerializationException");
        }
    }

    @Test
    void invalidUtf8InJsonIsSerializationException() {
        byte[] head = "{\"logGroupNamePrefix\":\"".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(new byte[]{(byte) 0xff, (byte) 0xfe}, new byte[]{(byte) 0xc3}, new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(head);
            body.writeBytes(bad);
            body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            assertJsonError(logs(body.toByteArray()), "SerializationException");
        }
    }

    @Test
    void deeplyNestedJsonIsRejected() {
        String deep = "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        HttpResponse<byte[]> r = JavaHttp.post(server.endpoint(), Map.of("X-Amz-Target", LOGS, "Content-Type", JSON11),
                deep.substring(0, Math.min(deep.length(), 1000)) + "]}");
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + JavaHttp.text(r));
        Envelopes.parse(r);
    }

    @Test
    void badTimestampsAreClientErrors() {
        Map<String, String> headers = Map.of("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData",
                "Content-Type", "application/x-amz-json-1.0");
        HttpResponse<byte[]> ok = JavaHttp.post(server.endpoint(), headers,
                "{\"Namespace\":\"ns\",\"MetricData\":[{\"MetricName\":\"m\",\"Timestamp\":1700000000.5,\"Value\":1}]}");
        assertEquals(200, ok.statusCode(), () -> JavaHttp.text(ok));
        for (String ts : List.of("\"yesterday\"", "\"2024-13-45T99:00:00Z\"", "1e30", "-1e30", "99999999999999999999999", "\"1e999\"")) {
            HttpResponse<byte[]> r = JavaHttp.post(server.endpoint(), headers,
                    "{\"Namespace\":\"ns\",\"MetricData\":[{\"MetricName\":\"m\",\"Timestamp\":" + ts + "}]}");
            Envelopes.Envelope e = Envelopes.assertError(r, 400, "SerializationException");
            assertTrue(e.message().contains("Timestamp"), ts + ": " + e.message());
        }
        for (String ts : List.of("yesterday", "99999999999999999999999", "1e999", "2024-13-45T99:00:00Z")) {
            HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=PutMetricData&Version=2010-08-01&Namespace=ns"
                    + "&MetricData.member.1.MetricName=m&MetricData.member.1.Timestamp=" + ts);
            Envelopes.Envelope e = Envelopes.parse(r);
            assertEquals(400, r.statusCode(), () -> ts + ": " + JavaHttp.text(r));
            assertEquals("ErrorResponse", e.xml().getDocumentElement().getTagName());
        }
    }

    // ---- body and header limits ----

    @Test
    void bodyOverTheLimitIs413InTheProtocolsEnvelope() {
        String big = "{\"logGroupNamePrefix\":\"" + "a".repeat(2000) + "\"}";
        HttpResponse<byte[]> r = logs(big);
        Envelopes.Envelope e = Envelopes.assertError(r, 413, "RequestEntityTooLarge");
        assertTrue(e.message().contains("1024"), e.message());
        assertEquals(JSON11, r.headers().firstValue("content-type").orElseThrow());

        HttpResponse<byte[]> query = JavaHttp.form(server.endpoint(), "Action=GetCallerIdentity&Version=2011-06-15&Pad=" + "p".repeat(2000));
        Envelopes.assertError(query, 413, "RequestEntityTooLarge");
        assertTrue(query.headers().firstValue("content-type").orElse("").startsWith("text/xml"));
    }

    @Test
    void signedSdkRequestOverTheLimitIs413ForTheSdk() {
        try (StsClient sts = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build()) {
            StsException e = assertThrows(StsException.class, () -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/r")
                    .roleSessionName("s").policy("{\"Statement\":\"" + "x".repeat(2000) + "\"}")));
            assertEquals(413, e.statusCode());
            assertEquals("RequestEntityTooLarge", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        byte[] big = ("{\"logGroupNamePrefix\":\"" + "b".repeat(4000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", LOGS).header("Content-Type", JSON11)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<byte[]> r = JavaHttp.send(request);
        Envelopes.assertError(r, 413, "RequestEntityTooLarge");
    }

    @Test
    void bodyExactlyAtTheLimitIsAccepted() {
        String head = "{\"logGroupNamePrefix\":\"edge\",\"limit\":7";
        String body = head + " ".repeat(1024 - head.length() - 1) + "}";
        assertEquals(1024, body.length());
        HttpResponse<byte[]> r = logs(body);
        assertEquals(200, r.statusCode(), () -> JavaHttp.text(r));
        assertEquals("edge-7", Envelopes.parse(r).tree().path("logGroups").path(0).path("logGroupName").asText());
        assertEquals(413, logs(body + " ").statusCode(), "one byte more is over the limit");
    }

    @Test
    void headerBlockOver16KiBIsRefusedByTheListener() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amz-Target", LOGS);
        headers.put("Content-Type", JSON11);
        headers.put("X-Padding", "h".repeat(17 * 1024));
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/", headers, "{}");
        assertEquals(431, r.status(), r::toString);
        String body = r.text();
        for (String bad : List.of("at io.haneul", "at org.eclipse", "Exception:", "Caused by")) {
            assertTrue(!body.contains(bad), () -> "431 page leaks '" + bad + "': " + body);
        }
    }

    // ---- awsQuery ----

    @Test
    void malformedListIndexInAQueryFormIsMalformedQueryString() {
        HttpResponse<byte[]> sts = JavaHttp.form(server.endpoint(), "Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s&PolicyArns.member.x.arn=arn:aws:iam::aws:policy/P");
        Envelopes.Envelope e = Envelopes.assertError(sts, 400, "MalformedQueryString");
        assertEquals("ErrorResponse", e.xml().getDocumentElement().getTagName());

        HttpResponse<byte[]> cw = JavaHttp.form(server.endpoint(), "Action=ListMetrics&Version=2010-08-01"
                + "&Namespace=ns&Dimensions.member.x.Name=a&Dimensions.member.x.Value=b");
        Envelopes.assertError(cw, 400, "MalformedQueryString");
    }

    @Test
    void wellFormedQueryListIsRead() {
        HttpResponse<byte[]> cw = JavaHttp.form(server.endpoint(), "Action=ListMetrics&Version=2010-08-01"
                + "&Namespace=ns&Dimensions.member.1.Name=a&Dimensions.member.1.Value=b");
        assertEquals(200, cw.statusCode(), () -> JavaHttp.text(cw));
        assertTrue(JavaHttp.text(cw).contains("<Name>a</Name>"), JavaHttp.text(cw));
    }

    @Test
    void queryValueOfTheWrongTypeIsAClientError() {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s&DurationSeconds=lots");
        assertEquals(400, r.statusCode(), () -> JavaHttp.text(r));
        assertEquals("ErrorResponse", Envelopes.parse(r).xml().getDocumentElement().getTagName());
    }

    @Test
    void malformedPercentEscapesAreNotAServerError() {
        for (String form : List.of("Action=GetCallerIdentity&Version=%zz", "Action=GetCallerIdentity&Version=2011-06-15&x=%",
                "Action=GetCallerIdentity&Version=2011-06-15&%G1=1")) {
            RawHttp.Response r = RawHttp.send(server.port(), "POST", "/",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
            assertTrue(r.status() < 500, () -> form + " -> " + r);
            Envelopes.parse(r);
            RawHttp.Response q = RawHttp.send(server.port(), "GET", "/?" + form, Map.of(), (byte[]) null);
            assertTrue(q.status() < 500, () -> form + " -> " + q);
            Envelopes.parse(q);
        }
    }

    // ---- rpc-v2-cbor ----

    @Test
    void malformedCborIsSerializationException() throws Exception {
        byte[] good = new CBORMapper().writeValueAsBytes(Map.of("Namespace", "ns"));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
        for (byte[] body : List.of(truncated, new byte[]{(byte) 0xff}, new byte[]{(byte) 0x1c}, "{}".getBytes(StandardCharsets.UTF_8))) {
            HttpResponse<byte[]> r = cbor(body);
            Envelopes.assertError(r, 400, "SerializationException");
            assertEquals("application/cbor", r.headers().firstValue("content-type").orElseThrow());
        }
    }

    @Test
    void cborOfTheWrongTypeIsSerializationException() throws Exception {
        CBORMapper m = new CBORMapper();
        for (Object body : List.of(Map.of("Namespace", 5), Map.of("Namespace", List.of("a")), List.of(1, 2),
                Map.of("Dimensions", "notalist"), Map.of("RecentlyActive", 7))) {
            Envelopes.assertError(cbor(m.writeValueAsBytes(body)), 400, "SerializationException");
        }
    }

    @Test
    void invalidUtf8InCborTextIsSerializationException() {
        // map(1) { text(9) "Namespace": text(2) 0xff 0xfe }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xa1);
        b.write(0x69);
        b.writeBytes("Namespace".getBytes(StandardCharsets.US_ASCII));
        b.write(0x62);
        b.write(0xff);
        b.write(0xfe);
        HttpResponse<byte[]> r = cbor(b.toByteArray());
        assertTrue(r.statusCode() == 400, () -> r.statusCode() + " " + Envelopes.preview(r.body()));
        Envelopes.assertError(r, 400, "SerializationException");
    }
}
