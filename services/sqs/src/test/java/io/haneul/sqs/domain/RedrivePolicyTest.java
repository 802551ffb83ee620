package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedrivePolicyTest {

    private static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:MyDLQ";

    private static String reason(String value, String reason) {
        return "Value " + value + " for parameter RedrivePolicy is invalid. Reason: " + reason;
    }

    @Test
    void parsesNumberOrNumericString() {
        assertEquals(new RedrivePolicy(DLQ, 5), RedrivePolicy.parse("{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":5}"));
        assertEquals(new RedrivePolicy(DLQ, 1000),
                RedrivePolicy.parse(" { \"maxReceiveCount\" : \"1000\", \"deadLetterTargetArn\" : \"" + DLQ + "\" } "));
        assertEquals(1, RedrivePolicy.parse("{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":1}").maxReceiveCount());
        RedrivePolicy p = new RedrivePolicy(DLQ, 7);
        assertEquals("{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":7}", p.toJson());
        assertEquals(p, RedrivePolicy.parse(p.toJson()));
        assertEquals("MyDLQ", p.target().queueName());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "4", "[]", "badjson", "\"x\"", "{", ""})
    void notAJsonMap(String v) {
        fails(SqsError.InvalidParameterValue,
                "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.", () -> RedrivePolicy.parse(v));
    }

    @Test
    void mandatoryAttributes() {
        fails(SqsError.InvalidParameterValue, reason("{}", "Redrive policy does not contain mandatory attribute: maxReceiveCount."),
                () -> RedrivePolicy.parse("{}"));
        fails(SqsError.InvalidParameterValue, reason("{\"maxReceiveCount\":5}",
                "Redrive policy does not contain mandatory attribute: deadLetterTargetArn."),
                () -> RedrivePolicy.parse("{\"maxReceiveCount\":5}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-36", "0", "1001", "4023", "2.5", "\"abc\"", "\"\"", "null", "true", "99999999999"})
    void receiveCountRange(String count) {
        String v = "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":" + count + "}";
        String shown = count.startsWith("\"") ? count.substring(1, count.length() - 1) : count;
        fails(SqsError.InvalidParameterValue, reason(v, "Invalid value for maxReceiveCount: " + shown
                + ", valid values are from 1 to 1000 both inclusive."), () -> RedrivePolicy.parse(v));
    }

    @Test
    void targetMustBeAQueueArn() {
        String sns = "{\"deadLetterTargetArn\":\"arn:aws:sns:us-east-1:123456789012:MyTopic\",\"maxReceiveCount\":5}";
        fails(SqsError.InvalidParameterValue, reason(sns, "Only SQS queues are valid resources for deadLetterTargetArn."),
                () -> RedrivePolicy.parse(sns));
        String junk = "{\"deadLetterTargetArn\":\"foo\",\"maxReceiveCount\":5}";
        fails(SqsError.InvalidParameterValue, reason(junk, "Dead-letter target ARN should be fully qualified ARN."),
                () -> RedrivePolicy.parse(junk));
        String number = "{\"deadLetterTargetArn\":5,\"maxReceiveCount\":5}";
        fails(SqsError.InvalidParameterValue, null, () -> RedrivePolicy.parse(number));
    }

    @Test
    void onlyTwoKeys() {
        String v = "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":5,\"dummyField\":\"dummy value\"}";
        fails(SqsError.InvalidParameterValue, reason(v, "Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn]."),
                () -> RedrivePolicy.parse(v));
    }

    @Test
    void sameTypeRule() {
        RedrivePolicy p = new RedrivePolicy(DLQ, 5);
        p.checkCompatible(false, false);
        p.checkCompatible(true, true);
        String msg = reason(p.toJson(), "Dead-letter queue must be same type of queue as the source..");
        fails(SqsError.InvalidParameterValue, msg, () -> p.checkCompatible(true, false));
        fails(SqsError.InvalidParameterValue, msg, () -> p.checkCompatible(false, true));
        assertEquals(reason(p.toJson(), "Dead letter target does not exist."), p.targetDoesNotExist().getMessage());
        assertEquals(reason(p.toJson(), "Dead-letter target owner should be same as the source."), p.ownerMismatch().getMessage());
    }

    @Test
    void constructorGuardsRange() {
        assertThrows(IllegalArgumentException.class, () -> new RedrivePolicy(DLQ, 0));
        assertThrows(IllegalArgumentException.class, () -> new RedrivePolicy(DLQ, 1001));
    }
}
