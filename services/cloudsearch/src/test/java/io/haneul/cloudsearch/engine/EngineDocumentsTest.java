package io.haneul.cloudsearch.engine;

import io.haneul.cloudsearch.engine.document.BatchRejected;
import io.haneul.cloudsearch.engine.document.UploadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineDocumentsTest {

    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(dir);
        fx.field("title", "text").field("genres", "literal-array").field("year", "int").field("rating", "double")
                .field("released", "date").field("location", "latlon").field("*_i", "int");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void jsonAddsAndDeletesAreCountedAndSearchableAtOnce() {
        UploadResult r = fx.upload("""
                [{"type":"add","id":"tt1","fields":{"title":"Star Wars","genres":["Action","Sci-Fi"],"year":1977,"rating":8.6,
                  "released":"1977-05-25T00:00:00Z","location":"37.77,-122.41","views_i":12}},
                 {"type":"add","id":"tt2","fields":{"title":"The Empire Strikes Back","year":"1980"}},
                 {"type":"delete","id":"tt9"}]""");
        assertEquals(2, r.adds());
        assertEquals(1, r.deletes());
        assertEquals(List.of("tt1"), fx.ids("q", "star"));
        assertEquals(List.of("tt1"), fx.ids("q", "views_i:12", "q.parser", "structured"));
        fx.upload("[{\"type\":\"delete\",\"id\":\"tt1\"}]");
        assertEquals(List.of(), fx.ids("q", "star"));
    }

    @Test
    void everyAcknowledgedBatchIsSearchableByTheNextSearchThoughTheIndexerAppliesThemAfterTheAnswer() {
        // many batches in a row: the indexer is still behind the last answer when the search comes
        for (int b = 0; b < 40; b++) {
            StringBuilder batch = new StringBuilder("[");
            for (int d = 0; d < 250; d++) {
                batch.append(d == 0 ? "" : ",").append("{\"type\":\"add\",\"id\":\"b").append(b).append('-').append(d)
                        .append("\",\"fields\":{\"title\":\"catalogue entry ").append(d).append("\",\"year\":").append(1900 + b).append("}}");
            }
            fx.upload(batch.append(']').toString());
        }
        fx.upload("[{\"type\":\"delete\",\"id\":\"b39-249\"}]");
        assertEquals(40 * 250 - 1, fx.search("q", "catalogue", "size", "0").found());
        assertEquals(249, fx.search("q", "year:1939", "q.parser", "structured", "size", "0").found());
    }

    @Test
    void searchesRunningTogetherAllSeeTheBatchAcknowledgedBeforeThem() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int round = 1; round <= 60; round++) {
                fx.upload("[{\"type\":\"add\",\"id\":\"r" + round + "\",\"fields\":{\"title\":\"round robin\"}}]");
                List<java.util.concurrent.Future<Long>> found = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    found.add(pool.submit(() -> fx.search("q", "robin", "size", "0").found()));
                }
                for (var f : found) {
                    assertEquals(round, f.get(), "round " + round);
                }
            }
        }
    }

    @Test
    void xmlBatchesAddDocumentsWithRepeatedFieldsAsArrays() {
        UploadResult r = fx.uploadXml("""
                <batch><add id="tt3"><field name="title">Return of the Jedi</field><field name="genres">Action</field>
                <field name="genres">Adventure</field></add><delete id="tt4"/></batch>""");
        assertEquals(1, r.adds());
        assertEquals(1, r.deletes());
        assertEquals(List.of("tt3"), fx.ids("q", "genres:'Adventure'", "q.parser", "structured"));
    }

    @Test
    void anAddReplacesTheDocumentWithItsIdWhetherInTheSameBatchOrALaterOne() {
        fx.upload("""
                [{"type":"add","id":"r1","fields":{"title":"first draft"}},
                 {"type":"add","id":"r1","fields":{"title":"second draft"}},
                 {"type":"delete","id":"r2"},
                 {"type":"add","id":"r2","fields":{"title":"draft after its delete"}},
                 {"type":"add","id":"r3","fields":{"title":"draft to delete"}},
                 {"type":"delete","id":"r3"}]""");
        assertEquals(List.of("r1"), fx.ids("q", "second"));
        assertEquals(List.of(), fx.ids("q", "first"));
        assertEquals(2, fx.search("q", "draft", "size", "0").found());
        fx.upload("[{\"type\":\"add\",\"id\":\"r1\",\"fields\":{\"title\":\"final draft\"}},{\"type\":\"delete\",\"id\":\"r2\"}]");
        assertEquals(List.of("r1"), fx.ids("q", "draft"));
        assertEquals(List.of("r1"), fx.ids("q", "final"));
        fx.engine.indexDocuments(fx.domain, fx.schema());
        assertEquals(List.of("r1"), fx.ids("q", "draft"));
    }

    @Test
    void jsonDocumentsAreStoredAsSentAndAnswerTheSameAfterARebuild() {
        String sent = "{\"title\": \"Stored as sent\", \"year\": 1977, \"rating\": 8.50, \"genres\": [\"Action\", \"Drama\"]}";
        fx.upload("[{\"type\":\"add\",\"id\":\"s1\",\"fields\":" + sent + "}]");
        assertEquals(sent, storedBody("s1"), "the database keeps the fields object as the batch wrote it");
        Map<String, Object> expected = Map.of("title", "Stored as sent", "year", "1977", "rating", "8.50", "genres", List.of("Action", "Drama"));
        assertEquals(expected, fx.search("q", "stored").hits().getFirst().fields());
        fx.engine.indexDocuments(fx.domain, fx.schema()); // rebuilt from the stored rows
        assertEquals(expected, fx.search("q", "stored").hits().getFirst().fields());
        assertEquals(List.of("s1"), fx.ids("q", "(range field=rating [8.5,8.5])", "q.parser", "structured"));
    }

    @Test
    void documentsTheSchemaAddsToAreStoredWithWhatItAdded() {
        fx.field(software.amazon.awssdk.services.cloudsearch.model.IndexField.builder().indexFieldName("kind").indexFieldType("literal")
                .literalOptions(o -> o.defaultValue("film")).build());
        fx.upload("[{\"type\":\"add\",\"id\":\"k1\",\"fields\":{\"title\":\"defaulted\"}}]");
        assertEquals("{\"title\":[\"defaulted\"],\"kind\":[\"film\"]}", storedBody("k1"));
        assertEquals(List.of("k1"), fx.ids("q", "kind:'film'", "q.parser", "structured"));
    }

    private String storedBody(String id) {
        return fx.db.read(c -> {
            try (var q = c.prepareStatement("SELECT body FROM cloudsearch_documents WHERE doc_id = ?")) {
                q.setString(1, id);
                try (var rs = q.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Test
    void unknownFieldsWrongTypesAndBadIdsRejectTheWholeBatch() {
        BatchRejected e = assertThrows(BatchRejected.class, () -> fx.upload("""
                [{"type":"add","id":"ok1","fields":{"title":"fine"}},
                 {"type":"add","id":"bad1","fields":{"nosuch":"x"}},
                 {"type":"add","id":"bad2","fields":{"year":"nineteen"}},
                 {"type":"add","id":"bad id!","fields":{"title":"x"}},
                 {"type":"add","id":"bad3","fields":{"year":[1,2]}}]"""));
        assertEquals(4, e.errors().size(), e.errors().toString());
        assertTrue(e.errors().get(0).contains("'nosuch'"));
        assertTrue(e.errors().get(1).contains("Invalid int value 'nineteen'"));
        assertEquals(List.of(), fx.ids("q", "fine"));
    }

    @Test
    void idsLongerThan128CharactersAndMalformedJsonAreRefused() {
        String id = "a".repeat(129);
        assertThrows(BatchRejected.class, () -> fx.upload("[{\"type\":\"add\",\"id\":\"" + id + "\",\"fields\":{\"title\":\"x\"}}]"));
        assertThrows(BatchRejected.class, () -> fx.upload("[{\"type\":\"add\""));
        assertThrows(BatchRejected.class, () -> fx.upload("[]"));
        assertThrows(BatchRejected.class, () -> fx.upload("[{\"type\":\"add\",\"id\":\"x\",\"fields\":{\"title\":null}}]"));
    }

    @Test
    void documentsSurviveALostIndexBecauseTheDatabaseHoldsThem() throws Exception {
        fx.upload("[{\"type\":\"add\",\"id\":\"d1\",\"fields\":{\"title\":\"durable documents\"}}]");
        fx.engine.close();
        try (Stream<Path> files = Files.walk(dir.resolve("cloudsearch"))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        fx.engine = fx.newEngine();
        assertEquals(List.of("d1"), fx.ids("q", "durable"));
    }

    @Test
    void anUncommittedTailIsReplayedFromTheDatabase() {
        fx.upload("[{\"type\":\"add\",\"id\":\"d1\",\"fields\":{\"title\":\"first\"}}]");
        // a second engine on the same data sees what the first applied but never committed to Lucene
        LuceneSearchIndexes other = new LuceneSearchIndexes(dir.resolve("other"), new io.haneul.cloudsearch.engine.store.DocumentStore(fx.db),
                true, 60, java.time.Clock.systemUTC());
        try {
            fx.upload("[{\"type\":\"add\",\"id\":\"d2\",\"fields\":{\"title\":\"second\"}}]");
            var r = other.search(fx.domain, fx.schema(), io.haneul.cloudsearch.engine.search.SearchRequest.of(java.util.Map.of("q", "second")));
            assertEquals(1, r.found());
        } finally {
            other.close();
        }
    }

    @Test
    void indexDocumentsRebuildsWithTheNewSchemaKeepingEveryDocument() {
        fx.upload("[{\"type\":\"add\",\"id\":\"d1\",\"fields\":{\"title\":\"running shoes\"}}]");
        fx.fields.clear();
        fx.field("title", "text").field("brand", "literal");
        fx.fields.set(0, software.amazon.awssdk.services.cloudsearch.model.IndexField.builder().indexFieldName("title")
                .indexFieldType("text").textOptions(o -> o.analysisScheme("_en_default_")).build());
        List<String> names = fx.engine.indexDocuments(fx.domain, fx.schema());
        assertEquals(List.of("brand", "title"), names);
        assertEquals(List.of("d1"), fx.ids("q", "run"));
    }

    @Test
    void deleteDomainRemovesDocumentsAndIndex() {
        fx.upload("[{\"type\":\"add\",\"id\":\"d1\",\"fields\":{\"title\":\"gone\"}}]");
        fx.engine.deleteDomain(fx.domain);
        assertEquals(0, fx.engine.documentCount(fx.domain));
        assertTrue(Files.notExists(dir.resolve("cloudsearch").resolve(fx.domain.endpointId())));
        assertEquals(List.of(), fx.ids("q", "gone"));
    }
}
