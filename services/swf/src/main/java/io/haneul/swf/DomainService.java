package io.haneul.swf;

import io.haneul.swf.domain.Pages;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.domain.SwfFault;
import io.haneul.swf.store.DomainRecord;
import io.haneul.swf.store.SqlDomainStore;
import software.amazon.awssdk.services.swf.model.DomainConfiguration;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.ResourceTag;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domains: registration with a retention period (NONE or 0–90 days), deprecation, listing by status,
 * and tags. A deprecated domain keeps its executions but takes no new types or executions.
 */
final class DomainService {

    static final String REGISTERED = "REGISTERED";
    static final String DEPRECATED = "DEPRECATED";
    private static final int MAX_DOMAINS = 100;
    private static final int MAX_TAGS = 50;

    private final SqlDomainStore store;
    private final Clock clock;

    DomainService(SqlDomainStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void register(String account, String region, String name, String description, String retention, List<ResourceTag> tags) {
        checkRetention(retention);
        Map<String, String> tagMap = new LinkedHashMap<>();
        addTags(tagMap, tags);
        if (store.domains(account, region, REGISTERED).size() >= MAX_DOMAINS) {
            throw new SwfException(SwfFault.LimitExceededFault, "The number of registered domains is limited to " + MAX_DOMAINS);
        }
        DomainRecord d = new DomainRecord(account, region, name, REGISTERED, description, retention, tagMap, clock.millis());
        if (!store.insertDomain(d)) {
            throw new SwfException(SwfFault.DomainAlreadyExistsFault, name);
        }
    }

    /** The domain, registered or deprecated. */
    DomainRecord get(String account, String region, String name) {
        return store.domain(account, region, name).orElseThrow(() -> SwfException.unknownDomain(name));
    }

    /** The domain, which must be registered (not deprecated) for new types and executions. */
    DomainRecord active(String account, String region, String name) {
        DomainRecord d = get(account, region, name);
        if (d.deprecated()) {
            throw SwfException.unknownDomain(name);
        }
        return d;
    }

    Pages.Page<DomainRecord> list(String account, String region, String status, boolean reverse, Integer pageSize, String token) {
        List<DomainRecord> all = new ArrayList<>(store.domains(account, region, status));
        if (reverse) {
            Collections.reverse(all);
        }
        return Pages.page(all, pageSize, token, "domains/" + status + "/" + reverse);
    }

    void deprecate(String account, String region, String name) {
        DomainRecord d = get(account, region, name);
        if (d.deprecated()) {
            throw new SwfException(SwfFault.DomainDeprecatedFault, name);
        }
        store.updateDomain(account, region, name, DEPRECATED, d.tags());
    }

    void undeprecate(String account, String region, String name) {
        DomainRecord d = get(account, region, name);
        if (!d.deprecated()) {
            throw new SwfException(SwfFault.DomainAlreadyExistsFault, name);
        }
        store.updateDomain(account, region, name, REGISTERED, d.tags());
    }

    void tag(String account, String region, String arn, List<ResourceTag> tags) {
        DomainRecord d = byArn(account, region, arn);
        Map<String, String> merged = new LinkedHashMap<>(d.tags());
        addTags(merged, tags);
        store.updateDomain(account, region, d.name(), d.status(), merged);
    }

    void untag(String account, String region, String arn, List<String> keys) {
        DomainRecord d = byArn(account, region, arn);
        Map<String, String> left = new LinkedHashMap<>(d.tags());
        keys.forEach(left::remove);
        store.updateDomain(account, region, d.name(), d.status(), left);
    }

    Map<String, String> tags(String account, String region, String arn) {
        return byArn(account, region, arn).tags();
    }

    static DomainInfo info(DomainRecord d) {
        return DomainInfo.builder().name(d.name()).status(d.status()).description(d.description()).arn(d.arn()).build();
    }

    static DomainConfiguration configuration(DomainRecord d) {
        return DomainConfiguration.builder().workflowExecutionRetentionPeriodInDays(d.retention()).build();
    }

    private DomainRecord byArn(String account, String region, String arn) {
        String prefix = "arn:aws:swf:" + region + ":" + account + ":/domain/";
        if (arn == null || !arn.startsWith(prefix)) {
            throw new SwfException(SwfFault.UnknownResourceFault, "Unknown resource: " + arn);
        }
        String name = arn.substring(prefix.length());
        return store.domain(account, region, name)
                .orElseThrow(() -> new SwfException(SwfFault.UnknownResourceFault, "Unknown resource: " + arn));
    }

    private static void addTags(Map<String, String> into, List<ResourceTag> tags) {
        if (tags == null) {
            return;
        }
        for (ResourceTag t : tags) {
            into.put(t.key(), t.value() == null ? "" : t.value());
        }
        if (into.size() > MAX_TAGS) {
            throw new SwfException(SwfFault.TooManyTagsFault, "A resource can have at most " + MAX_TAGS + " tags");
        }
    }

    private static void checkRetention(String retention) {
        if ("NONE".equals(retention)) {
            return;
        }
        try {
            int days = Integer.parseInt(retention);
            if (days >= 0 && days <= 90) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw SwfException.validation("Invalid value for workflowExecutionRetentionPeriodInDays: " + retention
                + " (NONE or 0 to 90 days)");
    }
}
