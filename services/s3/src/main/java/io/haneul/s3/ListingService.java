package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.s3.domain.Ids;
import io.haneul.s3.domain.Keys;
import io.haneul.s3.domain.Listing;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.domain.Tokens;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.S3Store;
import software.amazon.awssdk.services.s3.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ListObjects, ListObjectsV2 and ListObjectVersions over {@link Listing}'s rules, with
 * {@code encoding-type=url} applied to every key and prefix in the answer.
 */
final class ListingService {

    private final S3Store store;
    private final BucketService buckets;

    ListingService(S3Store store, BucketService buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    ListObjectsV2Response listV2(RequestContext ctx, ListObjectsV2Request r) {
        BucketRecord b = buckets.require(ctx, r.bucket(), "s3:ListBucket", null);
        int max = maxKeys(r.maxKeys());
        boolean url = url(r.encodingTypeAsString());
        Listing.Cursor from = r.continuationToken() != null ? Tokens.decode(r.continuationToken())
                : Listing.afterMarker(r.startAfter(), r.prefix(), r.delimiter());
        Listing.Page<ObjectRecord> page = Listing.list((after, prefix, limit) -> store.listCurrent(b.name(), after, prefix, limit),
                ObjectRecord::key, ObjectRecord::id, r.prefix(), r.delimiter(), from, max);
        boolean owner = Boolean.TRUE.equals(r.fetchOwner());
        return ListObjectsV2Response.builder().name(b.name()).prefix(enc(r.prefix() == null ? "" : r.prefix(), url))
                .delimiter(enc(r.delimiter(), url)).maxKeys(max).encodingType(r.encodingTypeAsString())
                .keyCount(page.items().size() + page.commonPrefixes().size()).isTruncated(page.truncated())
                .continuationToken(r.continuationToken()).startAfter(enc(r.startAfter(), url))
                .nextContinuationToken(page.truncated() ? Tokens.encode(page.next()) : null)
                .contents(page.items().stream().map(o -> object(o, url, owner)).toList())
                .commonPrefixes(prefixes(page.commonPrefixes(), url)).build();
    }

    ListObjectsResponse listV1(RequestContext ctx, ListObjectsRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket(), "s3:ListBucket", null);
        int max = maxKeys(r.maxKeys());
        boolean url = url(r.encodingTypeAsString());
        Listing.Page<ObjectRecord> page = Listing.list((after, prefix, limit) -> store.listCurrent(b.name(), after, prefix, limit),
                ObjectRecord::key, ObjectRecord::id, r.prefix(), r.delimiter(), Listing.afterMarker(r.marker(), r.prefix(), r.delimiter()),
                max);
        boolean hasDelimiter = r.delimiter() != null && !r.delimiter().isEmpty();
        return ListObjectsResponse.builder().name(b.name()).prefix(enc(r.prefix() == null ? "" : r.prefix(), url))
                .marker(enc(r.marker() == null ? "" : r.marker(), url)).delimiter(enc(r.delimiter(), url)).maxKeys(max)
                .encodingType(r.encodingTypeAsString()).isTruncated(page.truncated())
                .nextMarker(page.truncated() && hasDelimiter ? enc(page.lastKey(), url) : null)
                .contents(page.items().stream().map(o -> object(o, url, true)).toList())
                .commonPrefixes(prefixes(page.commonPrefixes(), url)).build();
    }

    ListObjectVersionsResponse versions(RequestContext ctx, ListObjectVersionsRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        int max = maxKeys(r.maxKeys());
        boolean url = url(r.encodingTypeAsString());
        Listing.Cursor from;
        if ((r.keyMarker() == null || r.keyMarker().isEmpty()) && r.versionIdMarker() != null && !r.versionIdMarker().isEmpty()) {
            throw S3Exception.invalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker",
                    r.versionIdMarker());
        }
        if (r.keyMarker() == null || r.keyMarker().isEmpty()) {
            from = Listing.Cursor.start();
        } else if (r.versionIdMarker() != null && !r.versionIdMarker().isEmpty()) {
            long id = store.versionRowId(b.name(), r.keyMarker(), r.versionIdMarker());
            if (id == 0) {
                throw S3Exception.invalidArgument("Invalid version id specified", "version-id-marker", r.versionIdMarker());
            }
            from = new Listing.Cursor(r.keyMarker(), false, id);
        } else {
            from = Listing.afterMarker(r.keyMarker(), r.prefix(), r.delimiter());
        }
        Listing.Page<ObjectRecord> page = Listing.list((after, prefix, limit) -> store.listVersions(b.name(), after, prefix, limit),
                ObjectRecord::key, ObjectRecord::id, r.prefix(), r.delimiter(), from, max);
        Owner owner = owner(ctx.accountId());
        List<ObjectVersion> versions = new ArrayList<>();
        List<DeleteMarkerEntry> markers = new ArrayList<>();
        for (ObjectRecord o : page.items()) {
            Instant modified = Instant.ofEpochMilli(o.lastModified());
            if (o.deleteMarker()) {
                markers.add(DeleteMarkerEntry.builder().key(enc(o.key(), url)).versionId(o.versionId()).isLatest(o.latest())
                        .lastModified(modified).owner(owner).build());
            } else {
                ObjectVersion.Builder v = ObjectVersion.builder().key(enc(o.key(), url)).versionId(o.versionId()).isLatest(o.latest())
                        .lastModified(modified).eTag(o.etag()).size(o.size()).storageClass(storage(o)).owner(owner);
                if (o.checksumAlgorithm() != null) {
                    v.checksumAlgorithmWithStrings(o.checksumAlgorithm()).checksumType(o.checksumType());
                }
                versions.add(v.build());
            }
        }
        ListObjectVersionsResponse.Builder out = ListObjectVersionsResponse.builder().name(b.name())
                .prefix(enc(r.prefix() == null ? "" : r.prefix(), url)).delimiter(enc(r.delimiter(), url)).maxKeys(max)
                .encodingType(r.encodingTypeAsString()).keyMarker(enc(r.keyMarker() == null ? "" : r.keyMarker(), url))
                .versionIdMarker(r.versionIdMarker() == null ? "" : r.versionIdMarker()).isTruncated(page.truncated())
                .versions(versions).deleteMarkers(markers).commonPrefixes(prefixes(page.commonPrefixes(), url));
        if (page.truncated()) {
            out.nextKeyMarker(enc(page.lastKey(), url));
            out.nextVersionIdMarker(page.lastItem() == null ? null : page.lastItem().versionId());
        }
        return out.build();
    }

    private static S3Object object(ObjectRecord o, boolean url, boolean withOwner) {
        S3Object.Builder s = S3Object.builder().key(enc(o.key(), url)).lastModified(Instant.ofEpochMilli(o.lastModified()))
                .eTag(o.etag()).size(o.size()).storageClass(storage(o));
        if (o.checksumAlgorithm() != null) {
            s.checksumAlgorithmWithStrings(o.checksumAlgorithm()).checksumType(o.checksumType());
        }
        if (withOwner) {
            s.owner(owner(o.owner()));
        }
        return s.build();
    }

    private static String storage(ObjectRecord o) {
        return o.storageClass() == null ? "STANDARD" : o.storageClass();
    }

    /** An owner as AWS writes it since 2025: the canonical id only, no {@code DisplayName}. */
    static Owner owner(String account) {
        return Owner.builder().id(Ids.canonicalUserId(account == null ? "000000000000" : account)).build();
    }

    private static List<CommonPrefix> prefixes(List<String> prefixes, boolean url) {
        return prefixes.stream().map(p -> CommonPrefix.builder().prefix(enc(p, url)).build()).toList();
    }

    static int maxKeys(Integer requested) {
        if (requested == null) {
            return 1000;
        }
        if (requested < 0) {
            throw S3Exception.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys",
                    requested.toString());
        }
        return Math.min(requested, 1000);
    }

    static boolean url(String encodingType) {
        if (encodingType == null) {
            return false;
        }
        if (!encodingType.equals("url")) {
            throw S3Exception.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
        }
        return true;
    }

    static String enc(String s, boolean url) {
        return url ? Keys.urlEncode(s) : s;
    }
}
