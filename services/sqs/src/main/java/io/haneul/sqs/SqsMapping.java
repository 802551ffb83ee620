package io.haneul.sqs;

import io.haneul.sqs.domain.MessageAttribute;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK's attribute values to the domain's and back.
 */
final class SqsMapping {

    private SqsMapping() {
    }

    static Map<String, MessageAttribute> user(Map<String, MessageAttributeValue> values) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(k, new MessageAttribute(v.dataType(), v.stringValue(), bytes(v.binaryValue()),
                    v.stringListValues(), v.binaryListValues() == null ? List.of()
                    : v.binaryListValues().stream().map(SdkBytes::asByteArray).toList())));
        }
        return out;
    }

    static Map<String, MessageAttribute> system(Map<String, MessageSystemAttributeValue> values) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(k, new MessageAttribute(v.dataType(), v.stringValue(), bytes(v.binaryValue()),
                    v.stringListValues(), v.binaryListValues() == null ? List.of()
                    : v.binaryListValues().stream().map(SdkBytes::asByteArray).toList())));
        }
        return out;
    }

    private static byte[] bytes(SdkBytes b) {
        return b == null ? null : b.asByteArray();
    }
}
