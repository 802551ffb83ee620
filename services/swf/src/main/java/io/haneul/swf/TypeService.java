package io.haneul.swf;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.swf.domain.Pages;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.domain.SwfFault;
import io.haneul.swf.store.SqlDomainStore;
import io.haneul.swf.store.TypeKind;
import io.haneul.swf.store.TypeRecord;
import software.amazon.awssdk.core.SdkPojo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Workflow and activity types: registration with their defaults (kept as the SDK's configuration
 * object), deprecation, undeprecation and deletion (only of deprecated types), listing with a name
 * filter. A deprecated type takes no new executions or activity tasks.
 */
final class TypeService {

    private static final int MAX_TYPES = 10_000;

    private final SqlDomainStore store;
    private final DomainService domains;
    private final SdkDocuments documents;
    private final Clock clock;

    TypeService(SqlDomainStore store, DomainService domains, SdkDocuments documents, Clock clock) {
        this.store = store;
        this.domains = domains;
        this.documents = documents;
        this.clock = clock;
    }

    void register(String account, String region, String domain, TypeKind kind, String name, String version,
                  String description, SdkPojo configuration) {
        domains.active(account, region, domain);
        if (store.countTypes(account, region, domain) >= MAX_TYPES) {
            throw new SwfException(SwfFault.LimitExceededFault, "The number of types in domain " + domain
                    + " is limited to " + MAX_TYPES);
        }
        TypeRecord t = new TypeRecord(domain, kind, name, version, DomainService.REGISTERED, description,
                documents.write(configuration), clock.millis(), null);
        if (!store.insertType(account, region, t)) {
            throw new SwfException(SwfFault.TypeAlreadyExistsFault, SwfException.typeText(kind.name(), name, version));
        }
    }

    /** The type in any status. */
    TypeRecord get(String account, String region, String domain, TypeKind kind, String name, String version) {
        domains.get(account, region, domain);
        return store.type(account, region, domain, kind, name, version)
                .orElseThrow(() -> SwfException.unknownType(kind.name(), name, version));
    }

    /**
     * The type's stored defaults as the SDK's configuration object. Parsed once per stored text and
     * kept (the objects are immutable): every start and every scheduled activity asks for them.
     */
    <T extends SdkPojo> T configuration(TypeRecord t, Class<T> type) {
        ParsedKey key = new ParsedKey(type, t.configuration());
        SdkPojo known = parsed.get(key);
        if (known == null) {
            known = documents.read(t.configuration(), type);
            if (parsed.size() >= MAX_TYPES) {
                parsed.clear();
            }
            parsed.put(key, known);
        }
        return type.cast(known);
    }

    private record ParsedKey(Class<?> type, String stored) {
    }

    private final java.util.concurrent.ConcurrentHashMap<ParsedKey, SdkPojo> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    Pages.Page<TypeRecord> list(String account, String region, String domain, TypeKind kind, String name, String status,
                                boolean reverse, Integer pageSize, String token) {
        domains.get(account, region, domain);
        List<TypeRecord> all = new ArrayList<>();
        for (TypeRecord t : store.types(account, region, domain, kind, status)) {
            if (name == null || name.equals(t.name())) {
                all.add(t);
            }
        }
        if (reverse) {
            Collections.reverse(all);
        }
        return Pages.page(all, pageSize, token, kind + "/" + domain + "/" + name + "/" + status + "/" + reverse);
    }

    void deprecate(String account, String region, String domain, TypeKind kind, String name, String version) {
        TypeRecord t = get(account, region, domain, kind, name, version);
        if (t.deprecated()) {
            throw new SwfException(SwfFault.TypeDeprecatedFault, SwfException.typeText(kind.name(), name, version));
        }
        store.updateTypeStatus(account, region, t, DomainService.DEPRECATED, clock.millis());
    }

    void undeprecate(String account, String region, String domain, TypeKind kind, String name, String version) {
        TypeRecord t = get(account, region, domain, kind, name, version);
        if (!t.deprecated()) {
            throw new SwfException(SwfFault.TypeAlreadyExistsFault, SwfException.typeText(kind.name(), name, version));
        }
        store.updateTypeStatus(account, region, t, DomainService.REGISTERED, null);
    }

    void delete(String account, String region, String domain, TypeKind kind, String name, String version) {
        TypeRecord t = get(account, region, domain, kind, name, version);
        if (!t.deprecated()) {
            throw new SwfException(SwfFault.TypeNotDeprecatedFault, SwfException.typeText(kind.name(), name, version));
        }
        store.deleteType(account, region, t);
    }
}
