package io.haneul.cloudsearch;

import io.haneul.cloudsearch.engine.DomainDirectory;
import io.haneul.cloudsearch.store.SqlDomainStore;

import java.util.Optional;

/** {@link DomainDirectory} over the store: the domain an endpoint id names and its latest configuration. */
final class StoreDirectory implements DomainDirectory {

    private final SqlDomainStore store;
    private final Shapes shapes;

    StoreDirectory(SqlDomainStore store, Shapes shapes) {
        this.store = store;
        this.shapes = shapes;
    }

    @Override
    public Optional<DirectoryEntry> byEndpointId(String endpointId) {
        return store.read(tx -> {
            Optional<io.haneul.cloudsearch.store.DomainRow> d = tx.domainByEndpoint(endpointId);
            if (d.isEmpty()) {
                return Optional.<DirectoryEntry>empty();
            }
            Snapshot latest = Snapshot.servable(tx.options(d.get().account(), d.get().region(), d.get().name()), shapes);
            return Optional.of(new DirectoryEntry(DomainService.key(d.get()), latest.schema()));
        });
    }
}
