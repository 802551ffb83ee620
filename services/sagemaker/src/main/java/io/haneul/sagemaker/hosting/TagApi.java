package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.hosting.domain.HostingException;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AddTags, DeleteTags, ListTags on any SageMaker resource whose existence a registered lookup confirms
 * (hosting's own kinds here; other parts of the service add theirs through {@link HostingWiring}).
 * At most 50 tags per resource, as AWS allows.
 */
public final class TagApi {

    private static final int MAX_TAGS = 50;

    private final Hosting h;
    private final Map<String, Predicate<Arns.Parts>> exists;

    TagApi(Hosting h, Map<String, Predicate<Arns.Parts>> exists) {
        this.h = h;
        this.exists = exists;
    }

    public AddTagsResponse addTags(RequestContext ctx, AddTagsRequest req) {
        return HostingErrors.call(() -> {
            String arn = checked(ctx, req.resourceArn());
            Map<String, String> current = h.store.tags(arn);
            long added = req.tags().stream().map(Tag::key).distinct().filter(k -> !current.containsKey(k)).count();
            if (current.size() + added > MAX_TAGS) {
                throw new HostingException("ResourceLimitExceeded", "The resource " + arn + " can have at most " + MAX_TAGS + " tags.");
            }
            h.tag(arn, req.tags());
            return AddTagsResponse.builder().tags(req.tags()).build();
        });
    }

    public DeleteTagsResponse deleteTags(RequestContext ctx, DeleteTagsRequest req) {
        return HostingErrors.call(() -> {
            h.store.deleteTags(checked(ctx, req.resourceArn()), req.tagKeys());
            return DeleteTagsResponse.builder().build();
        });
    }

    public ListTagsResponse listTags(RequestContext ctx, ListTagsRequest req) {
        return HostingErrors.call(() -> {
            List<Tag> all = new ArrayList<>();
            h.store.tags(checked(ctx, req.resourceArn())).forEach((k, v) -> all.add(Tag.builder().key(k).value(v).build()));
            int from = 0;
            if (req.nextToken() != null) {
                try {
                    from = Integer.parseInt(req.nextToken());
                } catch (NumberFormatException e) {
                    throw HostingException.validation("Invalid pagination token: " + req.nextToken());
                }
            }
            int size = req.maxResults() == null ? 50 : req.maxResults();
            int to = Math.min(all.size(), from + size);
            return ListTagsResponse.builder().tags(from >= all.size() ? List.of() : all.subList(from, to))
                    .nextToken(to < all.size() ? String.valueOf(to) : null).build();
        });
    }

    private String checked(RequestContext ctx, String arn) {
        Arns.Parts p = Arns.parse(arn).orElseThrow(() -> HostingException.validation("Invalid resource ARN: " + arn));
        Predicate<Arns.Parts> lookup = exists.get(p.type());
        if (!p.account().equals(ctx.accountId()) || !p.region().equals(ctx.region()) || lookup == null || !lookup.test(p)) {
            throw HostingException.validation("Resource " + arn + " does not exist.");
        }
        return arn;
    }
}
