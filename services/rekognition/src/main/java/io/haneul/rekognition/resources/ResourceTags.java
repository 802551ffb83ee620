package io.haneul.rekognition.resources;

import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.domain.ResourceArn;
import io.haneul.rekognition.store.SqlResourceTags;
import io.haneul.storage.Database;

import java.util.List;
import java.util.Map;

/**
 * TagResource, UntagResource and ListTagsForResource on every taggable resource: collections through
 * {@link CollectionService}, stream processors, projects and project versions by ARN, each checked to
 * exist in the transaction that changes its tags.
 */
public final class ResourceTags {

    private final CollectionService collections;
    private final Database db;
    private final SqlResourceTags store;

    public ResourceTags(CollectionService collections, Database db, SqlResourceTags store) {
        this.collections = collections;
        this.db = db;
        this.store = store;
    }

    public Map<String, String> tags(String account, String region, String arn) {
        ResourceArn r = ResourceArn.parse(account, region, arn);
        if (r.kind() == ResourceArn.Kind.COLLECTION) {
            return collections.tags(account, region, r.name());
        }
        return db.read(c -> {
            if (!store.exists(c, account, region, r)) {
                throw ResourceArn.missing(arn);
            }
            return store.tags(c, account, region, r.arn());
        });
    }

    public void tag(String account, String region, String arn, Map<String, String> tags) {
        ResourceArn r = ResourceArn.parse(account, region, arn);
        if (r.kind() == ResourceArn.Kind.COLLECTION) {
            collections.tag(account, region, r.name(), tags);
            return;
        }
        db.write(c -> {
            if (!store.exists(c, account, region, r)) {
                throw ResourceArn.missing(arn);
            }
            store.put(c, account, region, r.arn(), tags);
            return null;
        });
    }

    public void untag(String account, String region, String arn, List<String> keys) {
        ResourceArn r = ResourceArn.parse(account, region, arn);
        if (r.kind() == ResourceArn.Kind.COLLECTION) {
            collections.untag(account, region, r.name(), keys);
            return;
        }
        db.write(c -> {
            if (!store.exists(c, account, region, r)) {
                throw ResourceArn.missing(arn);
            }
            store.remove(c, account, region, r.arn(), keys);
            return null;
        });
    }
}
