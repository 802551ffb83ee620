package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.FakeModule;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random requests through the real listener at the codecs of every protocol: random X-Amz-Target
 * values among a few services, random and half-valid bodies (JSON, CBOR, forms, bytes), random
 * content types and query strings. Whatever comes in, the answer is never a server error other
 * than 501 NotImplemented, every body is a well-formed envelope for its content type with no stack
 * trace, and the server keeps answering its health check.
 */
class ProtocolFuzzIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CBORMapper CBOR = new CBORMapper();
    static TestServer server;

    /** One generated request. */
    record Fuzz(String method, String target, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return method + " " + target + " " + headers + " body(" + body.length + ")="
                    + new String(body, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        }
    }

    @BeforeContainer
    static void start() {
        server = FakeModule.start("--max-body-bytes", "65536");
    }

    @AfterContainer
    static void stop() throws Exception {
        if (server != null) {
            assertHealthy();
            server.close();
        }
    }

    static void assertHealthy() {
        RawHttp.Response h = RawHttp.send(server.port(), "GET", "/_haneul/health", Map.of(), (byte[]) null);
        assertEquals(200, h.status(), h::toString);
        assertTrue(h.text().contains("\"running\""), h::toString);
    }

    @Property(tries = 300)
    void neverAServerErrorAlwaysAnEnvelope(@ForAll("requests") Fuzz fuzz) {
        RawHttp.Response r = RawHttp.send(server.port(), fuzz.method(), fuzz.target(), fuzz.headers(), fuzz.body());
        Envelopes.Envelope e = Envelopes.parse(r);
        if (r.status() >= 500) {
            assertEquals(501, r.status(), () -> fuzz + "\n -> " + r);
            assertTrue("NotImplemented".equals(e.code()) || "ServiceDisabled".equals(e.code()), () -> fuzz + "\n -> " + r);
        }
        assertTrue(r.status() >= 200 && r.status() < 600, () -> fuzz + "\n -> " + r);
        assertHealthy();
    }

    /** Found by the property above: a control character quoted back in an error message must not break the XML. */
    @net.jqwik.api.Example
    void controlCharactersInEchoedValuesKeepTheEnvelopeParseable() {
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=PutMetricData&Version=2010-08-01&Namespace=n&MetricData.member.1.MetricName=m&MetricData.member.1.Timestamp=%00"
                        .getBytes(StandardCharsets.UTF_8));
        Envelopes.Envelope e = Envelopes.parse(r);
        assertEquals(400, r.status(), r::toString);
        assertEquals("SerializationException", e.code(), r::toString);
        assertTrue(r.text().contains("\uFFFD") || r.text().contains("&#xFFFD;"), r::toString);
    }

    // ---- generators ----

    static final List<String> TARGETS = List.of(
            "AmazonSQS.ListQueues", "AmazonSQS.SendMessage", "AmazonSQS.ReceiveMessage",
            "Logs_20140328.DescribeLogGroups", "Logs_20140328.PutLogEvents",
            "GraniteServiceVersion20100801.ListMetrics", "GraniteServiceVersion20100801.PutMetricData",
            "GraniteServiceVersion20100801.GetMetricData", "PhotonAdminProxyService.DescribeFleets",
            "SimpleWorkflowService.ListDomains", "AWSSecurityTokenServiceV20110615.GetCallerIdentity",
            "Logs_20140328.", ".ListQueues", "NoDot", "AmazonSQS.ListQueues.Extra");
    static final List<String> CONTENT_TYPES = List.of(
            "application/x-amz-json-1.0", "application/x-amz-json-1.1", "application/json",
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
            "application/cbor", "text/xml", "text/plain", "application/octet-stream", "multipart/form-data; boundary=x", ";;;");
    static final List<String> FIELDS = List.of(
            "limit", "logGroupNamePrefix", "logGroupName", "logEvents", "timestamp", "message", "nextToken",
            "Namespace", "MetricName", "MetricData", "Timestamp", "Value", "Values", "Counts", "Dimensions", "Name",
            "StatisticValues", "StorageResolution", "RecentlyActive", "StartTime", "EndTime", "MetricDataQueries",
            "QueueUrl", "MessageBody", "DelaySeconds", "MaxResults", "__type", "");
    static final List<String> ACTIONS = List.of("GetCallerIdentity", "AssumeRole", "GetSessionToken", "ListMetrics",
            "PutMetricData", "GetMetricData", "ListQueues", "SendMessage", "Nope", "");
    static final List<String> VERSIONS = List.of("2011-06-15", "2010-08-01", "2012-11-05", "2014-03-28", "1999-01-01", "");
    static final List<String> QUERY_KEYS = List.of(
            "RoleArn", "RoleSessionName", "DurationSeconds", "PolicyArns.member.1.arn", "PolicyArns.member.x.arn",
            "Tags.member.1.Key", "Tags.member.1.Value", "Tags.member.0.Key", "Namespace", "MetricName",
            "Dimensions.member.1.Name", "Dimensions.member.-1.Name", "Dimensions.member.99999999999.Value",
            "MetricData.member.1.Timestamp", "MetricData.member.1.Value", "MetricData.member.1.Values.member.1",
            "MetricData.member.1.StatisticValues.SampleCount", "RecentlyActive", "Attributes.entry.1.key", "AttributeName.x",
            "a..b", ".", "..", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Algorithm");

    /** Characters allowed in a request target by HTTP; '%' with or without valid hex digits. */
    static Arbitrary<String> queryText() {
        return Arbitraries.strings().withChars("abcXYZ019=&%.+-_~*!$'(),;:@/").ofMaxLength(40);
    }

    static Arbitrary<String> value() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withChars("0123456789.-eE+").ofMaxLength(25),
                Arbitraries.of("true", "false", "null", "NaN", "Infinity", "-1", "0", "2147483648", "1e999",
                        "2024-01-01T00:00:00Z", "2024-13-45T99:99:99Z", "Tue, 29 Apr 2014 18:30:38 GMT", "%zz", "%", "%E2%82"));
    }

    static Arbitrary<JsonNode> tree(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(f::textNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.bigDecimals().map(f::numberNode),
                Arbitraries.of(f.booleanNode(true), f.booleanNode(false), f.nullNode()),
                value().map(f::textNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of(FIELDS), tree(depth - 1)).ofMaxSize(5)
                .map(m -> {
                    ObjectNode o = f.objectNode();
                    m.forEach(o::set);
                    return o;
                });
        Arbitrary<JsonNode> array = tree(depth - 1).list().ofMaxSize(4).map(l -> {
            ArrayNode a = f.arrayNode();
            l.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(5, object), net.jqwik.api.Tuple.of(2, array));
    }

    static Arbitrary<byte[]> jsonBody() {
        Arbitrary<byte[]> valid = tree(3).map(t -> t.toString().getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 1000),
                Arbitraries.bytes()).as((b, at, x) -> {
            if (b.length == 0) {
                return b;
            }
            byte[] copy = b.clone();
            copy[at % copy.length] = x;
            return copy;
        });
        Arbitrary<byte[]> truncated = Combinators.combine(valid, Arbitraries.integers().between(0, 1000))
                .as((b, n) -> java.util.Arrays.copyOf(b, Math.min(b.length, n % (b.length + 1))));
        return Arbitraries.oneOf(valid, mutated, truncated, rawBytes());
    }

    static Arbitrary<byte[]> cborBody() {
        Arbitrary<byte[]> valid = tree(3).map(t -> {
            try {
                return CBOR.writeValueAsBytes(t);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Arbitrary<byte[]> truncated = Combinators.combine(valid, Arbitraries.integers().between(0, 1000))
                .as((b, n) -> java.util.Arrays.copyOf(b, Math.min(b.length, n % (b.length + 1))));
        return Arbitraries.oneOf(valid, truncated, rawBytes());
    }

    static Arbitrary<byte[]> formBody() {
        Arbitrary<String> formValue = Arbitraries.oneOf(
                value().map(v -> java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)),
                Arbitraries.of("%zz", "%", "%E2%82", "%FF%FE", "%00", "a+b", "%2B"));
        Arbitrary<String> pairs = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(QUERY_KEYS), queryText()), formValue)
                .ofMaxSize(6)
                .map(m -> m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
        return Combinators.combine(Arbitraries.of(ACTIONS), Arbitraries.of(VERSIONS), pairs)
                .as((a, v, p) -> ("Action=" + a + "&Version=" + v + (p.isEmpty() ? "" : "&" + p)).getBytes(StandardCharsets.UTF_8));
    }

    static Arbitrary<byte[]> rawBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<Fuzz> requests() {
        Arbitrary<String> method = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.just("POST")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("GET")), net.jqwik.api.Tuple.of(1, Arbitraries.of("PUT", "DELETE", "PATCH")));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""), queryText().map(q -> "?" + q));
        Arbitrary<String> contentType = Arbitraries.oneOf(Arbitraries.of(CONTENT_TYPES),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30).map(String::strip));
        Arbitrary<String> target = Arbitraries.oneOf(Arbitraries.of(TARGETS),
                Arbitraries.strings().withChars("AmazonSQS_Logs.0123-").ofMaxLength(30));

        Arbitrary<Fuzz> awsJson = Combinators.combine(method, target, Arbitraries.of(CONTENT_TYPES.subList(0, 3)), query, jsonBody())
                .as((m, t, ct, q, b) -> new Fuzz(m, "/" + q, headers("X-Amz-Target", t, "Content-Type", ct), b));
        Arbitrary<Fuzz> awsQuery = Combinators.combine(method, query, formBody(), Arbitraries.of(true, false))
                .as((m, q, b, inQuery) -> inQuery
                        ? new Fuzz("GET", "/?" + new String(b, StandardCharsets.UTF_8), Map.of(), new byte[0])
                        : new Fuzz(m, "/" + q, headers("Content-Type", "application/x-www-form-urlencoded"), b));
        Arbitrary<Fuzz> cbor = Combinators.combine(
                        Arbitraries.of("GraniteServiceVersion20100801", "PhotonAdminProxyService", "CloudWatch", "AppStream", "Nope"),
                        Arbitraries.of("ListMetrics", "PutMetricData", "GetMetricData", "DescribeFleets", "Nope", ""),
                        Arbitraries.of("application/cbor", "application/json", ""), cborBody())
                .as((s, o, ct, b) -> new Fuzz("POST", "/service/" + s + "/operation/" + o,
                        ct.isEmpty() ? headers("smithy-protocol", "rpc-v2-cbor") : headers("smithy-protocol", "rpc-v2-cbor", "Content-Type", ct), b));
        Arbitrary<Fuzz> anything = Combinators.combine(method, Arbitraries.strings().withChars("abc/._-~0123").ofMaxLength(20),
                        query, contentType, Arbitraries.oneOf(rawBytes(), jsonBody(), formBody(), cborBody()))
                .as((m, p, q, ct, b) -> new Fuzz(m, "/" + p + q, ct.isEmpty() ? Map.of() : headers("Content-Type", ct), b));
        return Arbitraries.oneOf(awsJson, awsQuery, cbor, anything);
    }

    static Map<String, String> headers(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
