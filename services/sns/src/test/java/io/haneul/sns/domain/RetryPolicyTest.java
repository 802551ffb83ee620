package io.haneul.sns.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private static RetryPolicy parse(String json) throws Exception {
        return RetryPolicy.parse(new ObjectMapper().readTree(json), "DeliveryPolicy");
    }

    @Test
    void httpDefaultIsThreeRetriesTwentySecondsApart() {
        RetryPolicy p = RetryPolicy.HTTP_DEFAULT;
        assertEquals(Optional.of(Duration.ofSeconds(20)), p.delayBeforeRetry(1));
        assertEquals(Optional.of(Duration.ofSeconds(20)), p.delayBeforeRetry(3));
        assertEquals(Optional.empty(), p.delayBeforeRetry(4));
        assertEquals(60, p.totalSeconds());
    }

    @Test
    void phasesRunInOrder() throws Exception {
        RetryPolicy p = parse("{\"minDelayTarget\":1,\"maxDelayTarget\":60,\"numRetries\":10,\"numNoDelayRetries\":2,"
                + "\"numMinDelayRetries\":2,\"numMaxDelayRetries\":2,\"backoffFunction\":\"exponential\"}");
        long[] delays = IntStream.rangeClosed(1, 10).mapToLong(i -> p.delayBeforeRetry(i).orElseThrow().toSeconds()).toArray();
        assertEquals(0, delays[0]);
        assertEquals(0, delays[1]);
        assertEquals(1, delays[2]);
        assertEquals(1, delays[3]);
        for (int i = 4; i < 7; i++) {
            assertTrue(delays[i] <= delays[i + 1], "backoff grows");
        }
        assertEquals(60, delays[7]);
        assertEquals(60, delays[8]);
        assertEquals(60, delays[9]);
        assertEquals(Optional.empty(), p.delayBeforeRetry(11));
    }

    @Test
    void backoffFunctionsShapeTheMiddlePhase() throws Exception {
        for (String f : RetryPolicy.BACKOFF_FUNCTIONS) {
            RetryPolicy p = parse("{\"minDelayTarget\":2,\"maxDelayTarget\":100,\"numRetries\":5,\"backoffFunction\":\"" + f + "\"}");
            long previous = 0;
            for (int i = 1; i <= 5; i++) {
                long d = p.delayBeforeRetry(i).orElseThrow().toSeconds();
                assertTrue(d >= previous && d >= 2 && d <= 100, f + " retry " + i + " = " + d);
                previous = d;
            }
            assertEquals(100, previous, f + " ends at maxDelayTarget");
        }
    }

    @Test
    void fixedPoliciesOfOtherProtocols() {
        assertEquals(100_015, RetryPolicy.SQS_LAMBDA.numRetries());
        assertEquals(Duration.ZERO, RetryPolicy.SQS_LAMBDA.delayBeforeRetry(3).orElseThrow());
        assertEquals(Duration.ofSeconds(1), RetryPolicy.SQS_LAMBDA.delayBeforeRetry(4).orElseThrow());
        assertEquals(Duration.ofSeconds(20), RetryPolicy.SQS_LAMBDA.delayBeforeRetry(100_015).orElseThrow());
        long days = RetryPolicy.SQS_LAMBDA.totalSeconds() / 86_400;
        assertEquals(23, days, "about 23 days");
        long hours = RetryPolicy.EMAIL_SMS_MOBILE.totalSeconds() / 3600;
        assertTrue(hours >= 6 && hours <= 7, "about 6 hours, was " + hours);
    }

    @Test
    void limitsAreChecked() {
        assertThrows(SnsException.class, () -> parse("{\"numRetries\":101}"));
        assertThrows(SnsException.class, () -> parse("{\"minDelayTarget\":0}"));
        assertThrows(SnsException.class, () -> parse("{\"minDelayTarget\":30,\"maxDelayTarget\":20}"));
        assertThrows(SnsException.class, () -> parse("{\"maxDelayTarget\":3601}"));
        assertThrows(SnsException.class, () -> parse("{\"numRetries\":3,\"numNoDelayRetries\":2,\"numMinDelayRetries\":2}"));
        assertThrows(SnsException.class, () -> parse("{\"backoffFunction\":\"cubic\"}"));
        assertThrows(SnsException.class, () -> parse("{\"minDelayTarget\":100,\"maxDelayTarget\":100,\"numRetries\":40}"), "over 3600 s");
        assertThrows(SnsException.class, () -> parse("{\"numRetries\":\"many\"}"));
    }
}
