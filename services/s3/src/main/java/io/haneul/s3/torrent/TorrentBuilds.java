package io.haneul.s3.torrent;

import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many torrents a node builds at once: a build reads and hashes the whole object (up to
 * 5 GB) on the request's thread, so a burst of GetObjectTorrent calls beyond the bound is answered
 * {@code 503 SlowDown}, as S3 answers a request rate it will not take, instead of queueing reads.
 */
public final class TorrentBuilds {

    /** One build, which may fail reading the object. */
    @FunctionalInterface
    public interface Build {
        byte[] run() throws IOException;
    }

    private final Semaphore permits;

    /** @param concurrent how many builds may run at once on this node */
    public TorrentBuilds(int concurrent) {
        this.permits = new Semaphore(concurrent);
    }

    /** Runs {@code build} when a permit is free. @throws S3Exception SlowDown when none is */
    public byte[] run(Build build) throws IOException {
        if (!permits.tryAcquire()) {
            throw new S3Exception(S3Error.SlowDown);
        }
        try {
            return build.run();
        } finally {
            permits.release();
        }
    }

    /**
     * The tracker a torrent names, as AWS names its own ({@code http://torrent.<host>:6969/announce}),
     * on the host the client reached ({@code Host} with or without a port); an IPv6 literal
     * ({@code [::1]:4566}), which no name can prefix, is named as it is, in its brackets.
     */
    public static String announceUrl(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return "http://" + (end < 0 ? host + "]" : host.substring(0, end + 1)) + ":6969/announce";
        }
        int colon = host.lastIndexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        return "http://torrent." + name + ":6969/announce";
    }
}
