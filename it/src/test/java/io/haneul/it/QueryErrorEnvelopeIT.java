package io.haneul.it;

import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query-protocol error body, decided per service (engine's {@code WireStyle}): SNS, SES and STS
 * answer {@code <Error><Type/><Code/><Message/></Error>} with no {@code <Detail/>}, SQS with an empty one,
 * as AWS's recorded answers show.
 */
class QueryErrorEnvelopeIT {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The {@code <Error>} element of a query error, as sent. */
    private static String errorElement(String form) {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), form);
        String body = JavaHttp.text(r);
        assertTrue(r.statusCode() >= 400, body);
        Matcher m = Pattern.compile("<Error>.*</Error>", Pattern.DOTALL).matcher(body);
        assertTrue(m.find(), body);
        return m.group();
    }

    @Test
    void snsSesAndStsHaveNoDetail() {
        assertEquals("<Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: TopicArn Reason:"
                        + " An ARN must have at least 6 elements, not 1</Message></Error>",
                errorElement("Action=GetTopicAttributes&TopicArn=nope&Version=2010-03-31"));
        assertTrue(!errorElement("Action=GetIdentityVerificationAttributes&Version=2010-12-01").contains("Detail"));
        assertTrue(!errorElement("Action=AssumeRole&RoleSessionName=s&Version=2011-06-15").contains("Detail"));
    }

    @Test
    void sqsHasAnEmptyDetail() {
        assertTrue(errorElement("Action=GetQueueUrl&QueueName=no-such-envelope-queue&Version=2012-11-05")
                .matches("<Error>.*<Detail\\s*(/>|></Detail>)</Error>"));
    }
}
