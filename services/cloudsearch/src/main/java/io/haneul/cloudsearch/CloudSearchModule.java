package io.haneul.cloudsearch;

import io.haneul.cloudsearch.endpoint.DomainEndpointPlane;
import io.haneul.cloudsearch.endpoint.DomainEndpoints;
import io.haneul.cloudsearch.engine.LuceneSearchIndexes;
import io.haneul.cloudsearch.engine.store.DocumentStore;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.storage.Dialect;
import io.haneul.cloudsearch.store.SqlDomainStore;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.storage.Database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers Amazon CloudSearch: the configuration API and the domains' document and search endpoints.
 * The provider's {@link CloudSearchProvider#directory()} is the {@link io.haneul.cloudsearch.engine.DomainDirectory}
 * the endpoints use; {@link #searchIndexes} is the Lucene engine behind both: the configuration API
 * drives it (IndexDocuments, BuildSuggesters, DeleteDomain), the data plane ({@link DomainEndpointPlane})
 * uploads and searches through it. Options: {@code --cloudsearch-index-dir}, {@code --cloudsearch-commit-seconds}.
 */
public final class CloudSearchModule implements ServiceModule {

    @Override
    public String id() {
        return "cloudsearch";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("cloudsearch-2013-01-01");
    }

    /** The running service's document and search endpoints, set when the provider starts (one module instance per server). */
    private volatile DomainEndpoints domainEndpoints;

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        SqlDomainStore store = new SqlDomainStore(db);
        Shapes shapes = new Shapes();
        long processingMillis = Long.parseLong(env.setting("cloudsearch-processing-seconds", "0")) * 1000;
        Endpoints endpoints = Endpoints.of(env.setting("cloudsearch-endpoints", "path"));
        LuceneSearchIndexes engine = searchIndexes(env, db);
        DomainService domains = new DomainService(store, env.clock(), shapes, endpoints, () -> engine, processingMillis);
        StoreDirectory directory = new StoreDirectory(store, shapes, db.dialect() != Dialect.POSTGRES);
        CloudSearchProvider provider = new CloudSearchProvider(domains, new OptionService(store, env.clock(), shapes),
                new SettingsService(store, env.clock(), shapes, processingMillis), directory, engine);
        domainEndpoints = new DomainEndpoints(directory, engine, env.clock());
        return provider;
    }

    /**
     * The Lucene engine: indexes under {@code --cloudsearch-index-dir} (default {@code <data-dir>/cloudsearch}),
     * documents in the database; on PostgreSQL each node follows what the others write.
     */
    private static LuceneSearchIndexes searchIndexes(ServiceEnvironment env, Database db) {
        Path dir = Path.of(env.setting("cloudsearch-index-dir",
                Path.of(env.setting("data-dir", ".haneul")).resolve("cloudsearch").toString()));
        int commitSeconds = Integer.parseInt(env.setting("cloudsearch-commit-seconds", "5"));
        return new LuceneSearchIndexes(dir, new DocumentStore(db), db.dialect() == Dialect.POSTGRES, commitSeconds, env.clock());
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new DomainEndpointPlane(() -> domainEndpoints));
    }

    /** The domains' endpoints answer the whole cloudsearchdomain API: documents/batch, search and suggest. */
    @Override
    public Map<String, Set<String>> dataPlaneOperations() {
        return Map.of("cloudsearchdomain", Set.of("UploadDocuments", "Search", "Suggest"));
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return CloudSearchProvider.class;
    }

    /** CloudSearch's query answers write empty lists as empty elements (<DomainStatusList/>), as AWS's query services do for list results. */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("*");
    }
}
