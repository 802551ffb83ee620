package io.haneul.cloudsearch;

import io.haneul.cloudsearch.domain.CloudSearchException;
import io.haneul.cloudsearch.domain.EndpointIds;
import io.haneul.cloudsearch.domain.ExpressionRules;
import io.haneul.cloudsearch.domain.IndexFieldRules;
import io.haneul.cloudsearch.domain.OptionKind;
import io.haneul.cloudsearch.domain.OptionState;
import io.haneul.cloudsearch.domain.ScalingRules;
import io.haneul.cloudsearch.domain.SuggesterRules;
import io.haneul.cloudsearch.engine.DomainKey;
import io.haneul.cloudsearch.engine.DomainSchema;
import io.haneul.cloudsearch.engine.SearchIndexes;
import io.haneul.cloudsearch.store.DomainRow;
import io.haneul.cloudsearch.store.OptionRow;
import io.haneul.cloudsearch.store.SqlDomainStore;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Limits;
import software.amazon.awssdk.services.cloudsearch.model.ScalingParameters;
import software.amazon.awssdk.services.cloudsearch.model.ServiceEndpoint;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Domains: created with endpoints fixed for their life, described as AWS reports them (Processing
 * while a change is being applied, RequiresIndexDocuments while one waits for IndexDocuments),
 * deleted with their documents; IndexDocuments and BuildSuggesters deploy the waiting options and
 * hand the result to the search side ({@link SearchIndexes}, absent until the engine is wired).
 */
final class DomainService {

    /** AWS's default quota of search domains per account and region. */
    static final int MAX_DOMAINS = 100;

    private final SqlDomainStore store;
    private final Clock clock;
    private final Shapes shapes;
    private final Endpoints endpoints;
    private final Supplier<SearchIndexes> indexes;
    private final long processingMillis;
    private final EndpointIds ids = new EndpointIds();

    /**
     * @param indexes          the search side, or a supplier of null while none is wired
     * @param processingMillis how long a domain's creation and a deployed change read as Processing
     */
    DomainService(SqlDomainStore store, Clock clock, Shapes shapes, Endpoints endpoints, Supplier<SearchIndexes> indexes,
                  long processingMillis) {
        this.store = store;
        this.clock = clock;
        this.shapes = shapes;
        this.endpoints = endpoints;
        this.indexes = indexes;
        this.processingMillis = processingMillis;
    }

    static DomainRow require(SqlDomainStore.Tx tx, String account, String region, String name) throws SQLException {
        return tx.domain(account, region, name).orElseThrow(() -> CloudSearchException.domainNotFound(name));
    }

    static DomainKey key(DomainRow d) {
        return new DomainKey(d.account(), d.region(), d.name(), d.account() + "/" + d.name(), d.endpointId());
    }

    /** CreateDomain: a new domain, or the existing one of that name unchanged (the call is idempotent on AWS). */
    DomainStatus create(String account, String region, String name, String host) {
        long now = clock.millis();
        DomainRow row = store.update(tx -> {
            Optional<DomainRow> existing = tx.domain(account, region, name);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (tx.domains(account, region).size() >= MAX_DOMAINS) {
                throw CloudSearchException.limitExceeded("You have reached the limit of " + MAX_DOMAINS + " search domains.");
            }
            DomainRow d = new DomainRow(account, region, name, ids.next(name), now, now + processingMillis, 0);
            tx.insertDomain(d);
            return d;
        });
        return status(row, read(account, region, name), host, now, false);
    }

    List<DomainStatus> describe(String account, String region, List<String> names, String host) {
        long now = clock.millis();
        List<DomainStatus> out = new ArrayList<>();
        store.read(tx -> {
            for (DomainRow d : tx.domains(account, region)) {
                if (names == null || names.isEmpty() || names.contains(d.name())) {
                    out.add(status(d, tx.options(account, region, d.name()), host, now, false));
                }
            }
            return null;
        });
        return out;
    }

    List<String> names(String account, String region) {
        return store.read(tx -> tx.domains(account, region).stream().map(DomainRow::name).toList());
    }

    /** DeleteDomain: the domain's last status (Deleted) or empty when there was none; its documents go with it. */
    Optional<DomainStatus> delete(String account, String region, String name, String host) {
        long now = clock.millis();
        record Deleted(DomainStatus status, DomainKey key) {
        }
        Optional<Deleted> deleted = store.update(tx -> {
            Optional<DomainRow> d = tx.domain(account, region, name);
            if (d.isEmpty()) {
                return Optional.<Deleted>empty();
            }
            DomainStatus last = status(d.get(), tx.options(account, region, name), host, now, true);
            tx.deleteDomain(account, region, name);
            return Optional.of(new Deleted(last, key(d.get())));
        });
        SearchIndexes engine = indexes.get();
        if (engine != null && deleted.isPresent()) {
            engine.deleteDomain(deleted.get().key());
        }
        return deleted.map(Deleted::status);
    }

    /**
     * IndexDocuments: options waiting for it are checked again (a deletion since may have broken a
     * reference; such an option fails to validate and stays undeployed), deployed and Processing;
     * deletions are carried out; the search side rebuilds the index. Answers the indexed field names.
     */
    List<String> indexDocuments(String account, String region, String name) {
        long now = clock.millis();
        Deployment deployment = store.update(tx -> deploy(tx, account, region, name, now, kind -> kind.needsIndexing()));
        SearchIndexes engine = indexes.get();
        if (engine != null) {
            engine.indexDocuments(deployment.key(), deployment.schema());
        }
        return deployment.latest().fields().keySet().stream().filter(f -> deployment.deployedFields().contains(f)).toList();
    }

    /** BuildSuggesters: waiting suggesters are deployed and the search side rebuilds them. Answers their names. */
    List<String> buildSuggesters(String account, String region, String name) {
        long now = clock.millis();
        Deployment deployment = store.update(tx -> deploy(tx, account, region, name, now, kind -> kind == OptionKind.SUGGESTER));
        SearchIndexes engine = indexes.get();
        if (engine != null) {
            engine.buildSuggesters(deployment.key(), deployment.schema());
        }
        return List.copyOf(deployment.latest().suggesters().keySet());
    }

    private record Deployment(DomainKey key, Snapshot latest, DomainSchema schema, List<String> deployedFields) {
    }

    private Deployment deploy(SqlDomainStore.Tx tx, String account, String region, String name, long now,
                              java.util.function.Predicate<OptionKind> which) throws SQLException {
        DomainRow d = require(tx, account, region, name);
        List<OptionRow> rows = tx.options(account, region, name);
        Snapshot latest = Snapshot.latest(rows, shapes);
        List<String> deployedFields = new ArrayList<>();
        for (OptionRow r : rows) {
            OptionKind kind = kind(r);
            if (!which.test(kind)) {
                continue;
            }
            OptionState state = OptionState.of(r.state());
            if (r.pendingDeletion()) {
                tx.deleteOption(account, region, name, r.kind(), r.name());
                continue;
            }
            if (state == OptionState.REQUIRES_INDEX_DOCUMENTS || state == OptionState.FAILED_TO_VALIDATE) {
                if (problems(kind, r, latest).isEmpty()) {
                    tx.putOption(account, region, name, r.deploy(OptionState.PROCESSING.wire(), now + processingMillis));
                    if (kind == OptionKind.FIELD) {
                        deployedFields.add(r.name());
                    }
                } else {
                    tx.putOption(account, region, name, r.withState(OptionState.FAILED_TO_VALIDATE.wire(), 0));
                }
            } else if (kind == OptionKind.FIELD) {
                deployedFields.add(r.name());
            }
        }
        return new Deployment(key(d), latest, Snapshot.servable(tx.options(account, region, name), shapes).schema(), deployedFields);
    }

    private List<String> problems(OptionKind kind, OptionRow r, Snapshot latest) {
        return switch (kind) {
            case FIELD -> IndexFieldRules.problems(shapes.read(r.doc(), IndexField.class), latest.fields(), latest.schemes().keySet());
            case EXPRESSION -> ExpressionRules.problems(r.name(), shapes.read(r.doc(), Expression.class).expressionValue(),
                    latest.fields(), latest.expressions().keySet());
            case SUGGESTER -> SuggesterRules.problems(shapes.read(r.doc(), Suggester.class), latest.fields(),
                    latest.expressions().keySet());
            default -> List.of();
        };
    }

    static OptionKind kind(OptionRow r) {
        return OptionKind.valueOf(r.kind().toUpperCase(java.util.Locale.ROOT));
    }

    private List<OptionRow> read(String account, String region, String name) {
        return store.read(tx -> tx.options(account, region, name));
    }

    private DomainStatus status(DomainRow d, List<OptionRow> rows, String host, long now, boolean deleted) {
        boolean creating = now < d.readyAt();
        boolean processing = creating;
        boolean requiresIndexing = false;
        ScalingParameters scaling = ScalingParameters.builder().build();
        for (OptionRow r : rows) {
            OptionState state = OptionState.seen(r.state(), r.activeAt(), now);
            processing |= state == OptionState.PROCESSING;
            requiresIndexing |= state == OptionState.REQUIRES_INDEX_DOCUMENTS;
            if (kind(r) == OptionKind.SCALING) {
                scaling = shapes.read(r.doc(), ScalingParameters.class);
            }
        }
        DomainStatus.Builder b = DomainStatus.builder().domainId(d.account() + "/" + d.name()).domainName(d.name())
                .arn("arn:aws:cloudsearch:" + d.region() + ":" + d.account() + ":domain/" + d.name())
                .created(!creating).deleted(deleted).processing(processing).requiresIndexDocuments(requiresIndexing);
        if (creating) {
            return b.searchInstanceCount(0).searchPartitionCount(0).build();
        }
        return b.docService(ServiceEndpoint.builder().endpoint(endpoints.doc(host, d.region(), d.endpointId())).build())
                .searchService(ServiceEndpoint.builder().endpoint(endpoints.search(host, d.region(), d.endpointId())).build())
                .searchInstanceType(ScalingRules.instanceType(scaling)).searchPartitionCount(ScalingRules.partitions(scaling))
                .searchInstanceCount(ScalingRules.instances(scaling))
                .limits(Limits.builder().maximumReplicationCount(ScalingRules.MAX_REPLICATION)
                        .maximumPartitionCount(ScalingRules.MAX_PARTITIONS).build())
                .build();
    }
}
