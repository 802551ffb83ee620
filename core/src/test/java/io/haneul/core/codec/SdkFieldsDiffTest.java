package io.haneul.core.codec;

import io.haneul.core.model.ModelLoader;
import io.haneul.core.model.ServiceModel;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The codec test's own tools can fail: generated values are deterministic and fill members, differences are found. */
class SdkFieldsDiffTest {

    private final ServiceModel sqs = new ModelLoader().load("sqs-2012-11-05");

    private Object generate(long seed) {
        return new ValueGenerator(sqs.shapes(), seed, 200, new GenerationRules("sqs", true))
                .object(SendMessageRequest.class, "SendMessageRequest");
    }

    @Test
    void generatedRequestsAreDeterministicAndFilled() {
        SendMessageRequest a = (SendMessageRequest) generate(7);
        assertEquals(a, generate(7));
        assertNotEquals(a, generate(8));
        assertTrue(a.queueUrl() != null && a.messageBody() != null && a.delaySeconds() != null);
        assertEquals(2, a.messageAttributes().size());
    }

    @Test
    void reportsNestedDifferencesWithTheirPath() {
        SendMessageRequest a = SendMessageRequest.builder().queueUrl("q")
                .messageAttributes(Map.of("k", MessageAttributeValue.builder().dataType("String").stringValue("x").build()))
                .build();
        SendMessageRequest b = a.toBuilder()
                .messageAttributes(Map.of("k", MessageAttributeValue.builder().dataType("String").stringValue("y").build()))
                .build();
        List<String> diff = SdkFieldsDiff.diff(a, b, Set.of());
        assertEquals(1, diff.size(), diff.toString());
        assertTrue(diff.getFirst().startsWith("MessageAttributes{k}.StringValue"), diff.toString());
        assertTrue(SdkFieldsDiff.diff(a, b, Set.of("MessageAttributes")).isEmpty());
    }

    @Test
    void timestampsCompareAtMillisecondsOnly() {
        var a = software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo.builder()
                .startTimestamp(Instant.parse("2024-01-01T00:00:00.123456Z")).build();
        var b = a.toBuilder().startTimestamp(Instant.parse("2024-01-01T00:00:00.123Z")).build();
        var c = a.toBuilder().startTimestamp(Instant.parse("2024-01-01T00:00:00.124Z")).build();
        assertTrue(SdkFieldsDiff.diff(a, b, Set.of()).isEmpty());
        assertEquals(1, SdkFieldsDiff.diff(a, c, Set.of()).size());
    }
}
