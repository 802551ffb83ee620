package io.haneul.it.cloudsearch;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.CloudSearchException;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearch.model.InvalidTypeException;
import software.amazon.awssdk.services.cloudsearch.model.LimitExceededException;
import software.amazon.awssdk.services.cloudsearch.model.OptionState;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Index fields through the SDK v2 client: every type with its options, AWS's validation, dynamic fields and the field limit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchIndexFieldsIT {

    TestServer server;
    CloudSearchClient cs;

    @BeforeAll
    void start() {
        server = newServer();
        cs = CloudSearchClients.client(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        cs.close();
        server.close();
    }

    private IndexFieldStatus define(String domain, Consumer<IndexField.Builder> field) {
        return cs.defineIndexField(b -> b.domainName(domain).indexField(field)).indexField();
    }

    private CloudSearchException refused(String domain, Consumer<IndexField.Builder> field) {
        return assertThrows(CloudSearchException.class, () -> define(domain, field));
    }

    @Test
    void everyTypeWithItsOptionsIsStoredAsGiven() {
        cs.createDomain(b -> b.domainName("types"));
        define("types", f -> f.indexFieldName("i").indexFieldType(IndexFieldType.INT).intOptions(o -> o.defaultValue(7L)
                .facetEnabled(true).searchEnabled(false).returnEnabled(true).sortEnabled(true)));
        define("types", f -> f.indexFieldName("d").indexFieldType(IndexFieldType.DOUBLE).doubleOptions(o -> o.defaultValue(1.5)
                .sourceField("i")));
        define("types", f -> f.indexFieldName("l").indexFieldType(IndexFieldType.LITERAL).literalOptions(o -> o.defaultValue("x")
                .facetEnabled(true)));
        define("types", f -> f.indexFieldName("t").indexFieldType(IndexFieldType.TEXT).textOptions(o -> o.sourceField("l")
                .highlightEnabled(true).sortEnabled(false).analysisScheme("_fr_default_")));
        define("types", f -> f.indexFieldName("dt").indexFieldType(IndexFieldType.DATE).dateOptions(o -> o
                .defaultValue("2024-01-02T03:04:05Z")));
        define("types", f -> f.indexFieldName("loc").indexFieldType(IndexFieldType.LATLON).latLonOptions(o -> o
                .defaultValue("47.6, -122.3")));
        define("types", f -> f.indexFieldName("ia").indexFieldType(IndexFieldType.INT_ARRAY).intArrayOptions(o -> o.sourceFields("i")));
        define("types", f -> f.indexFieldName("da").indexFieldType(IndexFieldType.DOUBLE_ARRAY).doubleArrayOptions(o -> o
                .sourceFields("d,i")));
        define("types", f -> f.indexFieldName("la").indexFieldType(IndexFieldType.LITERAL_ARRAY).literalArrayOptions(o -> o
                .facetEnabled(true)));
        define("types", f -> f.indexFieldName("ta").indexFieldType(IndexFieldType.TEXT_ARRAY).textArrayOptions(o -> o
                .sourceFields("t, l").analysisScheme("_ja_default_")));
        define("types", f -> f.indexFieldName("dta").indexFieldType(IndexFieldType.DATE_ARRAY));
        define("types", f -> f.indexFieldName("*_i").indexFieldType(IndexFieldType.INT));
        define("types", f -> f.indexFieldName("s_*").indexFieldType(IndexFieldType.LITERAL));

        List<IndexFieldStatus> all = cs.describeIndexFields(b -> b.domainName("types")).indexFields();
        assertEquals(List.of("*_i", "d", "da", "dt", "dta", "i", "ia", "l", "la", "loc", "s_*", "t", "ta"),
                all.stream().map(f -> f.options().indexFieldName()).toList());
        IndexField i = all.get(5).options();
        assertEquals(7L, i.intOptions().defaultValue());
        assertEquals(false, i.intOptions().searchEnabled());
        assertEquals("_fr_default_", all.get(11).options().textOptions().analysisScheme());
        assertEquals("t, l", all.get(12).options().textArrayOptions().sourceFields());
        all.forEach(f -> assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, f.status().state()));
        assertEquals(List.of("i"), cs.describeIndexFields(b -> b.domainName("types").fieldNames("i", "nothing")).indexFields()
                .stream().map(f -> f.options().indexFieldName()).toList());
        assertEquals(13, cs.indexDocuments(b -> b.domainName("types")).fieldNames().size());

        IndexFieldStatus redefined = define("types", f -> f.indexFieldName("i").indexFieldType(IndexFieldType.DOUBLE));
        assertEquals(IndexFieldType.DOUBLE, redefined.options().indexFieldType());
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, redefined.status().state());
        assertEquals(IndexFieldType.INT, cs.describeIndexFields(b -> b.domainName("types").fieldNames("i").deployed(true))
                .indexFields().getFirst().options().indexFieldType(), "the deployed definition stays until IndexDocuments");
    }

    @Test
    void awsValidationOfDefinitions() {
        cs.createDomain(b -> b.domainName("rules"));
        define("rules", f -> f.indexFieldName("year").indexFieldType(IndexFieldType.INT));
        InvalidTypeException wrongOptions = assertThrows(InvalidTypeException.class, () -> define("rules", f -> f.indexFieldName("x")
                .indexFieldType(IndexFieldType.INT).textOptions(o -> o.returnEnabled(true))));
        assertEquals(409, wrongOptions.statusCode());
        assertEquals("InvalidType", wrongOptions.awsErrorDetails().errorCode());

        List<Consumer<IndexField.Builder>> invalid = List.of(
                f -> f.indexFieldName("score").indexFieldType(IndexFieldType.INT),
                f -> f.indexFieldName("when").indexFieldType(IndexFieldType.DATE).dateOptions(o -> o.defaultValue("yesterday")),
                f -> f.indexFieldName("where").indexFieldType(IndexFieldType.LATLON).latLonOptions(o -> o.defaultValue("91,0")),
                f -> f.indexFieldName("copy").indexFieldType(IndexFieldType.INT).intOptions(o -> o.sourceField("missing")),
                f -> f.indexFieldName("copy").indexFieldType(IndexFieldType.INT).intOptions(o -> o.sourceField("copy")),
                f -> f.indexFieldName("copy").indexFieldType(IndexFieldType.LATLON).latLonOptions(o -> o.sourceField("year")),
                f -> f.indexFieldName("body").indexFieldType(IndexFieldType.TEXT).textOptions(o -> o.analysisScheme("nope")),
                f -> f.indexFieldName("body").indexFieldType(IndexFieldType.TEXT_ARRAY).textArrayOptions(o -> o.analysisScheme("_xx_default_")));
        for (Consumer<IndexField.Builder> field : invalid) {
            CloudSearchException e = refused("rules", field);
            assertEquals(400, e.statusCode(), e::getMessage);
            assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e::getMessage);
        }
        for (Consumer<IndexField.Builder> field : List.<Consumer<IndexField.Builder>>of(
                f -> f.indexFieldName("Upper").indexFieldType(IndexFieldType.INT),
                f -> f.indexFieldName("a*b").indexFieldType(IndexFieldType.INT))) {
            CloudSearchException e = refused("rules", field);
            assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e::getMessage);
        }
        assertEquals("InvalidType", refused("rules", f -> f.indexFieldName("x").indexFieldType("bigint")).awsErrorDetails().errorCode());
        assertEquals(List.of("year"), cs.describeIndexFields(b -> b.domainName("rules")).indexFields().stream()
                .map(f -> f.options().indexFieldName()).toList(), "refused definitions are not stored");
    }

    @Test
    void atMostTwoHundredFields() {
        cs.createDomain(b -> b.domainName("wide"));
        for (int n = 0; n < 200; n++) {
            String name = "f" + n;
            define("wide", f -> f.indexFieldName(name).indexFieldType(IndexFieldType.LITERAL));
        }
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> define("wide", f -> f.indexFieldName("one_more").indexFieldType(IndexFieldType.LITERAL)));
        assertEquals("LimitExceeded", e.awsErrorDetails().errorCode());
        assertTrue(define("wide", f -> f.indexFieldName("f0").indexFieldType(IndexFieldType.INT)).options().indexFieldType()
                == IndexFieldType.INT, "redefining a field at the limit is allowed");
        cs.deleteIndexField(b -> b.domainName("wide").indexFieldName("f1"));
        define("wide", f -> f.indexFieldName("one_more").indexFieldType(IndexFieldType.LITERAL));
    }
}
