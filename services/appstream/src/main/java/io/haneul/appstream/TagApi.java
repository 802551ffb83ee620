package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Arns;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.haneul.appstream.AppStreamErrors.call;

/** Tags on the taggable AppStream resources (fleets, stacks, images, builders, app blocks, applications), at most 50 each. */
public final class TagApi {

    static final int MAX_TAGS = 50;
    private static final List<Kind<?>> TAGGABLE = List.of(Kinds.FLEET, Kinds.STACK, Kinds.IMAGE, Kinds.IMAGE_BUILDER,
            Kinds.APP_BLOCK, Kinds.APP_BLOCK_BUILDER, Kinds.APPLICATION);

    private final Catalog catalog;

    TagApi(Catalog catalog) {
        this.catalog = catalog;
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            existing(s, r.resourceArn());
            Map<String, String> merged = new HashMap<>(catalog.tags().of(s.account(), s.region(), r.resourceArn()));
            merged.putAll(r.tags());
            if (merged.size() > MAX_TAGS) {
                throw AppStreamException.limit("A resource can have at most " + MAX_TAGS + " tags.");
            }
            catalog.tags().put(s.account(), s.region(), r.resourceArn(), r.tags());
            return TagResourceResponse.builder().build();
        });
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            existing(s, r.resourceArn());
            catalog.tags().remove(s.account(), s.region(), r.resourceArn(), r.tagKeys());
            return UntagResourceResponse.builder().build();
        });
    }

    public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            existing(s, r.resourceArn());
            return ListTagsForResourceResponse.builder().tags(catalog.tags().of(s.account(), s.region(), r.resourceArn())).build();
        });
    }

    private void existing(Scope s, String arn) {
        Arns.Parsed p = Arns.parse(arn).filter(x -> x.account().equals(s.account()) && x.region().equals(s.region()))
                .orElseThrow(() -> AppStreamException.notFound("The resource " + arn + " could not be found."));
        boolean found = TAGGABLE.stream().anyMatch(k -> k.arnType().equals(p.type()) && catalog.find(s, k, p.name()).isPresent());
        if (!found) {
            throw AppStreamException.notFound("The resource " + arn + " could not be found.");
        }
    }
}
