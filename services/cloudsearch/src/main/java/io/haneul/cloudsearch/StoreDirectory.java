package io.haneul.cloudsearch;

import io.haneul.cloudsearch.engine.DomainDirectory;
import io.haneul.cloudsearch.store.SqlDomainStore;

import io.haneul.cloudsearch.domain.OptionKind;
import io.haneul.cloudsearch.store.OptionRow;

import java.util.List;
import java.util.Optional;

/** {@link DomainDirectory} over the store: the domain an endpoint id names, its latest configuration and its access policy. */
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
            List<OptionRow> options = tx.options(d.get().account(), d.get().region(), d.get().name());
            Snapshot latest = Snapshot.servable(options, shapes);
            String policy = options.stream().filter(o -> o.kind().equals(OptionKind.POLICIES.stored()) && o.deployed() != null)
                    .map(OptionRow::deployed).findFirst().orElse("");
            return Optional.of(new DirectoryEntry(DomainService.key(d.get()), latest.schema(), policy));
        });
    }
}
