package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.resources.ResourceTags;
import software.amazon.awssdk.services.rekognition.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rekognition.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rekognition.model.TagResourceRequest;
import software.amazon.awssdk.services.rekognition.model.TagResourceResponse;
import software.amazon.awssdk.services.rekognition.model.UntagResourceRequest;
import software.amazon.awssdk.services.rekognition.model.UntagResourceResponse;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Tags on collections, stream processors, projects and project versions, by ARN. */
public final class TagApi {

    private final ResourceTags tags;

    TagApi(ResourceTags tags) {
        this.tags = tags;
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        return call(() -> {
            tags.tag(ctx.accountId(), ctx.region(), r.resourceArn(), r.tags());
            return TagResourceResponse.builder().build();
        });
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        return call(() -> {
            tags.untag(ctx.accountId(), ctx.region(), r.resourceArn(), r.tagKeys());
            return UntagResourceResponse.builder().build();
        });
    }

    public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest r) {
        return call(() -> ListTagsForResourceResponse.builder().tags(tags.tags(ctx.accountId(), ctx.region(), r.resourceArn())).build());
    }
}
