package io.haneul.it.cloudsearch;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.AlgorithmicStemming;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisOptions;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisSchemeStatus;
import software.amazon.awssdk.services.cloudsearch.model.CloudSearchException;
import software.amazon.awssdk.services.cloudsearch.model.ExpressionStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearch.model.LimitExceededException;
import software.amazon.awssdk.services.cloudsearch.model.OptionState;
import software.amazon.awssdk.services.cloudsearch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudsearch.model.SuggesterFuzzyMatching;
import software.amazon.awssdk.services.cloudsearch.model.SuggesterStatus;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analysis schemes, expressions and suggesters through the SDK v2 client: stored, validated, deployed and deleted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchSchemesIT {

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

    private void invalid(Runnable call) {
        CloudSearchException e = assertThrows(CloudSearchException.class, call::run);
        assertEquals(400, e.statusCode(), e::getMessage);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e::getMessage);
    }

    private void scheme(String domain, String name, String language, AnalysisOptions options) {
        cs.defineAnalysisScheme(b -> b.domainName(domain).analysisScheme(s -> s.analysisSchemeName(name)
                .analysisSchemeLanguage(language).analysisOptions(options)));
    }

    @Test
    void analysisSchemesInEveryLanguageWithValidatedOptions() {
        cs.createDomain(b -> b.domainName("schemes"));
        List<String> languages = List.of("ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "eu", "fa", "fi", "fr", "ga", "gl", "he",
                "hi", "hu", "hy", "id", "it", "ja", "ko", "lv", "mul", "nl", "no", "pt", "ro", "ru", "sv", "th", "tr", "zh-Hans", "zh-Hant");
        for (String lang : languages) {
            scheme("schemes", "s_" + lang.toLowerCase().replace('-', '_'), lang, null);
        }
        AnalysisOptions full = AnalysisOptions.builder().synonyms("{\"groups\":[[\"tv\",\"television\"]],\"aliases\":{\"cat\":[\"feline\"]}}")
                .stopwords("[\"a\",\"the\"]").stemmingDictionary("{\"running\":\"run\"}").algorithmicStemming(AlgorithmicStemming.LIGHT).build();
        scheme("schemes", "custom", "en", full);
        scheme("schemes", "japanese", "ja", AnalysisOptions.builder()
                .japaneseTokenizationDictionary("[\"関西国際空港,関西 国際 空港,カンサイ コクサイ クウコウ,カスタム名詞\"]").build());
        List<AnalysisSchemeStatus> described = cs.describeAnalysisSchemes(b -> b.domainName("schemes").analysisSchemeNames("custom"))
                .analysisSchemes();
        assertEquals(full, described.getFirst().options().analysisOptions());
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, described.getFirst().status().state());
        assertEquals(languages.size() + 2, cs.describeAnalysisSchemes(b -> b.domainName("schemes")).analysisSchemes().size());

        invalid(() -> scheme("schemes", "bad", "en", AnalysisOptions.builder().synonyms("{\"groups\":\"tv\"}").build()));
        invalid(() -> scheme("schemes", "bad", "en", AnalysisOptions.builder().synonyms("not json").build()));
        invalid(() -> scheme("schemes", "bad", "en", AnalysisOptions.builder().stopwords("{\"a\":1}").build()));
        invalid(() -> scheme("schemes", "bad", "en", AnalysisOptions.builder().stemmingDictionary("[\"run\"]").build()));
        invalid(() -> scheme("schemes", "bad", "en", AnalysisOptions.builder().japaneseTokenizationDictionary("[]").build()));
        invalid(() -> scheme("schemes", "bad", "ja", AnalysisOptions.builder().japaneseTokenizationDictionary("[\"a,b\"]").build()));
        invalid(() -> scheme("schemes", "bad", "xx", null));
        invalid(() -> scheme("schemes", "bad", "en", AnalysisOptions.builder().algorithmicStemming("most").build()));
        assertThrows(LimitExceededException.class, () -> scheme("schemes", "big", "en",
                AnalysisOptions.builder().synonyms("{\"groups\":[[\"" + "a".repeat(110_000) + "\",\"b\"]]}").build()));

        cs.defineIndexField(b -> b.domainName("schemes").indexField(f -> f.indexFieldName("body").indexFieldType(IndexFieldType.TEXT)
                .textOptions(o -> o.analysisScheme("custom"))));
        AnalysisSchemeStatus deleted = cs.deleteAnalysisScheme(b -> b.domainName("schemes").analysisSchemeName("custom")).analysisScheme();
        assertTrue(deleted.status().pendingDeletion());
        assertThrows(ResourceNotFoundException.class, () -> cs.deleteAnalysisScheme(b -> b.domainName("schemes").analysisSchemeName("custom")));
        cs.indexDocuments(b -> b.domainName("schemes"));
        assertEquals(OptionState.FAILED_TO_VALIDATE, cs.describeIndexFields(b -> b.domainName("schemes")).indexFields().getFirst()
                .status().state(), "a field whose analysis scheme was deleted fails to validate");
        assertTrue(cs.describeIndexFields(b -> b.domainName("schemes").deployed(true)).indexFields().isEmpty());
    }

    @Test
    void expressionsAreParsedAndTheirFieldsChecked() {
        cs.createDomain(b -> b.domainName("exprs"));
        cs.defineIndexField(b -> b.domainName("exprs").indexField(f -> f.indexFieldName("year").indexFieldType(IndexFieldType.INT)));
        cs.defineIndexField(b -> b.domainName("exprs").indexField(f -> f.indexFieldName("rank").indexFieldType(IndexFieldType.DOUBLE)
                .doubleOptions(o -> o.sortEnabled(false))));
        cs.defineIndexField(b -> b.domainName("exprs").indexField(f -> f.indexFieldName("loc").indexFieldType(IndexFieldType.LATLON)));
        cs.defineIndexField(b -> b.domainName("exprs").indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
        ExpressionStatus e = cs.defineExpression(b -> b.domainName("exprs").expression(x -> x.expressionName("popular")
                .expressionValue("(_score * 0.5) + log10(year) + ln(1 + _time) * _rand"))).expression();
        assertEquals("popular", e.options().expressionName());
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, e.status().state());
        cs.defineExpression(b -> b.domainName("exprs").expression(x -> x.expressionName("near")
                .expressionValue("haversin(47.6, -122.3, loc.latitude, loc.longitude) < 10 ? popular : 0")));

        invalid(() -> cs.defineExpression(b -> b.domainName("exprs").expression(x -> x.expressionName("broken").expressionValue("year +"))));
        invalid(() -> cs.defineExpression(b -> b.domainName("exprs").expression(x -> x.expressionName("broken").expressionValue("nosuch * 2"))));
        invalid(() -> cs.defineExpression(b -> b.domainName("exprs").expression(x -> x.expressionName("broken").expressionValue("rank * 2"))));
        invalid(() -> cs.defineExpression(b -> b.domainName("exprs").expression(x -> x.expressionName("broken").expressionValue("title + 1"))));
        invalid(() -> cs.defineExpression(b -> b.domainName("exprs").expression(x -> x.expressionName("broken").expressionValue("frob(year)"))));
        assertEquals(List.of("near", "popular"), cs.describeExpressions(b -> b.domainName("exprs")).expressions().stream()
                .map(x -> x.options().expressionName()).toList());

        cs.indexDocuments(b -> b.domainName("exprs"));
        assertEquals(2, cs.describeExpressions(b -> b.domainName("exprs").deployed(true)).expressions().size());
        assertTrue(cs.deleteExpression(b -> b.domainName("exprs").expressionName("near")).expression().status().pendingDeletion());
    }

    @Test
    void suggestersOnTextFieldsUpToTenAndBuilt() {
        cs.createDomain(b -> b.domainName("suggest"));
        cs.defineIndexField(b -> b.domainName("suggest").indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
        cs.defineIndexField(b -> b.domainName("suggest").indexField(f -> f.indexFieldName("year").indexFieldType(IndexFieldType.INT)));
        SuggesterStatus s = cs.defineSuggester(b -> b.domainName("suggest").suggester(x -> x.suggesterName("titles")
                .documentSuggesterOptions(o -> o.sourceField("title").fuzzyMatching(SuggesterFuzzyMatching.LOW).sortExpression("year")))).suggester();
        assertEquals("title", s.options().documentSuggesterOptions().sourceField());
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, s.status().state());
        invalid(() -> cs.defineSuggester(b -> b.domainName("suggest").suggester(x -> x.suggesterName("years")
                .documentSuggesterOptions(o -> o.sourceField("year")))));
        invalid(() -> cs.defineSuggester(b -> b.domainName("suggest").suggester(x -> x.suggesterName("scored")
                .documentSuggesterOptions(o -> o.sourceField("title").sortExpression("_score")))));
        for (int n = 1; n < 10; n++) {
            String name = "s" + n;
            cs.defineSuggester(b -> b.domainName("suggest").suggester(x -> x.suggesterName(name).documentSuggesterOptions(o -> o.sourceField("title"))));
        }
        assertThrows(LimitExceededException.class, () -> cs.defineSuggester(b -> b.domainName("suggest").suggester(x -> x.suggesterName("s10")
                .documentSuggesterOptions(o -> o.sourceField("title")))));

        List<String> built = cs.buildSuggesters(b -> b.domainName("suggest")).fieldNames();
        assertEquals(10, built.size());
        assertTrue(built.contains("titles"));
        cs.describeSuggesters(b -> b.domainName("suggest").deployed(true)).suggesters()
                .forEach(x -> assertEquals(OptionState.ACTIVE, x.status().state()));
        assertEquals(OptionState.REQUIRES_INDEX_DOCUMENTS, cs.describeIndexFields(b -> b.domainName("suggest").fieldNames("title"))
                .indexFields().getFirst().status().state(), "BuildSuggesters deploys suggesters only");
        assertTrue(cs.deleteSuggester(b -> b.domainName("suggest").suggesterName("s1")).suggester().status().pendingDeletion());
        assertThrows(ResourceNotFoundException.class, () -> cs.deleteSuggester(b -> b.domainName("suggest").suggesterName("nope")));
    }
}
