package io.haneul.lambda.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS's event filtering rules as FilterCriteria patterns apply them to one record. */
class EventFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean matches(String pattern, String record) throws Exception {
        return EventFilter.parse(List.of(pattern), JSON).matches(JSON.readTree(record));
    }

    @Test
    void exactValuesMatchAnyOfTheListAndArrayFieldsMatchByElement() throws Exception {
        assertTrue(matches("{\"body\":{\"kind\":[\"a\",\"b\"]}}", "{\"body\":{\"kind\":\"b\"}}"));
        assertFalse(matches("{\"body\":{\"kind\":[\"a\"]}}", "{\"body\":{\"kind\":\"c\"}}"));
        assertTrue(matches("{\"body\":{\"n\":[5]}}", "{\"body\":{\"n\":5.0}}"));
        assertTrue(matches("{\"body\":{\"flag\":[true],\"none\":[null]}}", "{\"body\":{\"flag\":true,\"none\":null}}"));
        assertTrue(matches("{\"body\":{\"tags\":[\"x\"]}}", "{\"body\":{\"tags\":[\"w\",\"x\"]}}"));
        assertFalse(matches("{\"body\":{\"kind\":[\"a\"]}}", "{\"body\":\"plain text\"}"));
    }

    @Test
    void everyKeyMustMatchAndAnyPatternSuffices() throws Exception {
        assertFalse(matches("{\"body\":{\"a\":[1],\"b\":[2]}}", "{\"body\":{\"a\":1,\"b\":3}}"));
        EventFilter two = EventFilter.parse(List.of("{\"body\":{\"a\":[1]}}", "{\"body\":{\"b\":[2]}}"), JSON);
        assertTrue(two.matches(JSON.readTree("{\"body\":{\"b\":2}}")));
        assertTrue(EventFilter.parse(List.of(), JSON).matches(JSON.readTree("{}")));
    }

    @Test
    void operators() throws Exception {
        assertTrue(matches("{\"body\":{\"id\":[{\"prefix\":\"ord-\"}]}}", "{\"body\":{\"id\":\"ord-1\"}}"));
        assertFalse(matches("{\"body\":{\"id\":[{\"prefix\":\"ord-\"}]}}", "{\"body\":{\"id\":\"inv-1\"}}"));
        assertTrue(matches("{\"body\":{\"f\":[{\"suffix\":\".png\"}]}}", "{\"body\":{\"f\":\"a.png\"}}"));
        assertTrue(matches("{\"body\":{\"s\":[{\"equals-ignore-case\":\"OK\"}]}}", "{\"body\":{\"s\":\"ok\"}}"));
        String range = "{\"body\":{\"p\":[{\"numeric\":[\">\",10,\"<=\",20]}]}}";
        assertTrue(matches(range, "{\"body\":{\"p\":20}}"));
        assertFalse(matches(range, "{\"body\":{\"p\":10}}"));
        assertFalse(matches(range, "{\"body\":{\"p\":\"15\"}}"));
        assertTrue(matches("{\"body\":{\"p\":[{\"numeric\":[\"=\",3]}]}}", "{\"body\":{\"p\":3}}"));
        assertTrue(matches("{\"body\":{\"x\":[{\"exists\":true}]}}", "{\"body\":{\"x\":0}}"));
        assertFalse(matches("{\"body\":{\"x\":[{\"exists\":true}]}}", "{\"body\":{}}"));
        assertTrue(matches("{\"body\":{\"x\":[{\"exists\":false}]}}", "{\"body\":{}}"));
        assertFalse(matches("{\"body\":{\"x\":[{\"exists\":false}]}}", "{\"body\":{\"x\":1}}"));
        assertTrue(matches("{\"body\":{\"c\":[{\"anything-but\":[\"red\",\"blue\"]}]}}", "{\"body\":{\"c\":\"green\"}}"));
        assertFalse(matches("{\"body\":{\"c\":[{\"anything-but\":[\"red\",\"blue\"]}]}}", "{\"body\":{\"c\":\"red\"}}"));
        assertFalse(matches("{\"body\":{\"c\":[{\"anything-but\":\"red\"}]}}", "{\"body\":{\"c\":\"red\"}}"));
        assertTrue(matches("{\"body\":{\"c\":[{\"anything-but\":{\"prefix\":\"tmp\"}}]}}", "{\"body\":{\"c\":\"keep\"}}"));
        assertFalse(matches("{\"body\":{\"c\":[{\"anything-but\":{\"prefix\":\"tmp\"}}]}}", "{\"body\":{\"c\":\"tmp-1\"}}"));
        assertFalse(matches("{\"body\":{\"c\":[{\"anything-but\":[\"red\"]}]}}", "{\"body\":{}}"));
    }

    @Test
    void malformedPatternsAreRefusedWithAwsMessage() {
        for (String bad : List.of("{", "[]", "{\"body\":\"x\"}", "{\"body\":[]}", "{\"body\":[{\"unknown\":1}]}",
                "{\"body\":[{\"numeric\":[\">\"]}]}", "{\"body\":[{\"prefix\":1}]}")) {
            LambdaException e = assertThrows(LambdaException.class, () -> EventFilter.parse(List.of(bad), JSON), bad);
            assertEquals("InvalidParameterValueException", e.code());
            assertEquals("Invalid filter pattern definition.", e.getMessage());
        }
        assertThrows(LambdaException.class, () -> EventFilter.parse(List.of("{}", "{}", "{}", "{}", "{}", "{}"), JSON));
    }

    @Test
    void recordsSeeTheirFieldsOutsideTheBody() throws Exception {
        JsonNode record = JSON.readTree("{\"body\":\"x\",\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}");
        assertTrue(EventFilter.parse(List.of("{\"attributes\":{\"ApproximateReceiveCount\":[\"1\"]}}"), JSON).matches(record));
    }
}
