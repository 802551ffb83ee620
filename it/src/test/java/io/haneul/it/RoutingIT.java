package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service resolver through the listener, with unsigned requests: X-Amz-Target, the Host, the
 * query Version field and the rpc-v2-cbor path each reach the right service, and what reaches none
 * is answered in an envelope.
 */
class RoutingIT {

    /** A JSON-protocol operation that no module implements yet, to see a 501 from a routed request. */
    record JsonOp(String modelId, String targetPrefix, String operation, String serviceId, String contentType) {
    }

    /** Tried in order; the first whose service has no module is used (services get implemented over time). */
    static final List<JsonOp> UNIMPLEMENTED_CANDIDATES = List.of(
            new JsonOp("sqs", "AmazonSQS", "ListQueues", "SQS", "application/x-amz-json-1.0"),
            new JsonOp("logs", "Logs_20140328", "DescribeLogGroups", "CloudWatch Logs", "application/x-amz-json-1.1"),
            new JsonOp("swf", "SimpleWorkflowService", "ListDomains", "SWF", "application/x-amz-json-1.0"));

    static TestServer server;
    static JsonNode health;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        health = new ObjectMapper().readTree(JavaHttp.get(server.endpoint().resolve("/_haneul/health")).body());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static boolean notImplemented(String modelId) {
        return "not implemented".equals(health.path("services").path(modelId).asText());
    }

    static HttpResponse<byte[]> target(String target, String contentType, String body) {
        return JavaHttp.post(server.endpoint(), Map.of("X-Amz-Target", target, "Content-Type", contentType), body);
    }

    @Test
    void xAmzTargetAloneReachesTheServiceAndItsOperation() {
        JsonOp op = UNIMPLEMENTED_CANDIDATES.stream().filter(o -> notImplemented(o.modelId())).findFirst().orElse(null);
        assumeTrue(op != null, "every candidate service is implemented now; add another to UNIMPLEMENTED_CANDIDATES");
        HttpResponse<byte[]> r = target(op.targetPrefix() + "." + op.operation(), op.contentType(), "{}");
        Envelopes.Envelope e = Envelopes.assertError(r, 501, "NotImplemented");
        assertEquals(op.contentType(), r.headers().firstValue("content-type").orElseThrow());
        assertTrue(e.tree().path("__type").asText().startsWith("com.amazonaws."), e.tree().toString());
        assertTrue(e.message().contains(op.serviceId()) && e.message().contains(op.operation()), e.message());
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
    }

    @Test
    void unknownOperationOfAKnownServiceIsUnknownOperationException() {
        for (JsonOp op : UNIMPLEMENTED_CANDIDATES) {
            HttpResponse<byte[]> r = target(op.targetPrefix() + ".NoSuchOperationAnywhere", op.contentType(), "{}");
            Envelopes.Envelope e = Envelopes.assertError(r, 400, "UnknownOperationException");
            assertTrue(e.message().contains("NoSuchOperationAnywhere"), e.message());
        }
    }

    @Test
    void unknownTargetPrefixReachesNoServiceAndSaysSo() {
        HttpResponse<byte[]> r = target("NoSuchService_20990101.DoThings", "application/x-amz-json-1.0", "{}");
        Envelopes.assertError(r, 400, "UnrecognizedClientException");
    }

    @Test
    void sqsTargetsAreAnsweredAsSqsWhetherOrNotImplemented() {
        HttpResponse<byte[]> r = target("AmazonSQS.ListQueues", "application/x-amz-json-1.0", "{}");
        assertTrue(r.statusCode() == 200 || r.statusCode() == 501, () -> r.statusCode() + " " + JavaHttp.text(r));
        if (r.statusCode() == 501) {
            Envelopes.Envelope e = Envelopes.assertError(r, 501, "NotImplemented");
            assertEquals("com.amazonaws.sqs#NotImplemented", e.tree().path("__type").asText());
            assertTrue(e.message().contains("SQS") && e.message().contains("ListQueues"), e.message());
            assertEquals("NotImplemented;Receiver", r.headers().firstValue("x-amzn-query-error").orElse(null),
                    "SQS is awsQueryCompatible: the legacy code goes in x-amzn-query-error");
        } else {
            Envelopes.parse(r);
        }
    }

    @Test
    void hostNameRoutesAQueryFormWithoutVersion() {
        String form = "Action=GetCallerIdentity";
        Map<String, String> headers = Map.of("Host", "sts.us-east-1.localhost:" + server.port(),
                "Content-Type", "application/x-www-form-urlencoded");
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/", headers, form);
        assertEquals(200, r.status(), r::toString);
        assertEquals("GetCallerIdentityResponse", Envelopes.parse(r).xml().getDocumentElement().getTagName());
        assertEquals("000000000000", Envelopes.text(Envelopes.parse(r).xml(), "Account"));

        RawHttp.Response nowhere = RawHttp.send(server.port(), "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
        Envelopes.assertError(nowhere, 400, "UnrecognizedClientException");
    }

    @Test
    void hostNameRoutesAnActionVersionForm() {
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/",
                Map.of("Host", "sts.us-east-1.localhost:" + server.port(), "Content-Type", "application/x-www-form-urlencoded"),
                "Action=GetCallerIdentity&Version=2011-06-15");
        assertEquals(200, r.status(), r::toString);
        assertEquals("000000000000", Envelopes.text(Envelopes.parse(r).xml(), "Account"));
    }

    @Test
    void queryVersionAloneRoutesToSts() {
        RawHttp.Response r = RawHttp.send(server.port(), "GET", "/?Action=GetCallerIdentity&Version=2011-06-15", Map.of(), (byte[]) null);
        assertEquals(200, r.status(), r::toString);
        assertEquals("000000000000", Envelopes.text(Envelopes.parse(r).xml(), "Account"));
    }

    @Test
    void unknownQueryActionOfStsIsInvalidActionInTheQueryEnvelope() {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=FlyToTheMoon&Version=2011-06-15");
        Envelopes.Envelope e = Envelopes.assertError(r, 400, "InvalidAction");
        assertEquals("ErrorResponse", e.xml().getDocumentElement().getTagName());
    }

    @Test
    void rpcV2CborPathReachesAppStreamAndAnswersInCbor() throws Exception {
        assumeTrue(notImplemented("appstream"), "AppStream is implemented now: this test expects its 501");
        byte[] body = new CBORMapper().writeValueAsBytes(Map.of());
        HttpResponse<byte[]> r = JavaHttp.post(server.endpoint().resolve("/service/PhotonAdminProxyService/operation/DescribeFleets"),
                Map.of("smithy-protocol", "rpc-v2-cbor", "Content-Type", "application/cbor", "Accept", "application/cbor"), body);
        assertEquals(501, r.statusCode());
        assertEquals("application/cbor", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("rpc-v2-cbor", r.headers().firstValue("smithy-protocol").orElseThrow());
        JsonNode decoded = new CBORMapper().readTree(r.body());
        assertTrue(decoded.path("__type").asText().startsWith("com.amazonaws.appstream"), decoded.toString());
        assertTrue(decoded.path("__type").asText().endsWith("#NotImplemented"), decoded.toString());
        assertTrue(decoded.path("message").asText().contains("DescribeFleets"), decoded.toString());
        assertEquals("NotImplemented", Envelopes.parse(r).code());
    }
}
