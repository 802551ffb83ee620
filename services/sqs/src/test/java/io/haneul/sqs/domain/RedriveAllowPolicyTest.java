package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedriveAllowPolicyTest {

    private static final String A = "arn:aws:sqs:us-east-1:123456789012:a";
    private static final String B = "arn:aws:sqs:us-east-1:123456789012:b";
    private static final String UNSUPPORTED = "Invalid value for the parameter RedriveAllowPolicy. Reason: Amazon SQS can't "
            + "create the redrive allow policy, as it\u2019s in an unsupported format.";

    private static String reason(String v, String r) {
        return "Value " + v + " for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create the redrive allow policy. " + r;
    }

    @Test
    void permissions() {
        assertTrue(RedriveAllowPolicy.parse("{\"redrivePermission\":\"allowAll\"}").allows(A));
        assertFalse(RedriveAllowPolicy.parse("{\"redrivePermission\":\"denyAll\"}").allows(A));
        RedriveAllowPolicy by = RedriveAllowPolicy.parse("{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + A + "\"]}");
        assertTrue(by.allows(A));
        assertFalse(by.allows(B));
        assertEquals(List.of(A), by.sourceQueueArns());
        assertTrue(RedriveAllowPolicy.ALLOW_ALL.allows(B));
    }

    @Test
    void canonicalJsonRoundTrips() {
        String v = "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + A + "\",\"" + B + "\"]}";
        assertEquals(v, RedriveAllowPolicy.parse(v).toJson());
        assertEquals("{\"redrivePermission\":\"allowAll\"}", RedriveAllowPolicy.parse(" {\"redrivePermission\" : \"allowAll\"} ").toJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"444", "false", "badjson", "[]", "{}", "{\"redrivePermission\":\"dummy\"}",
            "{\"redrivePermission\":\"allowAll\",\"dummy\":\"value\"}",
            "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":\"arn:aws:sqs\"}",
            "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[{\"dummy\":\"value\"}]}", "{\"redrivePermission\":5}"})
    void unsupportedFormats(String v) {
        fails(SqsError.InvalidParameterValue, UNSUPPORTED, () -> RedriveAllowPolicy.parse(v));
    }

    @Test
    void byQueueNeedsOneToTenArns() {
        String none = "{\"redrivePermission\":\"byQueue\"}";
        String need = "When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.";
        fails(SqsError.InvalidParameterValue, reason(none, need), () -> RedriveAllowPolicy.parse(none));
        String empty = "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[]}";
        fails(SqsError.InvalidParameterValue, reason(empty, need), () -> RedriveAllowPolicy.parse(empty));
        String ten = arns(10);
        assertEquals(10, RedriveAllowPolicy.parse(ten).sourceQueueArns().size());
        String eleven = arns(11);
        fails(SqsError.InvalidParameterValue, reason(eleven, "The maximum number of source queue ARNs you can specify is 10."),
                () -> RedriveAllowPolicy.parse(eleven));
    }

    @Test
    void arnsOnlyWithByQueue() {
        for (String p : List.of("allowAll", "denyAll")) {
            String v = "{\"redrivePermission\":\"" + p + "\",\"sourceQueueArns\":[\"" + A + "\"]}";
            fails(SqsError.InvalidParameterValue, reason(v, "To specify one or more source queue ARNs, you must set redrivePermission to byQueue."),
                    () -> RedriveAllowPolicy.parse(v));
        }
    }

    private static String arns(int n) {
        return "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":["
                + IntStream.rangeClosed(1, n).mapToObj(i -> "\"arn:aws:sqs:us-east-1:123456789012:x" + i + "\"")
                .collect(Collectors.joining(",")) + "]}";
    }
}
