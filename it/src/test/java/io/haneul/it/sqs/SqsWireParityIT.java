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

    @Test
    void queueUrlsCarryTheRegionOutsideUsEast1() throws Exception {
        BotoParity.check(server, work, "310000000003", """
                import uuid
                east = boto3.client("sqs", endpoint_url=ENDPOINT, region_name="us-east-1")
                west = boto3.client("sqs", endpoint_url=ENDPOINT, region_name="eu-west-1")
                name = "parity-" + uuid.uuid4().hex[:8]
                same("east", east.create_queue(QueueName=name), {"QueueUrl": ENDPOINT + "/310000000003/" + name})
                west_url = ENDPOINT + "/queue/eu-west-1/310000000003/" + name
                same("west", west.create_queue(QueueName=name, Attributes={"DelaySeconds": "7"}), {"QueueUrl": west_url})
                same("west-url", west.get_queue_url(QueueName=name), {"QueueUrl": west_url})
                same("west-list", west.list_queues(QueueNamePrefix=name), {"QueueUrls": [west_url]})
                same("west-attrs", west.get_queue_attributes(QueueUrl=west_url, AttributeNames=["DelaySeconds", "QueueArn"]),
                     {"Attributes": {"DelaySeconds": "7", "QueueArn": "arn:aws:sqs:eu-west-1:310000000003:" + name}})
                same("east-attrs", east.get_queue_attributes(QueueUrl=ENDPOINT + "/310000000003/" + name, AttributeNames=["DelaySeconds"]),
                     {"Attributes": {"DelaySeconds": "0"}})
                """);
    }

    @Test
    void addPermissionBuildsAwsDocument() throws Exception {
        BotoParity.check(server, work, "310000000004", """
                import uuid
                sqs = boto3.client("sqs", endpoint_url=ENDPOINT)
                name = "parity-" + uuid.uuid4().hex[:8]
                url = sqs.create_queue(QueueName=name)["QueueUrl"]
                arn = "arn:aws:sqs:us-east-1:310000000004:" + name
                sqs.add_permission(QueueUrl=url, Label="one", AWSAccountIds=["111122223333"], Actions=["ReceiveMessage"])
                sqs.add_permission(QueueUrl=url, Label="two", AWSAccountIds=["111122223333", "444455556666"],
                                   Actions=["SendMessage", "DeleteMessage"])
                policy = json.loads(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])
                same("policy", policy, {"Version": "2008-10-17", "Id": arn + "/SQSDefaultPolicy", "Statement": [
                    {"Sid": "one", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                     "Action": "SQS:ReceiveMessage", "Resource": arn},
                    {"Sid": "two", "Effect": "Allow",
                     "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]},
                     "Action": ["SQS:SendMessage", "SQS:DeleteMessage"], "Resource": arn}]})
                mine = '{"Version":"2012-10-17", "Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"%s"}]}' % arn
                sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": mine})
                same("verbatim", sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]), {"Attributes": {"Policy": mine}})
                """);
    }

    @Test
    void fifoReceivesServeOneGroupAtATime() throws Exception {
        BotoParity.check(server, work, "310000000005", """
                import uuid
                sqs = boto3.client("sqs", endpoint_url=ENDPOINT)
                def fifo():
                    url = sqs.create_queue(QueueName="parity-" + uuid.uuid4().hex[:8] + ".fifo",
                                           Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
                    for body, group in [("a1", "A"), ("b1", "B"), ("a2", "A"), ("b2", "B")]:
                        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
                    return url
                url = fifo()
                same("grouped", {"bodies": [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]},
                     {"bodies": ["a1", "a2", "b1", "b2"]})
                url = fifo()
                order = []
                for _ in range(4):
                    m = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"][0]
                    order.append(m["Body"])
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
                same("sticky", {"order": order}, {"order": ["a1", "a2", "b1", "b2"]})
                """);
    }
}
