package io.haneul.lambda.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every invocation's log kept per function, in {@code <dir>/<account>/<region>/<function>.log}
 * (until CloudWatch Logs exists to receive them); reading returns the last {@code maxBytes} of a file.
 *
 * <p>An invocation does not wait for its log to reach the disk: {@link #append} queues the text and
 * a background writer appends it, in order, to files it keeps open (the most recently written
 * {@value #OPEN_FILES}). A {@link #read} first writes out whatever is still queued, so that an
 * invocation that has answered is always in what a reader sees.
 */
public final class FunctionLogs implements AutoCloseable {

    /** How many function log files stay open between appends. */
    static final int OPEN_FILES = 64;

    private record Entry(Path file, String text) {
    }

    private final Path dir;
    private final ConcurrentLinkedQueue<Entry> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("lambda-log-writer").factory());
    /** Open files, least recently written first; guarded by {@code this}, which also orders the writes. */
    private final Map<Path, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, FileChannel> eldest) {
            if (size() > OPEN_FILES) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    public FunctionLogs(Path dir) {
        this.dir = dir;
    }

    /** Queues one invocation's log for the function's file; it is written in the background. */
    public void append(String account, String region, String function, String text) {
        queued.add(new Entry(fileOf(account, region, function), text));
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    drainScheduled.set(false);
                    drain();
                });
            } catch (RejectedExecutionException closed) {
                drainScheduled.set(false);
                drain();
            }
        }
    }

    /** The function's log in the visible accounts ({@code account} null: every account), last {@code maxBytes} of each. */
    public String read(String account, String function, long maxBytes) {
        drain();
        StringBuilder out = new StringBuilder();
        for (Path file : files(account, function)) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long start = Math.max(0, f.length() - maxBytes);
                byte[] bytes = new byte[(int) (f.length() - start)];
                f.seek(start);
                f.readFully(bytes);
                out.append(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** Forgets a deleted function's log. */
    public synchronized void delete(String account, String region, String function) {
        drain();
        Path file = fileOf(account, region, function);
        closeQuietly(open.remove(file));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes out what is queued and closes the open files. */
    @Override
    public synchronized void close() {
        writer.shutdown();
        drain();
        open.values().forEach(FunctionLogs::closeQuietly);
        open.clear();
    }

    /** Appends every queued entry to its file, in the order they were queued. */
    private synchronized void drain() {
        Entry e;
        while ((e = queued.poll()) != null) {
            try {
                FileChannel channel = open.get(e.file());
                if (channel == null || !channel.isOpen()) {
                    Files.createDirectories(e.file().getParent());
                    channel = FileChannel.open(e.file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    open.put(e.file(), channel);
                }
                ByteBuffer bytes = ByteBuffer.wrap(e.text().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException failed) {
                // the disk refused this entry (full, removed under us): the invocation has answered, the next entry tries again
                closeQuietly(open.remove(e.file()));
            }
        }
    }

    private Path fileOf(String account, String region, String function) {
        return dir.resolve(account).resolve(region).resolve(function + ".log");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more will be written to it
            }
        }
    }

    private List<Path> files(String account, String function) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir) || !function.matches("[a-zA-Z0-9_-]{1,64}")) {
            return found;
        }
        try (var accounts = Files.list(dir)) {
            for (Path a : accounts.sorted().toList()) {
                if (account != null && !a.getFileName().toString().equals(account)) {
                    continue;
                }
                try (var regions = Files.list(a)) {
                    regions.sorted().map(r -> r.resolve(function + ".log")).filter(Files::isRegularFile).forEach(found::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
