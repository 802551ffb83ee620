package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageValidationTest {

    private static final QueueAttributes STD = QueueAttributes.defaults(false);
    private static final QueueAttributes FIFO = QueueAttributes.defaults(true);
    private static final QueueAttributes FIFO_CBD = FIFO.merge(Map.of("ContentBasedDeduplication", "true"));
    private static final String INVALID = "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | "
            + "#x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF";

    private static SendInput send(String body, Integer delay, String group, String dedup) {
        return new SendInput(body, delay, Map.of(), Map.of(), group, dedup);
    }

    @Test
    void standardMessage() {
        SendInput in = new SendInput("Test Message", null,
                Map.of("UserId", MessageAttribute.ofString("Number.bigint", "1234567890123456789012")),
                Map.of("AWSTraceHeader", MessageAttribute.ofString("String", "some-trace-id")), null, null);
        ValidatedSend v = MessageValidation.validateSend(in, STD);
        assertEquals(0, v.delaySeconds());
        assertNull(v.messageGroupId());
        assertNull(v.deduplicationId());
        assertEquals("d1d4180b7e411c4be86b00fb2ee103eb", v.md5OfBody());
        assertEquals("797ab158d73dcb5242dedc4412c8e855", v.md5OfAttributes());
        assertEquals("fdce4f2818803f2f73becc09a54792c0", v.md5OfSystemAttributes());
        ValidatedSend plain = MessageValidation.validateSend(SendInput.of("x"), STD);
        assertNull(plain.md5OfAttributes());
        assertNull(plain.md5OfSystemAttributes());
    }

    @Test
    void bodyRequired() {
        fails(SqsError.MissingParameter, "The request must contain the parameter MessageBody.", () -> MessageValidation.checkBody(null));
        fails(SqsError.MissingParameter, "The request must contain the parameter MessageBody.", () -> MessageValidation.checkBody(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t\n\r", " ~", "\uD7FF", "\uE000", "\uFFFD", "\uD800\uDC00", "\uDBFF\uDFFF", "h\u00e9llo \uD83D\uDE00"})
    void allowedCharacters(String body) {
        MessageValidation.checkBody(body);
        assertTrue(MessageValidation.validCharacters(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0008b", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "x\uDC00", "\u000B"})
    void forbiddenCharacters(String body) {
        fails(SqsError.InvalidMessageContents, INVALID, () -> MessageValidation.checkBody(body));
        assertFalse(MessageValidation.validCharacters(body));
    }

    @Test
    void sizeLimitIncludesAttributes() {
        QueueAttributes small = STD.merge(Map.of("MaximumMessageSize", "1024"));
        MessageValidation.validateSend(SendInput.of("a".repeat(1024)), small);
        String msg = "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.";
        fails(SqsError.InvalidParameterValue, msg, () -> MessageValidation.validateSend(SendInput.of("a".repeat(1025)), small));
        fails(SqsError.InvalidParameterValue, msg, () -> MessageValidation.validateSend(SendInput.of("\u00e9".repeat(513)), small));
        SendInput withAttrs = new SendInput("a".repeat(1000), null, Map.of("name", MessageAttribute.ofString("String", "123456789012345")),
                Map.of(), null, null);
        assertEquals(1000 + 4 + 6 + 15, withAttrs.size());
        fails(SqsError.InvalidParameterValue, msg, () -> MessageValidation.validateSend(withAttrs, small));
        MessageValidation.validateSend(SendInput.of("a".repeat(1_048_576)), STD);
    }

    @Test
    void delaySeconds() {
        assertEquals(0, MessageValidation.validateSend(send("x", 0, null, null), STD).delaySeconds());
        assertEquals(900, MessageValidation.validateSend(send("x", 900, null, null), STD).delaySeconds());
        assertEquals(7, MessageValidation.validateSend(send("x", null, null, null), STD.merge(Map.of("DelaySeconds", "7"))).delaySeconds());
        fails(SqsError.InvalidParameterValue, "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.",
                () -> MessageValidation.validateSend(send("x", 901, null, null), STD));
        fails(SqsError.InvalidParameterValue, "Value -234 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.",
                () -> MessageValidation.validateSend(send("x", -234, null, null), STD));
    }

    @Test
    void fifoRejectsPerMessageDelay() {
        fails(SqsError.InvalidParameterValue, "Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that "
                + "is not valid for this queue type.", () -> MessageValidation.validateSend(send("x", 5, "g", "d"), FIFO));
        QueueAttributes delayed = FIFO.merge(Map.of("DelaySeconds", "30"));
        assertEquals(30, MessageValidation.validateSend(send("x", null, "g", "d"), delayed).delaySeconds());
        assertEquals(30, MessageValidation.validateSend(send("x", 0, "g", "d"), delayed).delaySeconds());
    }

    @Test
    void fifoGroupId() {
        fails(SqsError.MissingParameter, "The request must contain the parameter MessageGroupId.",
                () -> MessageValidation.validateSend(send("x", null, null, "d"), FIFO));
        fails(SqsError.MissingParameter, null, () -> MessageValidation.validateSend(send("x", null, "", "d"), FIFO));
        assertEquals("g!~", MessageValidation.validateSend(send("x", null, "g!~", "d"), FIFO).messageGroupId());
        assertEquals("g".repeat(128), MessageValidation.messageGroupId("g".repeat(128), true));
        for (String bad : new String[] {"g".repeat(129), "CTC#QA-CS5A INTERIOR", "caf\u00e9"}) {
            fails(SqsError.InvalidParameterValue, "Value " + bad + " for parameter MessageGroupId is invalid. Reason: MessageGroupId can "
                    + "only include alphanumeric and punctuation characters. 1 to 128 in length.", () -> MessageValidation.messageGroupId(bad, true));
        }
    }

    @Test
    void standardQueuesAcceptGroupIdButNotDeduplicationId() {
        assertEquals("tenant-1", MessageValidation.validateSend(send("x", null, "tenant-1", null), STD).messageGroupId());
        fails(SqsError.InvalidParameterValue, "Value d1 for parameter MessageDeduplicationId is invalid. Reason: The request includes a "
                + "parameter that is not valid for this queue type.", () -> MessageValidation.validateSend(send("x", null, null, "d1"), STD));
    }

    @Test
    void fifoDeduplication() {
        assertEquals("explicit", MessageValidation.validateSend(send("hello fifo", null, "g", "explicit"), FIFO).deduplicationId());
        assertEquals("explicit", MessageValidation.validateSend(send("hello fifo", null, "g", "explicit"), FIFO_CBD).deduplicationId());
        assertEquals("9d3bff6ae0c9f7a77ec0b2a7674af222b5817f9131115b31243911e73f8a6f04",
                MessageValidation.validateSend(send("hello fifo", null, "g", null), FIFO_CBD).deduplicationId());
        fails(SqsError.InvalidParameterValue, "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId "
                + "provided explicitly", () -> MessageValidation.validateSend(send("x", null, "g", null), FIFO));
        fails(SqsError.InvalidParameterValue, "Value " + "d".repeat(129) + " for parameter MessageDeduplicationId is invalid. Reason: "
                + "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
                () -> MessageValidation.validateSend(send("x", null, "g", "d".repeat(129)), FIFO));
    }

    @Test
    void attributeErrorsSurfaceThroughValidateSend() {
        SendInput in = new SendInput("x", null, Map.of("AWS.x", MessageAttribute.ofString("String", "v")), Map.of(), null, null);
        fails(SqsError.InvalidParameterValue, null, () -> MessageValidation.validateSend(in, STD));
        SendInput sys = new SendInput("x", null, Map.of(), Map.of("Other", MessageAttribute.ofString("String", "v")), null, null);
        fails(SqsError.InvalidParameterValue, "Message system attribute name 'Other' is invalid.", () -> MessageValidation.validateSend(sys, STD));
    }
}
