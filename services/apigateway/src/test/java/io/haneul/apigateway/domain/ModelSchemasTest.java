package io.haneul.apigateway.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelSchemasTest {

    final ModelSchemas schemas = new ModelSchemas();

    String error(String schema) {
        return assertThrows(ApiGatewayException.class, () -> schemas.check(schema, "api1", Set.of("Pet"))).getMessage();
    }

    @Test
    void acceptsDraft04SchemasWithLocalAndCanonicalReferences() {
        assertDoesNotThrow(() -> schemas.check("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\"}", "api1", Set.of()));
        assertDoesNotThrow(() -> schemas.check("{\"definitions\":{\"a\":{\"type\":\"string\"}},\"properties\":{\"x\":{\"$ref\":\"#/definitions/a\"},"
                + "\"p\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/api1/models/Pet\"}}}", "api1", Set.of("Pet")));
    }

    @Test
    void refusesWhatAwsRefusesWithItsMessages() {
        String prefix = "Invalid model specified: Validation Result: warnings : [], errors : [";
        assertEquals(prefix + "Invalid model schema specified]", error("not json"));
        assertEquals(prefix + "Invalid model schema specified]", error("[]"));
        assertEquals(prefix + "Invalid model schema specified]", error("{\"required\":[]}"));
        assertEquals(prefix + "Invalid model schema specified]", error("{\"minLength\":-1}"));
        assertEquals(prefix + "Model reference must be in canonical form]", error("{\"properties\":{\"p\":{\"$ref\":\"Pet\"}}}"));
        assertEquals(prefix + "Model reference must be in canonical form]",
                error("{\"properties\":{\"p\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/other/models/Pet\"}}}"));
        assertEquals(prefix + "Invalid model name specified: Cat]",
                error("{\"properties\":{\"p\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/api1/models/Cat\"}}}"));
        assertEquals(prefix + "Invalid model schema specified, Model reference must be in canonical form]",
                error("{\"type\":\"nope\",\"properties\":{\"p\":{\"$ref\":\"Pet\"}}}"));
    }

    @Test
    void findsReferencedModels() {
        assertEquals(Set.of("Pet", "Owner"), schemas.referencedModels("{\"items\":[{\"$ref\":\"https://apigateway.amazonaws.com/restapis/a/models/Pet\"},"
                + "{\"$ref\":\"https://apigateway.amazonaws.com/restapis/a/models/Owner\"},{\"$ref\":\"#/x\"}]}"));
    }
}
