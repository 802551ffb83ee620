package io.haneul.apigateway.invoke;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies against models, with errors worded as API Gateway's validator words them. */
class BodyValidatorTest {

    static final String ITEM = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"sku\",\"qty\"],\"properties\":{"
            + "\"sku\":{\"type\":\"string\",\"pattern\":\"^[A-Z]+$\",\"minLength\":2,\"maxLength\":4},"
            + "\"qty\":{\"type\":\"integer\",\"maximum\":9},\"color\":{\"enum\":[\"red\",\"blue\"]},"
            + "\"tags\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":2},"
            + "\"next\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/api1/models/Item\"}}}";

    final BodyValidator validator = new BodyValidator();

    List<String> errors(String body) {
        return validator.validate("api1", "dep1", "Item", Map.of("Item", ITEM), body);
    }

    @Test
    void validBodiesAndEmptyOnes() {
        assertEquals(List.of(), errors("{\"sku\":\"AB\",\"qty\":2,\"color\":\"red\",\"tags\":[1],\"next\":{\"sku\":\"CD\",\"qty\":1}}"));
        assertEquals(List.of("object has missing required properties ([\"qty\",\"sku\"])"), errors(""));
    }

    @Test
    void errorsInTheValidatorsWords() {
        assertEquals(List.of("ECMA 262 regex \"^[A-Z]+$\" does not match input string \"ab\"",
                "numeric instance is greater than the required maximum (maximum: 9, found: 10)"), errors("{\"sku\":\"ab\",\"qty\":10}"));
        assertEquals(List.of("string \"A\" is too short (length: 1, required minimum: 2)",
                "instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])"), errors("{\"sku\":\"A\",\"qty\":\"1\"}"));
        assertEquals(List.of("string \"ABCDE\" is too long (length: 5, maximum allowed: 4)",
                "instance value (\"green\") not found in enum (possible values: [\"red\",\"blue\"])",
                "array is too long: must have at most 2 elements but instance has 3 elements",
                "object instance has properties which are not allowed by the schema: [\"x\",\"y\"]"),
                errors("{\"sku\":\"ABCDE\",\"qty\":1,\"color\":\"green\",\"tags\":[1,2,3],\"x\":1,\"y\":2}"));
        assertEquals(List.of("array is too short: must have at least 1 elements but instance has 0 elements",
                "object has missing required properties ([\"qty\"])"), errors("{\"sku\":\"AB\",\"tags\":[],\"next\":{\"sku\":\"AB\"}}").subList(0, 2));
    }

    @Test
    void notJsonAndUnknownModelsAreInvalid() {
        assertTrue(errors("{nope").getFirst().startsWith("Invalid JSON"));
        assertEquals(List.of("Invalid model: Missing"), validator.validate("api1", "dep1", "Missing", Map.of("Item", ITEM), "{}"));
    }
}
