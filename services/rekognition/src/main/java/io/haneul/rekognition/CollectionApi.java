package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.store.CollectionRow;
import software.amazon.awssdk.services.rekognition.model.*;

import java.time.Instant;

import static io.haneul.rekognition.RekognitionErrors.call;

/**
 * Face collections. CreateCollection answers the ARN without its {@code arn:} prefix, as AWS does
 * ({@code aws:rekognition:...}); DescribeCollection and the tagging operations ({@link TagApi}) use the
 * full ARN (the short form is accepted too).
 */
public final class CollectionApi {

    private final CollectionService collections;
    private final Vision vision;

    CollectionApi(CollectionService collections, Vision vision) {
        this.collections = collections;
        this.vision = vision;
    }

    static String arn(RequestContext ctx, String id) {
        return "arn:aws:rekognition:" + ctx.region() + ":" + ctx.accountId() + ":collection/" + id;
    }

    public CreateCollectionResponse createCollection(RequestContext ctx, CreateCollectionRequest r) {
        return call(() -> {
            CollectionRow row = collections.create(ctx.accountId(), ctx.region(), r.collectionId(), vision.faceModelVersion(), r.tags());
            return CreateCollectionResponse.builder().statusCode(200).collectionArn(arn(ctx, row.id()).substring("arn:".length()))
                    .faceModelVersion(row.faceModelVersion()).build();
        });
    }

    public DescribeCollectionResponse describeCollection(RequestContext ctx, DescribeCollectionRequest r) {
        return call(() -> {
            CollectionRow row = collections.describe(ctx.accountId(), ctx.region(), r.collectionId());
            return DescribeCollectionResponse.builder().collectionARN(arn(ctx, row.id())).faceCount(row.faceCount())
                    .userCount(row.userCount()).faceModelVersion(row.faceModelVersion())
                    .creationTimestamp(Instant.ofEpochMilli(row.createdMs())).build();
        });
    }

    public ListCollectionsResponse listCollections(RequestContext ctx, ListCollectionsRequest r) {
        return call(() -> {
            Page<CollectionRow> page = collections.list(ctx.accountId(), ctx.region(), r.nextToken(), r.maxResults());
            return ListCollectionsResponse.builder().collectionIds(page.items().stream().map(CollectionRow::id).toList())
                    .faceModelVersions(page.items().stream().map(CollectionRow::faceModelVersion).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    public DeleteCollectionResponse deleteCollection(RequestContext ctx, DeleteCollectionRequest r) {
        return call(() -> {
            collections.delete(ctx.accountId(), ctx.region(), r.collectionId());
            return DeleteCollectionResponse.builder().statusCode(200).build();
        });
    }
}
