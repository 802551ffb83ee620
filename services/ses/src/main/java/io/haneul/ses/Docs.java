package io.haneul.ses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.ses.store.SesStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to SES's JSON documents: each kind of resource is a domain class stored as JSON
 * under (account, region, kind, name).
 */
final class Docs {
    static final String IDENTITY = "identity";
    static final String TEMPLATE = "template";
    static final String CONFIG_SET = "configset";
    static final String RULE_SET = "ruleset";
    static final String FILTER = "receiptfilter";
    static final String ACCOUNT = "account";
    static final String SUPPRESSED = "suppressed";
    static final String CUSTOM_VERIFICATION = "cvtemplate";
    static final String LINK_TOKEN = "linktoken";
    static final String CONTACT_LIST = "contactlist";
    static final String CONTACT = "contact";
    static final String TAGS = "tags";
    static final String IP_POOL = "ippool";
    static final String TENANT = "tenant";
    static final String TENANT_RESOURCE = "tenantresource";
    static final String MULTI_REGION_ENDPOINT = "mre";
    static final String TEST_REPORT = "testreport";
    static final String EXPORT_JOB = "exportjob";
    static final String IMPORT_JOB = "importjob";
    static final String REPUTATION = "reputation";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final SesStore store;

    Docs(SesStore store) {
        this.store = store;
    }

    SesStore store() {
        return store;
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T parse(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt SES document: " + e.getOriginalMessage(), e);
        }
    }

    <T> Optional<T> get(Scope s, String kind, String name, Class<T> type) {
        return store.get(s.account(), s.region(), kind, name).map(d -> parse(d.body(), type));
    }

    <T> Optional<T> get(Connection c, Scope s, String kind, String name, Class<T> type) throws SQLException {
        return store.get(c, s.account(), s.region(), kind, name).map(d -> parse(d.body(), type));
    }

    <T> List<T> list(Scope s, String kind, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SesStore.Doc d : store.list(s.account(), s.region(), kind)) {
            out.add(parse(d.body(), type));
        }
        return out;
    }

    List<SesStore.Doc> docs(Scope s, String kind) {
        return store.list(s.account(), s.region(), kind);
    }

    boolean insert(Connection c, Scope s, String kind, String name, Object doc, long now) throws SQLException {
        return store.insert(c, s.account(), s.region(), kind, name, json(doc), now);
    }

    void put(Connection c, Scope s, String kind, String name, Object doc, long now) throws SQLException {
        store.put(c, s.account(), s.region(), kind, name, json(doc), now);
    }

    void put(Scope s, String kind, String name, Object doc, long now) {
        store.db().write(c -> {
            put(c, s, kind, name, doc, now);
            return null;
        });
    }

    boolean delete(Scope s, String kind, String name) {
        return store.db().write(c -> store.delete(c, s.account(), s.region(), kind, name));
    }

    /** Reads, changes and writes back one document in a transaction; the change may throw to abort. */
    <T> T update(Scope s, String kind, String name, Class<T> type, java.util.function.Supplier<RuntimeException> missing,
                 java.util.function.Consumer<T> change) {
        return store.db().write(c -> {
            T doc = get(c, s, kind, name, type).orElseThrow(missing);
            change.accept(doc);
            put(c, s, kind, name, doc, 0);
            return doc;
        });
    }

    io.haneul.ses.domain.AccountSettings account(Scope s) {
        return get(s, ACCOUNT, "settings", io.haneul.ses.domain.AccountSettings.class)
                .orElseGet(io.haneul.ses.domain.AccountSettings::new);
    }

    io.haneul.ses.domain.AccountSettings updateAccount(Scope s, java.util.function.Consumer<io.haneul.ses.domain.AccountSettings> change) {
        return store.db().write(c -> {
            io.haneul.ses.domain.AccountSettings a = get(c, s, ACCOUNT, "settings", io.haneul.ses.domain.AccountSettings.class)
                    .orElseGet(io.haneul.ses.domain.AccountSettings::new);
            change.accept(a);
            put(c, s, ACCOUNT, "settings", a, 0);
            return a;
        });
    }
}
