package io.haneul.cloudsearch.engine;

import io.haneul.cloudsearch.engine.document.SdfParser;
import io.haneul.cloudsearch.engine.document.UploadResult;
import io.haneul.cloudsearch.engine.search.SearchRequest;
import io.haneul.cloudsearch.engine.search.SearchResult;
import io.haneul.cloudsearch.engine.store.DocumentStore;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A SQLite database and an engine in a temporary directory, and helpers to build schemas and run searches. */
final class EngineFixture implements AutoCloseable {

    final Path dir;
    final Database db;
    LuceneSearchIndexes engine;
    final DomainKey domain = new DomainKey("111122223333", "us-east-1", "movies", "111122223333/movies", "movies-abcdefghijklmnopqrstuvwxyz");
    final List<IndexField> fields = new ArrayList<>();
    final List<AnalysisScheme> schemes = new ArrayList<>();
    final List<Expression> expressions = new ArrayList<>();
    final List<Suggester> suggesters = new ArrayList<>();

    EngineFixture(Path dir) {
        this.dir = dir;
        this.db = Databases.open(StorageConfig.parse("sqlite"), dir);
        this.engine = newEngine();
    }

    LuceneSearchIndexes newEngine() {
        return new LuceneSearchIndexes(dir.resolve("cloudsearch"), new DocumentStore(db), false, 60, Clock.systemUTC());
    }

    DomainSchema schema() {
        return new DomainSchema(fields, schemes, expressions, suggesters);
    }

    EngineFixture field(String name, String type) {
        fields.add(IndexField.builder().indexFieldName(name).indexFieldType(type).build());
        return this;
    }

    EngineFixture field(IndexField f) {
        fields.add(f);
        return this;
    }

    EngineFixture text(String name, String scheme) {
        fields.add(IndexField.builder().indexFieldName(name).indexFieldType("text")
                .textOptions(o -> o.analysisScheme(scheme)).build());
        return this;
    }

    UploadResult upload(String json) {
        return engine.upload(domain, schema(), SdfParser.parse(json.getBytes(StandardCharsets.UTF_8), false));
    }

    UploadResult uploadXml(String xml) {
        return engine.upload(domain, schema(), SdfParser.parse(xml.getBytes(StandardCharsets.UTF_8), true));
    }

    SearchResult search(String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return engine.search(domain, schema(), SearchRequest.of(p));
    }

    List<String> ids(String... params) {
        return search(params).hits().stream().map(SearchResult.Hit::id).toList();
    }

    @Override
    public void close() {
        engine.close();
        db.close();
    }
}
