package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request log's recording of parsed input and output ({@code POST /_haneul/requests/recording}): off at
 * start, then each call's SDK request and answer as text, an error's body, secrets redacted.
 */
class RequestLogRecordingIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "123456789013";
    static TestServer server;
    static SqsClient sqs;
    static StsClient sts;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
        sts = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        sts.close();
        server.close();
    }

    static JsonNode requests(String query) throws Exception {
        HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve("/_haneul/requests?" + query));
        assertEquals(200, r.statusCode(), JavaHttp.text(r));
        return JSON.readTree(r.body());
    }

    /** The newest request of an operation, read by its id (a listing carries no inputs and outputs, only whether they were recorded). */
    static JsonNode newest(String operation) throws Exception {
        JsonNode listed = requests("operation=" + operation + "&limit=1").get("requests").get(0);
        assertTrue(listed.get("input").isNull() && listed.get("output").isNull(), "a listing leaves them out: " + listed);
        JsonNode one = requests("id=" + listed.get("id").asLong()).get("requests");
        assertEquals(1, one.size());
        assertEquals(listed.get("recorded").asBoolean(), !one.get(0).get("input").isNull() || !one.get(0).get("output").isNull());
        return one.get(0);
    }

    static void recording(String on, int expectedStatus) {
        HttpResponse<byte[]> r = JavaHttp.post(server.endpoint().resolve("/_haneul/requests/recording?on=" + on), Map.of(), new byte[0]);
        assertEquals(expectedStatus, r.statusCode(), JavaHttp.text(r));
    }

    @Test
    void inputsAndOutputsAreRecordedOnlyWhileRecordingIsOnWithSecretsRedacted() throws Exception {
        sqs.listQueues();
        assertFalse(requests("limit=1").get("recording").asBoolean(), "off at start");
        assertTrue(newest("ListQueues").get("input").isNull(), "nothing recorded while off");

        recording("true", 200);
        assertTrue(requests("limit=1").get("recording").asBoolean());
        String url = sqs.createQueue(b -> b.queueName("recorded-queue").attributes(Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.DELAY_SECONDS, "3"))).queueUrl();
        JsonNode created = newest("CreateQueue");
        assertTrue(created.get("input").asText().startsWith("CreateQueueRequest("), created.toString());
        assertTrue(created.get("input").asText().contains("QueueName=recorded-queue"), created.toString());
        assertTrue(created.get("input").asText().contains("DelaySeconds=3"), created.toString());
        assertTrue(created.get("output").asText().contains("QueueUrl=" + url), created.toString());

        assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("no-such-queue")));
        JsonNode failed = newest("GetQueueUrl");
        assertEquals(400, failed.get("status").asInt());
        assertTrue(failed.get("input").asText().contains("QueueName=no-such-queue"), failed.toString());
        String error = failed.get("output").asText();
        assertTrue(error.contains("QueueDoesNotExist") || error.contains("NonExistentQueue"), "the error's body: " + failed);

        var token = sts.getSessionToken().credentials();
        String output = newest("GetSessionToken").get("output").asText();
        assertTrue(output.contains("AccessKeyId=" + token.accessKeyId()), output);
        assertFalse(output.contains(token.secretAccessKey()), "the secret is never recorded: " + output);
        assertFalse(output.contains(token.sessionToken()), "nor the session token: " + output);
        assertTrue(output.contains("*** Sensitive Data Redacted ***"), output);

        recording("false", 200);
        sqs.listQueues();
        assertTrue(newest("ListQueues").get("input").isNull(), "off again");
        recording("maybe", 400);
    }
}
