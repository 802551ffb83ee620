package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.StreamingOutput;
import io.haneul.s3.domain.DirectoryBuckets;
import io.haneul.s3.domain.Keys;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.torrent.TorrentBuilds;
import io.haneul.s3.torrent.TorrentFile;
import software.amazon.awssdk.services.s3.model.GetObjectTorrentRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTorrentResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * GetObjectTorrent: the .torrent of an object's current version ({@link TorrentFile}), its pieces hashed
 * from the stored bytes. As AWS, only for objects under 5 GB that are not encrypted with a customer's
 * key (SSE-C), and not in directory buckets; an archived object must be restored first, as for GetObject.
 * At most {@link #CONCURRENT_BUILDS} torrents are built at once on a node (each reads its whole object);
 * another call meanwhile is answered {@code 503 SlowDown}, which SDKs retry. The tracker is named as AWS names its own ({@code torrent.<host>:6969/announce}) on Haneul's host;
 * Haneul runs no tracker, and clients fetch pieces from the object's URL (the torrent's web seed).
 */
public final class ObjectTorrentApi {

    /** The largest object a torrent is made for: 5 GB, exclusive. */
    static final long MAX_SIZE = 5L * 1024 * 1024 * 1024;

    /** How many torrents a node builds at once (each hashes its whole object); more are answered SlowDown. */
    static final int CONCURRENT_BUILDS = 2;

    private final BucketService buckets;
    private final ObjectService objects;
    private final TorrentBuilds builds = new TorrentBuilds(CONCURRENT_BUILDS);

    ObjectTorrentApi(BucketService buckets, ObjectService objects) {
        this.buckets = buckets;
        this.objects = objects;
    }

    public StreamingOutput getObjectTorrent(RequestContext ctx, GetObjectTorrentRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket(), "s3:GetObjectTorrent", r.key());
        if (DirectoryBuckets.isDirectory(b.name())) {
            throw S3Exception.invalidRequest("GetObjectTorrent is not supported for directory buckets.");
        }
        ObjectRecord o = objects.currentVisible(b, r.key()).orElseThrow(() -> S3Exception.noSuchKey(r.key()));
        if (o.size() >= MAX_SIZE) {
            throw S3Exception.invalidRequest("Torrents are available only for objects smaller than 5 GB.");
        }
        if (o.headers().get(Encryption.CUSTOMER_ALGORITHM) != null) {
            throw S3Exception.invalidRequest("Torrents are not available for objects encrypted with customer-provided keys (SSE-C).");
        }
        objects.checkReadable(o);
        TorrentFile.Source source = new TorrentFile.Source(b.name(), o.key(), TorrentBuilds.announceUrl(ctx.host()),
                ctx.baseUrl() + "/" + b.name() + "/" + Keys.urlEncode(o.key()).replace("+", "%20"));
        byte[] torrent;
        try {
            torrent = builds.run(() -> {
                try (InputStream data = objects.open(o)) {
                    return TorrentFile.of(source, o.size(), data);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StreamingOutput(GetObjectTorrentResponse.builder().build(), 0, new ByteArrayInputStream(torrent), torrent.length,
                "application/x-bittorrent");
    }
}
