package io.haneul.s3.store;

import io.haneul.core.auth.ChecksumAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

/**
 * Object bytes as files under one directory ({@code <data-dir>/s3} by default; in PostgreSQL mode a
 * directory every node shares). Files are named by generated ids, never by object keys, and are
 * immutable once written: a write creates {@code blobs/<2 hex>/<id>} under its final name, fsyncs it
 * and then its directory, all before the caller records the id and acknowledges. No rename is needed:
 * the id is fresh and no row names it until the caller commits, so a half-written file is an orphan,
 * never a visible object; and without a rename the directory fsync finds the entry already journalled
 * by the file's fsync (ext4, XFS), so a small PUT costs one journal commit, not two. A copy of a whole
 * blob is a hard link, so copies cost no bytes and each row owns its file.
 */
public final class FileBlobStore implements BlobStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileBlobStore.class);
    private static final int BUFFER = 1024 * 1024;

    private final Path blobs;
    private final Path tmp;

    public FileBlobStore(Path root) {
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 blob directory " + root, e);
        }
    }

    @Override
    public Stored write(InputStream in, Collection<ChecksumAlgorithm> algorithms, long maxSize) throws IOException {
        String id = BlobStore.newId();
        Path dest = path(id);
        Files.createDirectories(dest.getParent());
        BlobDigests digests = new BlobDigests(algorithms);
        long size = 0;
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 FlushAhead flush = new FlushAhead(ch)) {
                // one byte over a power of two: objects are usually sized in whole MiB, and a short read
                // is how the end of the stream shows (readNBytes fills the buffer unless it reaches the end)
                byte[] buf = new byte[BUFFER + 1];
                ByteBuffer bb = ByteBuffer.wrap(buf);
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    size += n;
                    if (size > maxSize) {
                        throw new TooLarge();
                    }
                    bb.clear().limit(n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    if (n < buf.length) {
                        flush.startFinal(); // the stream has ended (and verified): the disk works while we hash
                        digests.update(buf, 0, n);
                        break; // readNBytes returns short only at the end; nothing may be written after the final fsync starts
                    }
                    flush.wrote(n);
                    digests.update(buf, 0, n);
                }
                flush.finish();
            }
            syncDirectory(dest.getParent());
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(dest);
            }
        }
        return digests.stored(id, size);
    }

    /** A hard link, or a copy where links are not possible. */
    @Override
    public String duplicate(String blob) throws IOException {
        String id = BlobStore.newId();
        Path dest = path(id);
        Files.createDirectories(dest.getParent());
        try {
            Files.createLink(dest, path(blob));
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            Path temp = tmp.resolve(id);
            Files.copy(path(blob), temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE);
        }
        syncDirectory(dest.getParent());
        return id;
    }

    @Override
    public InputStream open(List<Segment> segments, long offset, long length) throws IOException {
        // every file is looked for before the first byte is answered, so that a missing one is an
        // error response rather than a connection cut after a 200
        for (Segment s : segments) {
            if (s.size() > 0 && !Files.exists(path(s.blob()))) {
                throw new MissingBlobException(s.blob(), "the blob directory " + blobs, null);
            }
        }
        return new SegmentsInputStream(segments, offset, length);
    }

    @Override
    public void delete(Collection<String> ids) {
        for (String id : ids) {
            try {
                Files.deleteIfExists(path(id));
            } catch (IOException e) {
                LOG.warn("cannot delete blob {}: {}", id, e.toString());
            }
        }
    }

    Path path(String id) {
        if (id.length() < 8 || !id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a blob id: " + id);
        }
        return blobs.resolve(id.substring(0, 2)).resolve(id);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every platform can fsync a directory; the file itself is already durable
        }
    }

    /**
     * Reads a range across segment files, opening each as it is reached. Also a channel, so a server
     * can read it straight into direct buffers (one copy from the page cache to the socket's buffer).
     */
    private final class SegmentsInputStream extends InputStream implements java.nio.channels.ReadableByteChannel {
        private final SegmentWalk walk;
        private FileChannel current;
        private long currentLeft;
        private boolean open = true;

        SegmentsInputStream(List<Segment> segments, long offset, long length) {
            this.walk = new SegmentWalk(segments, offset, length);
        }

        @Override
        public int read() throws IOException {
            return io.haneul.core.io.InputStreams.readOneByte(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (current == null && !openNext()) {
                return -1;
            }
            int limit = dst.limit();
            if (dst.remaining() > currentLeft) {
                dst.limit(dst.position() + (int) currentLeft);
            }
            int n;
            try {
                n = current.read(dst);
            } finally {
                dst.limit(limit);
            }
            if (n < 0) {
                throw new IOException("blob file shorter than recorded");
            }
            currentLeft -= n;
            if (currentLeft == 0) {
                current.close();
                current = null;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        private boolean openNext() throws IOException {
            SegmentWalk.Piece piece = walk.next();
            if (piece == null) {
                return false;
            }
            try {
                current = FileChannel.open(path(piece.segment().blob()), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new MissingBlobException(piece.segment().blob(), "the blob directory " + blobs, e);
            }
            current.position(piece.offset());
            currentLeft = piece.length();
            return true;
        }

        @Override
        public void close() throws IOException {
            open = false;
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /**
     * Overlaps the disk with the request thread. Every few MiB a background {@code fdatasync} starts
     * writeback of what is already written while the thread reads the socket and hashes; once the
     * stream has ended the closing fsync starts in the background while the last bytes are hashed
     * (hashing 1 MiB takes as long as flushing it). {@link #finish} returns only when every byte is
     * durable, so the caller still acknowledges nothing before its fsync.
     */
    private static final class FlushAhead implements AutoCloseable {
        private static final long EVERY = 8L << 20;
        private final FileChannel channel;
        private long unflushed;
        private Thread flusher;
        private boolean finalStarted;
        /** The first failure of any flush: a failed fsync is reported once, then its pages look clean, so it must not be lost. */
        private volatile IOException failure;

        FlushAhead(FileChannel channel) {
            this.channel = channel;
        }

        void wrote(int n) {
            unflushed += n;
            if (unflushed >= EVERY && (flusher == null || !flusher.isAlive())) {
                unflushed = 0;
                flusher = Thread.ofVirtual().name("s3-flush-ahead").start(() -> flush(false));
            }
        }

        /** Starts the closing fsync (data and metadata) in the background. */
        void startFinal() throws IOException {
            close();
            finalStarted = true;
            flusher = Thread.ofVirtual().name("s3-flush").start(() -> flush(true));
        }

        private void flush(boolean metadata) {
            try {
                channel.force(metadata);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }

        /** Returns once every byte written is durable: waits for the closing fsync, or runs it here. */
        void finish() throws IOException {
            close();
            if (!finalStarted) {
                flush(true);
            }
            if (failure != null) {
                throw failure;
            }
        }

        /** Waits for a flush in flight, so the caller's own fsync and close never race it. */
        @Override
        public void close() throws java.io.InterruptedIOException {
            if (flusher != null) {
                try {
                    flusher.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted waiting for a blob flush");
                }
                flusher = null;
            }
        }
    }
}
