package io.haneul.apigateway.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiKeyCsvTest {

    @Test
    void readsAwsDocumentedFiles() {
        List<ApiKeyCsv.Row> rows = ApiKeyCsv.parse("Enabled,Name,key,UsageplanIds,Unknown\n"
                + "true,MyFirstApiKey,apikey1234abcdefghij0123456789,\"c7y23b,glvrsr\",x\n"
                + "FALSE,Second,apikey1234abcdefghij0123456780,'abc123',\n");
        assertEquals(2, rows.size());
        assertEquals("MyFirstApiKey", rows.get(0).name());
        assertEquals(List.of("c7y23b", "glvrsr"), rows.get(0).usagePlanIds());
        assertEquals(2, rows.get(0).line());
        assertEquals(false, rows.get(1).enabled());
        assertEquals(List.of("abc123"), rows.get(1).usagePlanIds());
        assertEquals("", rows.get(1).description());
    }

    @Test
    void enabledDefaultsToTrueAndKeyAndNameAreRequired() {
        assertEquals(true, ApiKeyCsv.parse("Key,name\napikey1234abcdefghij0123456789,MyFirstApiKey\n").getFirst().enabled());
        assertThrows(ApiGatewayException.class, () -> ApiKeyCsv.parse("key,description\nabc,x\n"));
    }
}
