package io.haneul.it.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SQS through clients outside the JVM: boto3 (JSON protocol, run with python3) and Debian's AWS
 * CLI v2 at /usr/bin/aws (query protocol), skipped where that CLI is not installed.
 */
class SqsPythonAndCliIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DEBIAN_CLI = Path.of("/usr/bin/aws");
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

    private JsonNode python(String script, String account) throws Exception {
        Path file = work.resolve("sqs_test.py");
        Files.writeString(file, script);
        Processes.Result r = Processes.run(List.of("python3", file.toString(), server.endpoint().toString()), account, "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        return JSON.readTree(r.stdout());
    }

    @Test
    void boto3StandardQueue() throws Exception {
        JsonNode out = python("""
                import hashlib, json, sys, uuid
                import boto3
                sqs = boto3.client("sqs", endpoint_url=sys.argv[1])
                name = "boto-" + uuid.uuid4().hex[:8]
                url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "40"})["QueueUrl"]
                attrs = {"s": {"DataType": "String", "StringValue": "py ✓"},
                         "n": {"DataType": "Number", "StringValue": "7"},
                         "b": {"DataType": "Binary", "BinaryValue": b"\\x00\\x01\\xff"}}
                sent = sqs.send_message_batch(QueueUrl=url, Entries=[
                    {"Id": "m%d" % i, "MessageBody": "body %d" % i, "MessageAttributes": attrs} for i in range(3)])
                md5_ok = all(e["MD5OfMessageBody"] == hashlib.md5(("body " + e["Id"][1:]).encode()).hexdigest()
                             for e in sent["Successful"])
                got = []
                for _ in range(5):
                    r = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"],
                                            MessageSystemAttributeNames=["All"], WaitTimeSeconds=1)
                    got.extend(r.get("Messages", []))
                    if len(got) >= 3:
                        break
                for m in got:
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
                left = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
                try:
                    sqs.get_queue_url(QueueName="no-such-" + name)
                    err = None
                except sqs.exceptions.QueueDoesNotExist as e:
                    err = e.response["Error"]["Code"]
                print(json.dumps({"url": url, "name": name, "sent": len(sent["Successful"]), "md5_ok": md5_ok,
                    "bodies": sorted(m["Body"] for m in got),
                    "attr_s": got[0]["MessageAttributes"]["s"]["StringValue"] if got else None,
                    "attr_b": list(got[0]["MessageAttributes"]["b"]["BinaryValue"]) if got else None,
                    "count": got[0]["Attributes"].get("ApproximateReceiveCount") if got else None,
                    "left": left, "err": err}))
                """, "444444444444");
        assertEquals(server.endpoint() + "/444444444444/" + out.path("name").asText(), out.path("url").asText());
        assertEquals(3, out.path("sent").asInt());
        assertTrue(out.path("md5_ok").asBoolean(), out::toString);
        assertEquals("[\"body 0\",\"body 1\",\"body 2\"]", out.path("bodies").toString());
        assertEquals("py ✓", out.path("attr_s").asText());
        assertEquals("[0,1,255]", out.path("attr_b").toString());
        assertEquals("1", out.path("count").asText());
        assertEquals("40", out.path("left").path("VisibilityTimeout").asText());
        assertEquals("0", out.path("left").path("ApproximateNumberOfMessages").asText());
        assertEquals("0", out.path("left").path("ApproximateNumberOfMessagesNotVisible").asText());
        assertTrue(out.path("err").asText().contains("NonExistentQueue") || out.path("err").asText().equals("QueueDoesNotExist"), out::toString);
    }

    @Test
    void boto3FifoDeduplication() throws Exception {
        JsonNode out = python("""
                import json, sys, uuid
                import boto3
                sqs = boto3.client("sqs", endpoint_url=sys.argv[1])
                url = sqs.create_queue(QueueName="boto-" + uuid.uuid4().hex[:8] + ".fifo",
                                       Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
                a = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
                b = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
                c = sqs.send_message(QueueUrl=url, MessageBody="other", MessageGroupId="g", MessageDeduplicationId="x")
                d = sqs.send_message(QueueUrl=url, MessageBody="other again", MessageGroupId="g", MessageDeduplicationId="x")
                r = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"])
                print(json.dumps({"same_id": a["MessageId"] == b["MessageId"], "explicit_dup": c["MessageId"] == d["MessageId"],
                    "seq": [a["SequenceNumber"], c["SequenceNumber"]],
                    "bodies": [m["Body"] for m in r.get("Messages", [])],
                    "groups": [m["Attributes"]["MessageGroupId"] for m in r.get("Messages", [])]}))
                """, "444444444444");
        assertTrue(out.path("same_id").asBoolean(), out::toString);
        assertTrue(out.path("explicit_dup").asBoolean(), out::toString);
        assertEquals("[\"same\",\"other\"]", out.path("bodies").toString());
        assertEquals("[\"g\",\"g\"]", out.path("groups").toString());
        assertTrue(new java.math.BigInteger(out.path("seq").get(1).asText()).compareTo(new java.math.BigInteger(out.path("seq").get(0).asText())) > 0);
    }

    private Processes.Result cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DEBIAN_CLI.toString(), "--endpoint-url", server.endpoint().toString(), "--output", "json", "sqs"));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, "555555555555", "secret", work, 120);
    }

    @Test
    void awsCliV2FromDebian() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_CLI), "Debian's AWS CLI v2 (/usr/bin/aws, package awscli) is not installed");
        Processes.Result version = Processes.run(List.of(DEBIAN_CLI.toString(), "--version"), "x", "x", work, 60);
        assumeTrue((version.stdout() + version.stderr()).startsWith("aws-cli/2."), () -> "/usr/bin/aws is not v2: " + version);

        String name = SqsV2.name("cli");
        Processes.Result created = cli("create-queue", "--queue-name", name, "--attributes", "DelaySeconds=0,VisibilityTimeout=50");
        assertEquals(0, created.exitCode(), created::toString);
        String url = JSON.readTree(created.stdout()).path("QueueUrl").asText();
        assertEquals(server.endpoint() + "/555555555555/" + name, url);

        Processes.Result sent = cli("send-message", "--queue-url", url, "--message-body", "from the cli",
                "--message-attributes", "{\"k\":{\"DataType\":\"String\",\"StringValue\":\"v\"},\"n\":{\"DataType\":\"Number\",\"StringValue\":\"12\"}}");
        assertEquals(0, sent.exitCode(), sent::toString);
        JsonNode s = JSON.readTree(sent.stdout());
        assertEquals("84406b7c2b7d4dad5dcb0e1cb2e1cdd0".length(), s.path("MD5OfMessageBody").asText().length());
        assertTrue(!s.path("MessageId").asText().isEmpty(), sent::toString);

        Processes.Result received = cli("receive-message", "--queue-url", url, "--attribute-names", "All",
                "--message-attribute-names", "All", "--max-number-of-messages", "10");
        assertEquals(0, received.exitCode(), received::toString);
        JsonNode m = JSON.readTree(received.stdout()).path("Messages").get(0);
        assertEquals("from the cli", m.path("Body").asText(), received::toString);
        assertEquals(s.path("MessageId").asText(), m.path("MessageId").asText());
        assertEquals("v", m.path("MessageAttributes").path("k").path("StringValue").asText(), received::toString);
        assertEquals("12", m.path("MessageAttributes").path("n").path("StringValue").asText());
        assertEquals("1", m.path("Attributes").path("ApproximateReceiveCount").asText(), received::toString);
        assertEquals(s.path("MD5OfMessageAttributes").asText(), m.path("MD5OfMessageAttributes").asText());

        Processes.Result attrs = cli("get-queue-attributes", "--queue-url", url, "--attribute-names", "All");
        assertEquals(0, attrs.exitCode(), attrs::toString);
        JsonNode a = JSON.readTree(attrs.stdout()).path("Attributes");
        assertEquals("50", a.path("VisibilityTimeout").asText(), attrs::toString);
        assertEquals("1", a.path("ApproximateNumberOfMessagesNotVisible").asText());
        assertEquals("arn:aws:sqs:us-east-1:555555555555:" + name, a.path("QueueArn").asText());

        Processes.Result missing = cli("get-queue-url", "--queue-name", "no-such-" + name);
        assertTrue(missing.exitCode() != 0);
        assertTrue(missing.stderr().contains("AWS.SimpleQueueService.NonExistentQueue"), missing::toString);
    }
}
