package io.haneul.ses;

import io.haneul.ses.domain.SesException;
import software.amazon.awssdk.services.sesv2.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags of SES v2 resources, stored by ARN. TagResource, UntagResource and ListTagsForResource
 * act only on a resource that exists in the caller's account and region ({@code NotFoundException}
 * otherwise, as SES answers), so tags are never kept for a resource no one can see.
 */
final class ResourceTags {

    /** ARN resource types and the store kinds that hold them. */
    private static final Map<String, String> KINDS = Map.of(
            "configuration-set", Docs.CONFIG_SET,
            "contact-list", Docs.CONTACT_LIST,
            "template", Docs.TEMPLATE,
            "dedicated-ip-pool", Docs.IP_POOL,
            "tenant", Docs.TENANT,
            "multi-region-endpoint", Docs.MULTI_REGION_ENDPOINT,
            "deliverability-test-report", Docs.TEST_REPORT);

    private final SesRuntime rt;

    ResourceTags(SesRuntime rt) {
        this.rt = rt;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> of(Scope s, String arn) {
        return rt.docs().get(s, Docs.TAGS, arn, Map.class).map(m -> (Map<String, String>) m).orElseGet(LinkedHashMap::new);
    }

    List<Tag> list(Scope s, String arn) {
        return of(s, arn).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Adds tags to a resource just made (no existence check: the caller made it). */
    void put(Scope s, String arn, List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        check(tags);
        Map<String, String> m = of(s, arn);
        tags.forEach(t -> m.put(t.key(), t.value()));
        if (m.size() > 50) {
            throw SesException.invalid("Too many tags: a resource can have at most 50.");
        }
        rt.docs().put(s, Docs.TAGS, arn, m, rt.clock().millis());
    }

    void remove(Scope s, String arn, List<String> keys) {
        Map<String, String> m = of(s, arn);
        keys.forEach(m::remove);
        rt.docs().put(s, Docs.TAGS, arn, m, rt.clock().millis());
    }

    /** Forgets a deleted resource's tags, so that a new one of the same name starts without them. */
    void drop(Scope s, String arn) {
        rt.docs().delete(s, Docs.TAGS, arn);
    }

    static void check(List<Tag> tags) {
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty()) {
                throw SesException.invalid("The tag key must be specified.");
            }
            if (t.key().length() > 128 || (t.value() != null && t.value().length() > 256)) {
                throw SesException.invalid("Tag keys are at most 128 characters and values at most 256.");
            }
        }
    }

    /** Throws {@code NotFoundException} unless {@code arn} names an existing resource of the caller's account and region. */
    void requireExisting(Scope s, String arn) {
        if (!exists(s, arn)) {
            throw SesException.notFound("InvalidParameterValue", "Resource not found: " + arn + ".");
        }
    }

    private boolean exists(Scope s, String arn) {
        String prefix = "arn:aws:ses:" + s.region() + ":" + s.account() + ":";
        if (arn == null || !arn.startsWith(prefix)) {
            return false;
        }
        String resource = arn.substring(prefix.length());
        int slash = resource.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String type = resource.substring(0, slash);
        String name = resource.substring(slash + 1);
        if (type.equals("identity")) {
            return rt.identities().find(s, name).isPresent();
        }
        if (type.equals("tenant")) {
            int idSlash = name.indexOf('/');
            name = idSlash < 0 ? name : name.substring(0, idSlash);
        }
        String kind = KINDS.get(type);
        return kind != null && rt.store().get(s.account(), s.region(), kind, name).isPresent();
    }
}
