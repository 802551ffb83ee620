package io.haneul.it.sqs;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SQS answers compared whole with AWS's (API reference examples and responses recorded against
 * AWS): boto3 dictionaries for the JSON protocol, the XML envelope for the query protocol.
 */
class SqsWireParityIT {

    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void emptyListsAndMapsAreLeftOut() throws Exception {
        BotoParity.check(server, work, "310000000001", """
                import uuid
                sqs = boto3.client("sqs", endpoint_url=ENDPOINT)
                name = "parity-" + uuid.uuid4().hex[:8]
                url = sqs.create_queue(QueueName=name)["QueueUrl"]
                same("create", sqs.create_queue(QueueName=name), {"QueueUrl": url})
                same("receive-empty", sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0), {})
                same("list-no-match", sqs.list_queues(QueueNamePrefix="no-such-prefix-" + name), {})
                same("list-match", sqs.list_queues(QueueNamePrefix=name), {"QueueUrls": [url]})
                same("tags-none", sqs.list_queue_tags(QueueUrl=url), {})
                sent = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "x"}])
                same("batch-ok", sent, {"Successful": [{"Id": "a", "MessageId": ANY, "MD5OfMessageBody": "9dd4e461268c8034f5c8564e155c67a6"}]})
                got = sqs.receive_message(QueueUrl=url)
                same("receive-one", got, {"Messages": [{"MessageId": ANY, "ReceiptHandle": ANY,
                    "MD5OfBody": "9dd4e461268c8034f5c8564e155c67a6", "Body": "x"}]})
                handle = got["Messages"][0]["ReceiptHandle"]
                same("delete-batch", sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": "d", "ReceiptHandle": handle}]),
                     {"Successful": [{"Id": "d"}]})
                same("dead-letter-sources-none", sqs.list_dead_letter_source_queues(QueueUrl=url), {"queueUrls": []})
                """);
    }

    @Test
    void jsonErrorsCarryTheQueryCodeInTheHeader() throws Exception {
        BotoParity.check(server, work, "310000000002", """
                import uuid
                sqs = boto3.client("sqs", endpoint_url=ENDPOINT)
                url = sqs.create_queue(QueueName="parity-" + uuid.uuid4().hex[:8])["QueueUrl"]
                same("no-queue", {"Error": error_of(lambda: sqs.get_queue_url(QueueName="no-such-queue-parity"))},
                     {"Error": {"Code": "AWS.SimpleQueueService.NonExistentQueue", "QueryErrorCode": "QueueDoesNotExist",
                                "Message": "The specified queue does not exist.", "Type": "Sender"}})
                same("bad-delay", {"Error": error_of(lambda: sqs.send_message(QueueUrl=url, MessageBody="x", DelaySeconds=1000))},
                     {"Error": {"Code": "InvalidParameterValue", "QueryErrorCode": "InvalidParameterValueException",
                                "Message": "Value 1000 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.",
                                "Type": "Sender"}})
                """);
    }

    @Test
    void queryErrorsCarryAnEmptyDetail() throws Exception {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=GetQueueUrl&QueueName=no-such-parity&Version=2012-11-05");
        assertEquals(400, r.statusCode());
        String body = JavaHttp.text(r);
        String expected = "<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type>"
                + "<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message>"
                + "<Detail/></Error><RequestId>";
        assertEquals(expected, body.substring(body.indexOf("<ErrorResponse"), body.indexOf("<RequestId>") + "<RequestId>".length())
                .replace("<Detail></Detail>", "<Detail/>"), body);
    }

    @Test
    void rawQueryUnknownActionAndMissingParameter() throws Exception {
        HttpResponse<byte[]> unknown = JavaHttp.form(server.endpoint(), "Action=FlyToTheMoon&Version=2012-11-05");
        assertEquals(400, unknown.statusCode(), () -> JavaHttp.text(unknown));
        Document d = Envelopes.xml(unknown.body());
        assertEquals("InvalidAction", Envelopes.text(d, "Code"));
        assertEquals("The action or operation requested is invalid. Verify that the action is typed correctly.",
                Envelopes.text(d, "Message"));

        HttpResponse<byte[]> missing = JavaHttp.form(server.endpoint(), "Action=GetQueueUrl&Version=2012-11-05");
        assertEquals(400, missing.statusCode(), () -> JavaHttp.text(missing));
        Document m = Envelopes.xml(missing.body());
        assertEquals("MissingParameter", Envelopes.text(m, "Code"), () -> JavaHttp.text(missing));
        assertEquals("The request must contain the parameter QueueName.", Envelopes.text(m, "Message"));
    }
}
