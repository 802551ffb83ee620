package io.haneul.cloudsearch;

import io.haneul.cloudsearch.engine.SearchIndexes;
import io.haneul.cloudsearch.store.SqlDomainStore;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.storage.Database;

import java.util.List;
import java.util.function.Supplier;

/**
 * Registers Amazon CloudSearch: the configuration API and the domains' document and search endpoints.
 * The provider's {@link CloudSearchProvider#directory()} is the {@link io.haneul.cloudsearch.engine.DomainDirectory}
 * the endpoints use; {@link #searchIndexes} is where the search side plugs in (none yet: the
 * configuration API then keeps its state alone).
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

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        SqlDomainStore store = new SqlDomainStore(env.require(Database.class));
        Shapes shapes = new Shapes();
        long processingMillis = Long.parseLong(env.setting("cloudsearch-processing-seconds", "0")) * 1000;
        Endpoints endpoints = Endpoints.of(env.setting("cloudsearch-endpoints", "path"));
        DomainService domains = new DomainService(store, env.clock(), shapes, endpoints, searchIndexes(env), processingMillis);
        return new CloudSearchProvider(domains, new OptionService(store, env.clock(), shapes),
                new SettingsService(store, env.clock(), shapes, processingMillis), new StoreDirectory(store, shapes));
    }

    /** The search side the configuration API drives (IndexDocuments, BuildSuggesters, DeleteDomain); null while none is wired. */
    Supplier<SearchIndexes> searchIndexes(ServiceEnvironment env) {
        return () -> null;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return CloudSearchProvider.class;
    }
}
