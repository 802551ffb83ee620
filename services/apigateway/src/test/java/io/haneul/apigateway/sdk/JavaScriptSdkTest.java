package io.haneul.apigateway.sdk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AWS's names for the generated client's functions. */
class JavaScriptSdkTest {

    @Test
    void functionsAreNamedAsAwsNamesThem() {
        assertEquals("rootGet", JavaScriptSdk.name("/", "GET"));
        assertEquals("petsPost", JavaScriptSdk.name("/pets", "POST"));
        assertEquals("petsPetIdGet", JavaScriptSdk.name("/pets/{petId}", "GET"));
        assertEquals("filesProxyAny", JavaScriptSdk.name("/files/{proxy+}", "ANY"));
        assertEquals("myItemsListDelete", JavaScriptSdk.name("/my-items/list", "DELETE"));
    }
}
