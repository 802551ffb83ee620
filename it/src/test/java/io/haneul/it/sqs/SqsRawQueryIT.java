package io.haneul.it.sqs;

import io.haneul.it.support.Envelopes;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query protocol as plain unsigned HTTP (default account): the XML shapes AWS answers, posts to
 * the queue URL's path, GET with a query string, and the error envelope.
 */
class SqsRawQueryIT {

    static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static HttpResponse<byte[]> form(String path, String form) {
        return JavaHttp.form(server.endpoint().resolve(path), form + "&Version=2012-11-05");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Element only(Document d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        assertEquals(1, l.getLength(), "one <" + tag + ">");
        return (Element) l.item(0);
    }

    @Test
    void xmlShapesOfTheCoreOperations() throws Exception {
        String name = SqsV2.name("raw");
        HttpResponse<byte[]> created = form("/", "Action=CreateQueue&QueueName=" + name
                + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=50&Tag.1.Key=team&Tag.1.Value=core");
        assertEquals(200, created.statusCode(), () -> JavaHttp.text(created));
        Document c = Envelopes.xml(created.body());
        assertEquals("CreateQueueResponse", c.getDocumentElement().getTagName());
        assertEquals(NS, c.getDocumentElement().getAttribute("xmlns"));
        String url = Envelopes.text(c, "QueueUrl");
        assertEquals(server.endpoint() + "/000000000000/" + name, url);
        assertTrue(!Envelopes.text(c, "RequestId").isBlank());
        String path = URI.create(url).getPath();

        // Posted to the queue URL's path, without QueueUrl, as the SDK for Java v1 does.
        HttpResponse<byte[]> sent = form(path, "Action=SendMessage&MessageBody=" + enc("hello raw")
                + "&MessageAttribute.1.Name=k&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=v");
        assertEquals(200, sent.statusCode(), () -> JavaHttp.text(sent));
        Document s = Envelopes.xml(sent.body());
        assertEquals("SendMessageResponse", s.getDocumentElement().getTagName());
        assertEquals("e4a0a5d6a5e3bba3a5d1d0a4b1a6c1c4".length(), Envelopes.text(s, "MD5OfMessageBody").length());
        assertTrue(!Envelopes.text(s, "MD5OfMessageAttributes").isBlank());

        HttpResponse<byte[]> received = form(path, "Action=ReceiveMessage&AttributeName.1=All&MessageAttributeName.1=All"
                + "&MaxNumberOfMessages=5");
        assertEquals(200, received.statusCode(), () -> JavaHttp.text(received));
        Document r = Envelopes.xml(received.body());
        Element msg = only(r, "Message");
        assertEquals("ReceiveMessageResult", msg.getParentNode().getNodeName());
        assertEquals("hello raw", Envelopes.text(r, "Body"));
        Element ma = only(r, "MessageAttribute");
        assertEquals("k", ma.getElementsByTagName("Name").item(0).getTextContent());
        assertEquals("String", ma.getElementsByTagName("DataType").item(0).getTextContent());
        assertEquals("v", ma.getElementsByTagName("StringValue").item(0).getTextContent());
        NodeList attrs = r.getElementsByTagName("Attribute");
        assertTrue(attrs.getLength() >= 4, "system attributes as <Attribute><Name/><Value/></Attribute>");
        String receipt = Envelopes.text(r, "ReceiptHandle");

        // GET with the query string works too.
        HttpResponse<byte[]> got = JavaHttp.get(server.endpoint().resolve(path
                + "?Action=GetQueueAttributes&AttributeName.1=All&Version=2012-11-05"));
        assertEquals(200, got.statusCode(), () -> JavaHttp.text(got));
        Document g = Envelopes.xml(got.body());
        NodeList ga = g.getElementsByTagName("Attribute");
        boolean sawVisibility = false;
        for (int i = 0; i < ga.getLength(); i++) {
            Element a = (Element) ga.item(i);
            if ("VisibilityTimeout".equals(a.getElementsByTagName("Name").item(0).getTextContent())) {
                assertEquals("50", a.getElementsByTagName("Value").item(0).getTextContent());
                sawVisibility = true;
            }
        }
        assertTrue(sawVisibility, () -> JavaHttp.text(got));

        HttpResponse<byte[]> tags = form(path, "Action=ListQueueTags");
        Document t = Envelopes.xml(tags.body());
        Element tag = only(t, "Tag");
        assertEquals("team", tag.getElementsByTagName("Key").item(0).getTextContent());
        assertEquals("core", tag.getElementsByTagName("Value").item(0).getTextContent());

        HttpResponse<byte[]> batch = form(path, "Action=DeleteMessageBatch&DeleteMessageBatchRequestEntry.1.Id=ok"
                + "&DeleteMessageBatchRequestEntry.1.ReceiptHandle=" + enc(receipt)
                + "&DeleteMessageBatchRequestEntry.2.Id=bad&DeleteMessageBatchRequestEntry.2.ReceiptHandle=junk");
        assertEquals(200, batch.statusCode(), () -> JavaHttp.text(batch));
        Document b = Envelopes.xml(batch.body());
        assertEquals("ok", only(b, "DeleteMessageBatchResultEntry").getElementsByTagName("Id").item(0).getTextContent());
        Element failed = only(b, "BatchResultErrorEntry");
        assertEquals("bad", failed.getElementsByTagName("Id").item(0).getTextContent());
        assertEquals("ReceiptHandleIsInvalid", failed.getElementsByTagName("Code").item(0).getTextContent());
        assertEquals("true", failed.getElementsByTagName("SenderFault").item(0).getTextContent());

        HttpResponse<byte[]> listed = form("/", "Action=ListQueues&QueueNamePrefix=" + name);
        assertEquals(url, Envelopes.text(Envelopes.xml(listed.body()), "QueueUrl"));
    }

    @Test
    void errorEnvelope() throws Exception {
        HttpResponse<byte[]> r = form("/", "Action=GetQueueUrl&QueueName=no-such-raw-queue");
        assertEquals(400, r.statusCode());
        Document d = Envelopes.xml(r.body());
        assertEquals("ErrorResponse", d.getDocumentElement().getTagName());
        assertEquals("Sender", Envelopes.text(d, "Type"));
        assertEquals("AWS.SimpleQueueService.NonExistentQueue", Envelopes.text(d, "Code"));
        assertTrue(!Envelopes.text(d, "RequestId").isBlank());

        HttpResponse<byte[]> handle = form("/000000000000/" + SqsV2.name("x"), "Action=DeleteMessage&ReceiptHandle=junk");
        assertEquals(400, handle.statusCode(), "the missing queue is reported first");
        String q = SqsV2.name("empty-body");
        assertEquals(200, form("/", "Action=CreateQueue&QueueName=" + q).statusCode());
        HttpResponse<byte[]> missing = form("/000000000000/" + q, "Action=SendMessage&MessageBody=");
        assertEquals(400, missing.statusCode(), () -> JavaHttp.text(missing));
        assertEquals("MissingParameter", Envelopes.text(Envelopes.xml(missing.body()), "Code"), () -> JavaHttp.text(missing));
    }
}
