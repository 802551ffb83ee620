package io.haneul.cloudsearch;

import io.haneul.cloudsearch.domain.OptionKind;
import io.haneul.cloudsearch.domain.OptionState;
import io.haneul.cloudsearch.domain.PolicyRules;
import io.haneul.cloudsearch.domain.ScalingRules;
import io.haneul.cloudsearch.store.DomainRow;
import io.haneul.cloudsearch.store.OptionRow;
import io.haneul.cloudsearch.store.SqlDomainStore;
import software.amazon.awssdk.services.cloudsearch.model.AccessPoliciesStatus;
import software.amazon.awssdk.services.cloudsearch.model.AvailabilityOptionsStatus;
import software.amazon.awssdk.services.cloudsearch.model.DomainEndpointOptions;
import software.amazon.awssdk.services.cloudsearch.model.DomainEndpointOptionsStatus;
import software.amazon.awssdk.services.cloudsearch.model.OptionStatus;
import software.amazon.awssdk.services.cloudsearch.model.ScalingParameters;
import software.amazon.awssdk.services.cloudsearch.model.ScalingParametersStatus;
import software.amazon.awssdk.services.cloudsearch.model.TLSSecurityPolicy;

import java.time.Clock;
import java.util.Optional;

/**
 * The domain-wide settings: scaling parameters, availability (Multi-AZ), service access policies
 * and endpoint options. An update takes effect without IndexDocuments: it is deployed at once and
 * reads Processing until the processing time has passed. A setting never updated answers AWS's
 * default with the domain's creation time and version 0.
 */
final class SettingsService {

    private final SqlDomainStore store;
    private final Clock clock;
    private final Shapes shapes;
    private final long processingMillis;

    SettingsService(SqlDomainStore store, Clock clock, Shapes shapes, long processingMillis) {
        this.store = store;
        this.clock = clock;
        this.shapes = shapes;
        this.processingMillis = processingMillis;
    }

    ScalingParametersStatus scaling(String account, String region, String domain) {
        Setting s = read(account, region, domain, OptionKind.SCALING);
        return ScalingParametersStatus.builder().status(s.status())
                .options(s.doc() == null ? ScalingParameters.builder().build() : shapes.read(s.doc(), ScalingParameters.class)).build();
    }

    ScalingParametersStatus updateScaling(String account, String region, String domain, ScalingParameters p) {
        ScalingRules.check(p);
        Setting s = write(account, region, domain, OptionKind.SCALING, shapes.write(p));
        return ScalingParametersStatus.builder().status(s.status()).options(p).build();
    }

    AvailabilityOptionsStatus availability(String account, String region, String domain) {
        Setting s = read(account, region, domain, OptionKind.AVAILABILITY);
        return AvailabilityOptionsStatus.builder().status(s.status()).options(Boolean.parseBoolean(s.doc())).build();
    }

    AvailabilityOptionsStatus updateAvailability(String account, String region, String domain, boolean multiAz) {
        Setting s = write(account, region, domain, OptionKind.AVAILABILITY, Boolean.toString(multiAz));
        return AvailabilityOptionsStatus.builder().status(s.status()).options(multiAz).build();
    }

    AccessPoliciesStatus policies(String account, String region, String domain) {
        Setting s = read(account, region, domain, OptionKind.POLICIES);
        return AccessPoliciesStatus.builder().status(s.status()).options(s.doc() == null ? "" : s.doc()).build();
    }

    AccessPoliciesStatus updatePolicies(String account, String region, String domain, String policy) {
        PolicyRules.check(policy);
        Setting s = write(account, region, domain, OptionKind.POLICIES, policy);
        return AccessPoliciesStatus.builder().status(s.status()).options(policy).build();
    }

    DomainEndpointOptionsStatus endpointOptions(String account, String region, String domain) {
        Setting s = read(account, region, domain, OptionKind.ENDPOINT);
        return DomainEndpointOptionsStatus.builder().status(s.status())
                .options(s.doc() == null ? defaultEndpointOptions() : shapes.read(s.doc(), DomainEndpointOptions.class)).build();
    }

    DomainEndpointOptionsStatus updateEndpointOptions(String account, String region, String domain, DomainEndpointOptions o) {
        io.haneul.cloudsearch.domain.Enums.check(o.tlsSecurityPolicyAsString(), TLSSecurityPolicy.knownValues().stream().map(Object::toString)
                .sorted().toList(), "domainEndpointOptions.tLSSecurityPolicy");
        DomainEndpointOptions full = defaultEndpointOptions().toBuilder()
                .enforceHTTPS(o.enforceHTTPS() == null ? Boolean.FALSE : o.enforceHTTPS())
                .tlsSecurityPolicy(o.tlsSecurityPolicyAsString() == null ? TLSSecurityPolicy.POLICY_MIN_TLS_1_0_2019_07.toString()
                        : o.tlsSecurityPolicyAsString()).build();
        Setting s = write(account, region, domain, OptionKind.ENDPOINT, shapes.write(full));
        return DomainEndpointOptionsStatus.builder().status(s.status()).options(full).build();
    }

    private static DomainEndpointOptions defaultEndpointOptions() {
        return DomainEndpointOptions.builder().enforceHTTPS(false).tlsSecurityPolicy(TLSSecurityPolicy.POLICY_MIN_TLS_1_0_2019_07).build();
    }

    /** A setting's stored document (null: never set) and its status. */
    private record Setting(String doc, OptionStatus status) {
    }

    private Setting read(String account, String region, String domain, OptionKind kind) {
        long now = clock.millis();
        return store.read(tx -> {
            DomainRow d = DomainService.require(tx, account, region, domain);
            Optional<OptionRow> row = tx.option(account, region, domain, kind.stored(), "");
            return row.map(r -> new Setting(r.deployed(), Shapes.status(r, now)))
                    .orElseGet(() -> new Setting(null, OptionStatus.builder().creationDate(Shapes.seconds(d.createdAt()))
                            .updateDate(Shapes.seconds(d.createdAt())).updateVersion(0).state(OptionState.ACTIVE.wire())
                            .pendingDeletion(false).build()));
        });
    }

    private Setting write(String account, String region, String domain, OptionKind kind, String doc) {
        long now = clock.millis();
        OptionRow row = store.update(tx -> {
            DomainRow d = DomainService.require(tx, account, region, domain);
            Optional<OptionRow> old = tx.option(account, region, domain, kind.stored(), "");
            long version = tx.nextVersion(account, region, domain);
            OptionRow next = new OptionRow(kind.stored(), "", doc, doc, old.map(OptionRow::createdAt).orElse(d.createdAt()), now, version,
                    OptionState.PROCESSING.wire(), now + processingMillis, false);
            tx.putOption(account, region, domain, next);
            return next;
        });
        return new Setting(row.doc(), Shapes.status(row, now));
    }
}
