package io.haneul.cloudsearch;

import io.haneul.cloudsearch.engine.DomainDirectory;
import io.haneul.cloudsearch.store.SqlDomainStore;

import io.haneul.cloudsearch.domain.OptionKind;
import io.haneul.cloudsearch.store.OptionRow;
import software.amazon.awssdk.services.cloudsearch.model.DomainEndpointOptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * {@link DomainDirectory} over the store: the domain an endpoint id names, its latest configuration,
 * its access policy and whether it requires HTTPS. Every document batch and search asks, so on a
 * single node the answer is kept until the store's next update (the database read and the options'
 * parse cost more than a simple search); nodes sharing a database read it each time, since another
 * node may change it.
 */
final class StoreDirectory implements DomainDirectory {

    private static final int MAX_CACHED = 1_000;

    private final SqlDomainStore store;
    private final Shapes shapes;
    private final boolean cache;
    private final Map<String, Cached> cached = new ConcurrentHashMap<>();

    private record Cached(long writeCount, Optional<DirectoryEntry> entry) {
    }

    StoreDirectory(SqlDomainStore store, Shapes shapes, boolean cache) {
        this.store = store;
        this.shapes = shapes;
        this.cache = cache;
    }

    @Override
    public Optional<DirectoryEntry> byEndpointId(String endpointId) {
        if (!cache) {
            return read(endpointId);
        }
        long count = store.writeCount();
        Cached c = cached.get(endpointId);
        if (c != null && c.writeCount() == count) {
            return c.entry();
        }
        Optional<DirectoryEntry> entry = read(endpointId);
        if (cached.size() >= MAX_CACHED) {
            cached.clear();
        }
        cached.put(endpointId, new Cached(count, entry));
        return entry;
    }

    private Optional<DirectoryEntry> read(String endpointId) {
        return store.read(tx -> {
            Optional<io.haneul.cloudsearch.store.DomainRow> d = tx.domainByEndpoint(endpointId);
            if (d.isEmpty()) {
                return Optional.<DirectoryEntry>empty();
            }
            List<OptionRow> options = tx.options(d.get().account(), d.get().region(), d.get().name());
            Snapshot latest = Snapshot.servable(options, shapes);
            String policy = deployed(options, OptionKind.POLICIES).orElse("");
            boolean https = deployed(options, OptionKind.ENDPOINT)
                    .map(doc -> Boolean.TRUE.equals(shapes.read(doc, DomainEndpointOptions.class).enforceHTTPS())).orElse(false);
            return Optional.of(new DirectoryEntry(DomainService.key(d.get()), latest.schema(), policy, https));
        });
    }

    /** The deployed document of a domain-wide setting, empty when it was never set. */
    private static Optional<String> deployed(List<OptionRow> options, OptionKind kind) {
        return options.stream().filter(o -> o.kind().equals(kind.stored()) && o.deployed() != null).map(OptionRow::deployed).findFirst();
    }
}
