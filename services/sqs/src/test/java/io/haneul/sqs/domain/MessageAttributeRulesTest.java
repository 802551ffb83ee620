package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageAttributeRulesTest {

    private static final SqsError IPV = SqsError.InvalidParameterValue;
    private static final String RESERVED = "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. "
            + "These strings are reserved for internal use. Additionally, they cannot start or end with '.'.";

    private static void check(String name, MessageAttribute a) {
        Map<String, MessageAttribute> m = new HashMap<>();
        m.put(name, a);
        MessageAttributeRules.checkAttributes(m);
    }

    private static MessageAttribute str(String v) {
        return MessageAttribute.ofString("String", v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "attr.1", "my-attr_2", "attr.1\u00f8\u00df\u00e4", "a.b.c"})
    void acceptsGoodNames(String name) {
        check(name, str("v"));
    }

    @Test
    void acceptsEveryTypeWithLabel() {
        check("n", MessageAttribute.ofString("Number", "-1.5E10"));
        check("n", MessageAttribute.ofString("Number.int", "42"));
        check("s", MessageAttribute.ofString("String.json", "{}"));
        check("b", MessageAttribute.ofBinary("Binary.gif", new byte[] {1}));
        MessageAttributeRules.checkAttributes(null);
        MessageAttributeRules.checkAttributes(Map.of());
    }

    @Test
    void nameLengthIs256() {
        check("a".repeat(256), str("v"));
        fails(IPV, "Message (user) attribute name must be shorter than 256 bytes.", () -> check("a".repeat(257), str("v")));
    }

    @Test
    void atMostTenAttributes() {
        Map<String, MessageAttribute> m = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            m.put("a" + i, str("v"));
        }
        MessageAttributeRules.checkAttributes(m);
        m.put("a10", str("v"));
        fails(IPV, "Number of message attributes [11] exceeds the allowed maximum [10].", () -> MessageAttributeRules.checkAttributes(m));
    }

    @Test
    void badNames() {
        fails(IPV, "The request must contain non-empty message (user) attribute names.", () -> check("", str("v")));
        fails(IPV, "Message (user) attributes name can only contain upper and lower score characters, digits, periods, "
                + "hyphens and underscores. ", () -> check("a b", str("v")));
        fails(IPV, null, () -> check("a$", str("v")));
        for (String n : List.of("AWS.x", "aws.x", "Amazon.x", "AMAZON.x", ".x", "x.")) {
            fails(IPV, RESERVED, () -> check(n, str("v")));
        }
        fails(IPV, "Message (user) attribute name must not have successive '.' characters.", () -> check("a..b", str("v")));
        check("awsx", str("v"));
        check("amazonx", str("v"));
    }

    @Test
    void badTypesAndValues() {
        fails(IPV, "The message (user) attribute 'h' must contain a non-empty message attribute value.", () -> check("h", null));
        fails(IPV, "The message (user) attribute 'h' must contain a non-empty message attribute type.",
                () -> check("h", MessageAttribute.ofString(null, "v")));
        fails(IPV, "The message (user) attribute 'h' must contain a non-empty message attribute type.",
                () -> check("h", MessageAttribute.ofString("", "v")));
        fails(IPV, "The type of message (user) attribute 'h' is invalid. You must use only the following supported type prefixes: "
                + "Binary, Number, String.", () -> check("h", MessageAttribute.ofString("InvalidType", "v")));
        fails(IPV, null, () -> check("h", MessageAttribute.ofString("Stringly", "v")));
        fails(IPV, "Message (user) attribute type must be shorter than 256 bytes.",
                () -> check("h", MessageAttribute.ofString("String." + "a".repeat(250), "v")));
        fails(IPV, "Message (user) attribute 'h' must contain a non-empty value of type 'String'.", () -> check("h", str("")));
        fails(IPV, "Message (user) attribute 'h' must contain a non-empty value of type 'Number.x'.",
                () -> check("h", MessageAttribute.ofString("Number.x", null)));
        fails(IPV, "Message (user) attribute 'h' must contain a non-empty value of type 'Binary'.",
                () -> check("h", MessageAttribute.ofBinary("Binary", new byte[0])));
        fails(IPV, "Message (user) attribute 'h' with type 'Binary' must use field 'Binary'.",
                () -> check("h", MessageAttribute.ofString("Binary", "x")));
        fails(IPV, "Message (user) attribute 'h' with type 'String' must use field 'String'.",
                () -> check("h", MessageAttribute.ofBinary("String", new byte[] {1})));
        fails(IPV, "Message (user) attribute 'h' must have a single value.",
                () -> check("h", new MessageAttribute("String", "x", new byte[] {1}, null, null)));
        fails(IPV, "Can't cast the value of message (user) attribute 'h' to a number.",
                () -> check("h", MessageAttribute.ofString("Number", "world")));
        fails(IPV, MessageValidation.INVALID_CHARACTERS, () -> check("h", str("bad\u0000")));
        fails(IPV, "Message attribute list values in SendMessage operation are not supported.",
                () -> check("h", new MessageAttribute("StringList", null, null, List.of("x"), null)));
        fails(IPV, "Message attribute list values in SendMessage operation are not supported.",
                () -> check("h", new MessageAttribute("BinaryList", null, null, null, List.of(new byte[] {1}))));
    }

    @Test
    void systemAttributes() {
        MessageAttributeRules.checkSystemAttributes(Map.of("AWSTraceHeader", str("Root=1-5759e988-bd862e3fe1be46a994272793")));
        MessageAttributeRules.checkSystemAttributes(null);
        fails(IPV, "Message system attribute name 'Hello' is invalid.",
                () -> MessageAttributeRules.checkSystemAttributes(Map.of("Hello", str("World"))));
        fails(IPV, "Message system attribute 'AWSTraceHeader' must be of type 'String'.",
                () -> MessageAttributeRules.checkSystemAttributes(Map.of("AWSTraceHeader", MessageAttribute.ofString("Number", "1"))));
        fails(IPV, "Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.",
                () -> MessageAttributeRules.checkSystemAttributes(Map.of("AWSTraceHeader", str(""))));
    }

    @Test
    void sizeCountsNamesTypesAndValues() {
        Map<String, MessageAttribute> m = Map.of("ab", str("\u00e9"), "c", MessageAttribute.ofBinary("Binary", new byte[3]));
        assertEquals(2 + 6 + 2 + 1 + 6 + 3, MessageAttributeRules.size(m));
        assertEquals(0, MessageAttributeRules.size(null));
        assertEquals("Number", MessageAttribute.ofString("Number.int", "1").baseType());
    }
}
