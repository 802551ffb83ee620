package io.haneul.cloudsearch.domain;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisOptions;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.ScalingParameters;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration rules alone, without a server. */
class RulesTest {

    private static IndexField field(String name, String type) {
        return IndexField.builder().indexFieldName(name).indexFieldType(type).build();
    }

    private static final Map<String, IndexField> FIELDS = Map.of(
            "year", field("year", "int"), "price", field("price", "double"), "title", field("title", "text"),
            "loc", field("loc", "latlon"), "tags", field("tags", "literal-array"),
            "hidden", IndexField.builder().indexFieldName("hidden").indexFieldType("int").intOptions(o -> o.sortEnabled(false)).build());

    @Test
    void sourceFieldsCopyCompatibleTypesOnly() {
        assertTrue(FieldTypes.copies("double", "int"));
        assertTrue(FieldTypes.copies("text", "literal"));
        assertTrue(FieldTypes.copies("literal-array", "literal-array"));
        assertTrue(FieldTypes.copies("int-array", "int"));
        assertFalse(FieldTypes.copies("int", "int-array"));
        assertFalse(FieldTypes.copies("int", "double"));
        assertFalse(FieldTypes.copies("latlon", "text"));
    }

    @Test
    void indexFieldProblemsNameEveryBrokenReference() {
        IndexField copy = IndexField.builder().indexFieldName("all").indexFieldType("text-array")
                .textArrayOptions(o -> o.sourceFields("title, missing, s_*").analysisScheme("mine")).build();
        assertEquals(2, IndexFieldRules.problems(copy, FIELDS, Set.of()).size());
        assertTrue(IndexFieldRules.problems(copy.toBuilder().textArrayOptions(o -> o.sourceFields("title").analysisScheme("mine")).build(),
                FIELDS, Set.of("mine")).isEmpty());
        CloudSearchException e = assertThrows(CloudSearchException.class, () -> IndexFieldRules.check(
                IndexField.builder().indexFieldName("d").indexFieldType("date").dateOptions(o -> o.defaultValue("2024-13-01")).build(),
                FIELDS, Set.of()));
        assertEquals("ValidationException", e.shape());
        assertEquals("InvalidTypeException", assertThrows(CloudSearchException.class, () -> IndexFieldRules.check(
                IndexField.builder().indexFieldName("d").indexFieldType("date").intOptions(o -> o.defaultValue(1L)).build(),
                FIELDS, Set.of())).shape());
    }

    @Test
    void effectiveOptionsEnableWhatIsLeftOut() {
        IndexField year = FieldDefaults.effective(field("year", "int"));
        assertTrue(year.intOptions().facetEnabled() && year.intOptions().sortEnabled() && year.intOptions().searchEnabled());
        IndexField title = FieldDefaults.effective(field("title", "text"));
        assertEquals("_en_default_", title.textOptions().analysisScheme());
        assertFalse(FieldDefaults.effective(FIELDS.get("hidden")).intOptions().sortEnabled());
    }

    @Test
    void expressionsUseLuceneSyntaxAndSortableNumericInputs() {
        assertTrue(ExpressionRules.problems("e", "max(year, price) * _score + loc.latitude", FIELDS, Set.of()).isEmpty());
        assertTrue(ExpressionRules.problems("e", "other + 1", FIELDS, Set.of("other")).isEmpty());
        assertEquals(1, ExpressionRules.problems("e", "hidden + 1", FIELDS, Set.of()).size());
        assertEquals(1, ExpressionRules.problems("e", "title.latitude", FIELDS, Set.of()).size());
        assertTrue(ExpressionRules.problems("e", "(year", FIELDS, Set.of()).getFirst().startsWith("Syntax error"));
    }

    @Test
    void analysisOptionsAreJsonOfTheDocumentedForm() {
        AnalysisSchemeRules.check(scheme("en", AnalysisOptions.builder().synonyms("{\"aliases\":{\"tv\":[\"television\"]}}").build()));
        assertThrows(CloudSearchException.class, () -> AnalysisSchemeRules.check(scheme("en",
                AnalysisOptions.builder().synonyms("{\"other\":[]}").build())));
        assertThrows(CloudSearchException.class, () -> AnalysisSchemeRules.check(scheme("en",
                AnalysisOptions.builder().stopwords("[1,2]").build())));
        assertTrue(Languages.isBuiltInScheme("_zh-Hant_default_"));
        assertFalse(Languages.isBuiltInScheme("_xx_default_"));
    }

    @Test
    void scalingAndDerivedCounts() {
        ScalingParameters p = ScalingParameters.builder().desiredInstanceType("search.2xlarge").desiredPartitionCount(2)
                .desiredReplicationCount(3).build();
        ScalingRules.check(p);
        assertEquals(6, ScalingRules.instances(p));
        assertEquals("search.small", ScalingRules.instanceType(ScalingParameters.builder().build()));
        assertThrows(CloudSearchException.class, () -> ScalingRules.check(p.toBuilder().desiredInstanceType("search.large").build()));
    }

    @Test
    void processingReadsActiveFromItsActivationTime() {
        assertEquals(OptionState.PROCESSING, OptionState.seen("Processing", 1000, 999));
        assertEquals(OptionState.ACTIVE, OptionState.seen("Processing", 1000, 1000));
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, OptionState.seen("RequiresIndexDocuments", 0, 5));
    }

    private static AnalysisScheme scheme(String lang, AnalysisOptions options) {
        return AnalysisScheme.builder().analysisSchemeName("s").analysisSchemeLanguage(lang).analysisOptions(options).build();
    }
}
