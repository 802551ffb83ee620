package io.haneul.cloudsearch;

import io.haneul.cloudsearch.engine.DomainDirectory;
import io.haneul.cloudsearch.engine.DomainKey;
import io.haneul.cloudsearch.engine.DomainSchema;
import io.haneul.cloudsearch.engine.SearchIndexes;
import io.haneul.cloudsearch.store.SqlDomainStore;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudsearch.model.DomainEndpointOptions;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract with the search side: IndexDocuments, BuildSuggesters and DeleteDomain reach
 * {@link SearchIndexes} with the domain's key and schema, and {@link DomainDirectory} answers an
 * endpoint id with the latest configuration, pending deletions left out and options spelled out, and
 * whether the domain enforces HTTPS.
 */
class SearchSideWiringTest {

    @TempDir
    Path dir;
    Database db;
    final List<String> calls = new ArrayList<>();
    DomainService domains;
    OptionService options;
    DomainDirectory directory;
    SqlDomainStore store;

    final SearchIndexes recorder = new SearchIndexes() {
        @Override
        public List<String> indexDocuments(DomainKey domain, DomainSchema schema) {
            calls.add("index " + domain.domainId() + " " + schema.fields().stream().map(IndexField::indexFieldName).toList());
            return List.of();
        }

        @Override
        public void buildSuggesters(DomainKey domain, DomainSchema schema) {
            calls.add("suggest " + domain.domainName() + " " + schema.suggesters().stream().map(Suggester::suggesterName).toList());
        }

        @Override
        public void deleteDomain(DomainKey domain) {
            calls.add("delete " + domain.endpointId());
        }
    };

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        store = new SqlDomainStore(db);
        Shapes shapes = new Shapes();
        domains = new DomainService(store, Clock.systemUTC(), shapes, Endpoints.of("path"), () -> recorder, 0);
        options = new OptionService(store, Clock.systemUTC(), shapes);
        directory = new StoreDirectory(store, shapes, true);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void configurationDrivesTheSearchSide() {
        String endpoint = domains.create("111122223333", "eu-west-1", "shop", "h:1").docService().endpoint();
        String endpointId = endpoint.substring(endpoint.indexOf("/doc-") + "/doc-".length());
        assertTrue(endpointId.matches("shop-[a-z0-9]{26}"), endpointId);
        options.defineIndexField("111122223333", "eu-west-1", "shop", IndexField.builder().indexFieldName("name").indexFieldType("text").build());
        options.defineIndexField("111122223333", "eu-west-1", "shop", IndexField.builder().indexFieldName("price").indexFieldType("double").build());
        options.defineSuggester("111122223333", "eu-west-1", "shop", Suggester.builder().suggesterName("names")
                .documentSuggesterOptions(o -> o.sourceField("name")).build());

        DomainDirectory.DirectoryEntry entry = directory.byEndpointId(endpointId).orElseThrow();
        assertEquals(new DomainKey("111122223333", "eu-west-1", "shop", "111122223333/shop", endpointId), entry.key());
        IndexField name = entry.schema().fields().getFirst();
        assertEquals("_en_default_", name.textOptions().analysisScheme(), "the engine gets every option spelled out");
        assertTrue(name.textOptions().returnEnabled());

        assertEquals(List.of("name", "price"), domains.indexDocuments("111122223333", "eu-west-1", "shop"));
        domains.buildSuggesters("111122223333", "eu-west-1", "shop");
        options.deleteIndexField("111122223333", "eu-west-1", "shop", "price");
        assertEquals(List.of("name"), directory.byEndpointId(endpointId).orElseThrow().schema().fields().stream()
                .map(IndexField::indexFieldName).toList(), "pending deletions are left out");
        options.defineAnalysisScheme("111122223333", "eu-west-1", "shop", software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme
                .builder().analysisSchemeName("mine").analysisSchemeLanguage("de").build());
        options.defineIndexField("111122223333", "eu-west-1", "shop", IndexField.builder().indexFieldName("notes").indexFieldType("text")
                .textOptions(o -> o.analysisScheme("mine")).build());
        assertEquals(List.of("name", "notes"), fieldNames(endpointId));
        options.deleteAnalysisScheme("111122223333", "eu-west-1", "shop", "mine");
        assertEquals(List.of("name"), fieldNames(endpointId), "a field whose analysis scheme is gone is not handed to the engine");
        domains.delete("111122223333", "eu-west-1", "shop", "h:1");
        assertTrue(directory.byEndpointId(endpointId).isEmpty());
        assertEquals(List.of("index 111122223333/shop [name, price]", "suggest shop [names]", "delete " + endpointId), calls);
    }

    @Test
    void theDirectoryTellsWhetherTheDomainEnforcesHttps() {
        SettingsService settings = new SettingsService(store, Clock.systemUTC(), new Shapes(), 60_000);
        String endpoint = domains.create("111122223333", "eu-west-1", "vault", "h:1").docService().endpoint();
        String endpointId = endpoint.substring(endpoint.indexOf("/doc-") + "/doc-".length());
        assertFalse(directory.byEndpointId(endpointId).orElseThrow().enforceHttps(), "the default options allow HTTP");
        settings.updateEndpointOptions("111122223333", "eu-west-1", "vault", DomainEndpointOptions.builder().enforceHTTPS(true).build());
        assertTrue(directory.byEndpointId(endpointId).orElseThrow().enforceHttps(), "in force at once, while still Processing");
        settings.updateEndpointOptions("111122223333", "eu-west-1", "vault", DomainEndpointOptions.builder().enforceHTTPS(false).build());
        assertFalse(directory.byEndpointId(endpointId).orElseThrow().enforceHttps());
    }

    private List<String> fieldNames(String endpointId) {
        return directory.byEndpointId(endpointId).orElseThrow().schema().fields().stream().map(IndexField::indexFieldName).toList();
    }
}
