package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueUrlsTest {

    @Test
    void buildsFromBaseUrl() {
        assertEquals("http://localhost:4566/123456789012/q", QueueUrls.build("http://localhost:4566", "123456789012", "q"));
        assertEquals("https://sqs.us-east-1.amazonaws.com/123456789012/q.fifo",
                QueueUrls.build("https://sqs.us-east-1.amazonaws.com/", "123456789012", "q.fifo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:4566/123456789012/my-queue", "https://sqs.eu-west-1.amazonaws.com/123456789012/my-queue",
            "HTTP://10.0.0.1/123456789012/my-queue", "/123456789012/my-queue"})
    void parsesAnyHostOrBarePath(String url) {
        assertEquals(new QueueUrls.Location("123456789012", "my-queue"), QueueUrls.parse(url));
    }

    @Test
    void parsesFifoAndRoundTrips() {
        String url = QueueUrls.build("http://h:1", "000000000000", "a-b_c.fifo");
        assertEquals(new QueueUrls.Location("000000000000", "a-b_c.fifo"), QueueUrls.parse(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-queue", "http://localhost/my-queue", "http://localhost/12345/q", "http://localhost/123456789012/q/extra",
            "http://localhost/123456789012/", "http://localhost/123456789012/q?x=1", "http://localhost/queue/Mars/123456789012/q",
            "ftp://h/123456789012/q", "http://localhost/123456789012/bad!name", "http://localhost/123456789012/abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"})
    void malformedUrlsAreUnknownQueues(String url) {
        fails(SqsError.QueueDoesNotExist, "The specified queue does not exist.", () -> QueueUrls.parse(url));
    }

    @Test
    void missingUrlIsMissingParameter() {
        fails(SqsError.MissingParameter, "The request must contain the parameter QueueUrl.", () -> QueueUrls.parse(null));
        fails(SqsError.MissingParameter, "The request must contain the parameter QueueUrl.", () -> QueueUrls.parse(""));
    }

    @Test
    void regionsOtherThanUsEast1HaveTheirOwnPath() {
        assertEquals("http://h:1/123456789012/q", QueueUrls.build("http://h:1", "us-east-1", "123456789012", "q"));
        String west = QueueUrls.build("http://h:1/", "eu-west-1", "123456789012", "q");
        assertEquals("http://h:1/queue/eu-west-1/123456789012/q", west);
        assertEquals(new QueueUrls.Location("123456789012", "q", "eu-west-1"), QueueUrls.parse(west));
        assertEquals(new QueueUrls.Location("123456789012", "q", "eu-west-1"), QueueUrls.parse("/queue/eu-west-1/123456789012/q"));
        fails(SqsError.QueueDoesNotExist, "The specified queue does not exist.", () -> QueueUrls.parse("http://h/queue/123456789012/q"));
    }
}
