package io.haneul.sns.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterPolicyTest {

    private static FilterPolicy attrs(String policy) {
        return FilterPolicy.parse(policy, FilterPolicy.Scope.MessageAttributes, false);
    }

    private static FilterPolicy body(String policy) {
        return FilterPolicy.parse(policy, FilterPolicy.Scope.MessageBody, false);
    }

    private static Map<String, MessageAttributes.Attribute> m(String... typeNameValue) {
        Map<String, MessageAttributes.Attribute> out = new LinkedHashMap<>();
        for (int i = 0; i < typeNameValue.length; i += 3) {
            out.put(typeNameValue[i + 1], new MessageAttributes.Attribute(typeNameValue[i], typeNameValue[i + 2],
                    typeNameValue[i].equals("Binary") ? typeNameValue[i + 2].getBytes(StandardCharsets.UTF_8) : null));
        }
        return out;
    }

    private static String error(String policy, FilterPolicy.Scope scope, boolean subscribe) {
        return assertThrows(SnsException.class, () -> FilterPolicy.parse(policy, scope, subscribe)).getMessage();
    }

    private static String error(String policy) {
        return error(policy, FilterPolicy.Scope.MessageAttributes, false);
    }

    @Test
    void exactStringsAndNumbers() {
        FilterPolicy p = attrs("{\"store\":[\"example_corp\"],\"price\":[100, 200.5]}");
        assertTrue(p.matchesAttributes(m("String", "store", "example_corp", "Number", "price", "100.0")));
        assertTrue(p.matchesAttributes(m("String", "store", "example_corp", "Number", "price", "200.50")));
        assertFalse(p.matchesAttributes(m("String", "store", "example_corp", "Number", "price", "101")));
        assertFalse(p.matchesAttributes(m("String", "store", "example_corp")), "every key must be present");
        assertFalse(p.matchesAttributes(m("String", "store", "other", "Number", "price", "100")));
        assertFalse(p.matchesAttributes(m("String", "store", "example_corp", "String", "price", "100")), "numbers match Number attributes");
        assertTrue(attrs("{}").matchesAttributes(Map.of()));
    }

    @Test
    void prefixSuffixIgnoreCaseAnythingBut() {
        assertTrue(attrs("{\"a\":[{\"prefix\":\"bl\"}]}").matchesAttributes(m("String", "a", "blue")));
        assertFalse(attrs("{\"a\":[{\"prefix\":\"bl\"}]}").matchesAttributes(m("String", "a", "red")));
        assertTrue(attrs("{\"a\":[{\"suffix\":\".png\"}]}").matchesAttributes(m("String", "a", "x.png")));
        assertTrue(attrs("{\"a\":[{\"equals-ignore-case\":\"ReD\"}]}").matchesAttributes(m("String", "a", "rEd")));
        FilterPolicy but = attrs("{\"a\":[{\"anything-but\":[\"red\",\"green\"]}]}");
        assertTrue(but.matchesAttributes(m("String", "a", "blue")));
        assertFalse(but.matchesAttributes(m("String", "a", "red")));
        assertFalse(but.matchesAttributes(Map.of()), "anything-but needs the attribute");
        assertTrue(attrs("{\"a\":[{\"anything-but\":100}]}").matchesAttributes(m("Number", "a", "99")));
        assertFalse(attrs("{\"a\":[{\"anything-but\":100}]}").matchesAttributes(m("Number", "a", "100")));
        assertTrue(attrs("{\"a\":[{\"anything-but\":{\"prefix\":\"x-\"}}]}").matchesAttributes(m("String", "a", "y-1")));
        assertFalse(attrs("{\"a\":[{\"anything-but\":{\"prefix\":\"x-\"}}]}").matchesAttributes(m("String", "a", "x-1")));
        // SNS nests only prefix in anything-but (EventBridge also takes suffix): AWS refuses the policy
        assertEquals("Invalid parameter: FilterPolicy: Unsupported anything-but pattern: suffix",
                error("{\"a\":[{\"anything-but\":{\"suffix\":\"-x\"}}]}"));
    }

    @Test
    void numericRanges() {
        FilterPolicy p = attrs("{\"n\":[{\"numeric\":[\">=\",0,\"<\",10]}]}");
        assertTrue(p.matchesAttributes(m("Number", "n", "0")));
        assertTrue(p.matchesAttributes(m("Number", "n", "9.99999")));
        assertFalse(p.matchesAttributes(m("Number", "n", "10")));
        assertFalse(p.matchesAttributes(m("Number", "n", "-1")));
        assertTrue(attrs("{\"n\":[{\"numeric\":[\"=\",3.5]}]}").matchesAttributes(m("Number", "n", "3.50")));
        assertTrue(attrs("{\"n\":[{\"numeric\":[\"<=\",-5]}]}").matchesAttributes(m("Number", "n", "-5")));
        assertTrue(attrs("{\"n\":[{\"numeric\":[\">\",5,\"<=\",6]}]}").matchesAttributes(m("Number", "n", "6")));
        assertFalse(attrs("{\"n\":[{\"numeric\":[\">\",5]}]}").matchesAttributes(m("String", "n", "6")), "strings are not numbers");
    }

    @Test
    void existsCidrArraysAndBinary() {
        assertTrue(attrs("{\"a\":[{\"exists\":true}]}").matchesAttributes(m("String", "a", "x")));
        assertFalse(attrs("{\"a\":[{\"exists\":true}]}").matchesAttributes(Map.of()));
        assertTrue(attrs("{\"a\":[{\"exists\":false}]}").matchesAttributes(m("String", "b", "x")));
        assertTrue(attrs("{\"a\":[{\"exists\":false}]}").matchesAttributes(m("Binary", "a", "x")), "binary attributes are ignored");
        assertTrue(attrs("{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}").matchesAttributes(m("String", "ip", "10.0.0.255")));
        assertFalse(attrs("{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}").matchesAttributes(m("String", "ip", "10.0.1.0")));
        assertTrue(attrs("{\"ip\":[{\"cidr\":\"2001:db8::/32\"}]}").matchesAttributes(m("String", "ip", "2001:db8::1")));
        assertFalse(attrs("{\"ip\":[{\"cidr\":\"10.0.0.0/8\"}]}").matchesAttributes(m("String", "ip", "not-an-ip")));
        FilterPolicy arr = attrs("{\"tags\":[\"b\", 3]}");
        assertTrue(arr.matchesAttributes(m("String.Array", "tags", "[\"a\",\"b\"]")));
        assertTrue(arr.matchesAttributes(m("String.Array", "tags", "[1,3]")));
        assertFalse(arr.matchesAttributes(m("String.Array", "tags", "[\"a\"]")));
        assertFalse(arr.matchesAttributes(m("String.Array", "tags", "not json")));
    }

    @Test
    void orBranches() {
        FilterPolicy p = attrs("{\"source\":[\"aws.cloudwatch\"],\"$or\":[{\"metric\":[\"CPU\"]},{\"namespace\":[\"AWS/EC2\"]}]}");
        assertTrue(p.matchesAttributes(m("String", "source", "aws.cloudwatch", "String", "metric", "CPU")));
        assertTrue(p.matchesAttributes(m("String", "source", "aws.cloudwatch", "String", "namespace", "AWS/EC2")));
        assertFalse(p.matchesAttributes(m("String", "source", "aws.cloudwatch")));
        assertFalse(p.matchesAttributes(m("String", "source", "other", "String", "metric", "CPU")));
    }

    @Test
    void payloadScopeNestsAndSearchesArrays() {
        FilterPolicy p = body("{\"order\":{\"status\":[\"paid\"],\"items\":{\"qty\":[{\"numeric\":[\">\",2]}]}},\"flag\":[true]}");
        assertTrue(p.matchesBody("{\"order\":{\"status\":\"paid\",\"items\":[{\"qty\":1},{\"qty\":5}]},\"flag\":true}"));
        assertFalse(p.matchesBody("{\"order\":{\"status\":\"paid\",\"items\":[{\"qty\":1}]},\"flag\":true}"));
        assertFalse(p.matchesBody("{\"order\":{\"status\":\"paid\",\"items\":[{\"qty\":5}]},\"flag\":false}"));
        assertFalse(p.matchesBody("not json"));
        assertFalse(p.matchesBody("[1,2]"));
        assertTrue(body("{\"a.b\":[\"x\"]}").matchesBody("{\"a\":{\"b\":\"x\"}}"), "dotted keys address nested fields");
        assertTrue(body("{\"a\":{\"b\":[null]}}").matchesBody("{\"a\":{\"b\":null}}"));
        assertTrue(body("{\"a\":[{\"exists\":false}]}").matchesBody("{\"b\":1}"));
        assertTrue(body("{\"$or\":[{\"a\":[1]},{\"b\":{\"c\":[2]}}]}").matchesBody("{\"b\":{\"c\":2}}"));
    }

    @Test
    void validationMessagesFollowAws() {
        assertEquals("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys",
                error("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}"));
        assertEquals("Invalid parameter: Attributes Reason: FilterPolicy: Filter policy can not have more than 5 keys",
                error("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}", FilterPolicy.Scope.MessageAttributes, true));
        StringBuilder big = new StringBuilder("{\"a\":[");
        for (int i = 0; i < 151; i++) {
            big.append(i == 0 ? "" : ",").append(i);
        }
        assertEquals("Invalid parameter: FilterPolicy: Filter policy is too complex", error(big + "]}"));
        assertEquals("Invalid parameter: FilterPolicy: Filter policy is too complex",
                error("{\"a\":[1,2,3,4,5,6,7,8,9,10],\"b\":[1,2,3,4,5,6,7,8,9,10],\"c\":[1,2]}"));
        assertEquals("Invalid parameter: FilterPolicy: Empty arrays are not allowed", error("{\"a\":[]}"));
        assertEquals("Invalid parameter: FilterPolicy: \"a\" must be an object or an array", error("{\"a\":\"x\"}"));
        assertEquals("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy", error("{\"a\":{\"b\":[1]}}"));
        assertEquals("Invalid parameter: FilterPolicy: Unrecognized match type wildcard", error("{\"a\":[{\"wildcard\":\"x*\"}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Only one key allowed in match expression", error("{\"a\":[{\"prefix\":\"x\",\"suffix\":\"y\"}]}"));
        assertEquals("Invalid parameter: FilterPolicy: prefix match pattern must be a string", error("{\"a\":[{\"prefix\":1}]}"));
        assertEquals("Invalid parameter: FilterPolicy: exists match pattern must be either true or false.", error("{\"a\":[{\"exists\":\"yes\"}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Value of > must be numeric", error("{\"a\":[{\"numeric\":[\">\",\"1\"]}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Unrecognized numeric range operator: !", error("{\"a\":[{\"numeric\":[\"!\",1]}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Too many elements in numeric expression", error("{\"a\":[{\"numeric\":[\"<\",1,\">\",0]}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Bad numeric range operator: >", error("{\"a\":[{\"numeric\":[\">\",1,\">\",0]}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Bottom must be less than top", error("{\"a\":[{\"numeric\":[\">\",5,\"<\",1]}]}"));
        assertTrue(error("{\"a\":[{\"numeric\":[\">\",1000000001]}]}").contains("Numeric values must be between"));
        assertEquals("Invalid parameter: FilterPolicy: Malformed CIDR, one '/' required", error("{\"a\":[{\"cidr\":\"10.0.0.1\"}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Malformed CIDR, mask bits must be an integer", error("{\"a\":[{\"cidr\":\"10.0.0.1/x\"}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Nonstandard IP address: 10.0.0.300", error("{\"a\":[{\"cidr\":\"10.0.0.300/8\"}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Unsupported anything-but pattern: numeric",
                error("{\"a\":[{\"anything-but\":{\"numeric\":[\">\",1]}}]}"));
        assertEquals("Invalid parameter: FilterPolicy: Match value must be String, number, true, false, or null", error("{\"a\":[[1]]}"));
        assertTrue(error("{nope").startsWith("Invalid parameter: FilterPolicy: failed to parse JSON."));
        assertTrue(error("[1]").startsWith("Invalid parameter: FilterPolicy:"));
        assertTrue(error("{\"a\":[\"" + "x".repeat(300_000) + "\"]}").contains("too large"));
    }
}
