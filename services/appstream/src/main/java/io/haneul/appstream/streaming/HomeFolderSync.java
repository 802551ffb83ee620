package io.haneul.appstream.streaming;

import io.haneul.core.spi.ObjectStorage;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a session's home folder in Haneul's S3 (the stack's HOMEFOLDERS storage connector): the
 * user's objects are written into the new session's home before its application starts, and the
 * home's files are written back while it runs and when it ends. Only regular files travel (no links,
 * devices or empty folders), at most {@link Limits} of them.
 *
 * <p>The home belongs to the session's pool user, who may have put links in it to files only Haneul
 * (root) can read. So Haneul never reads or writes the home itself: {@code tar} run as that user packs
 * the home into a stream Haneul reads ({@link #save}), or unpacks one Haneul writes ({@link #restore}),
 * and can reach only what the user can.
 */
final class HomeFolderSync {

    private static final Logger LOG = LoggerFactory.getLogger(HomeFolderSync.class);
    /** The session's own folder in the home (X cookie, VNC socket): never saved or restored. */
    static final String SESSION_FOLDER = ".haneul-session";
    private static final int PAGE = 1000;
    /** S3's answers that no file of the home folder can be written: the save stops. */
    private static final java.util.Set<String> BUCKET_UNUSABLE = java.util.Set.of("NoSuchBucket", "AccessDenied");
    /** The most of tar's error output that is read (and logged). */
    static final int MAX_ERROR_BYTES = 4096;

    /** The most files and bytes of one home folder that are restored or saved. */
    record Limits(long maxBytes, int maxFiles) {
    }

    private final Supplier<Optional<ObjectStorage>> storage;
    private final Limits limits;
    private final Clock files;

    /** @param files the clock the home's files are stamped by (the operating system's: {@link Clock#systemUTC}) */
    HomeFolderSync(Supplier<Optional<ObjectStorage>> storage, Limits limits, Clock files) {
        this.storage = storage;
        this.limits = limits;
        this.files = files;
    }

    /** Fails when the home folder's bucket cannot be used (S3 not running, no such bucket, another account's). */
    void check(HomeFolder folder) throws StreamingException {
        try {
            s3().listObjects(folder.account(), folder.bucket(), folder.prefix(), null, 1);
        } catch (ObjectStorage.ObjectStorageException e) {
            throw new StreamingException("The home folder bucket " + folder.bucket() + " cannot be used: " + e.code() + ": "
                    + e.getMessage(), false);
        }
    }

    /**
     * Unpacks the user's objects into the home of {@code user}, before the session's application starts.
     *
     * @param synced filled with what was restored, relative path to {@link #stamp}
     * @return the number of files restored
     */
    int restore(HomeFolder folder, SessionUsers.OsUser user, Map<String, String> synced) throws StreamingException {
        ObjectStorage s3 = s3();
        List<ObjectStorage.ObjectInfo> objects = listed(s3, folder);
        if (objects.isEmpty()) {
            return 0;
        }
        Path errors = errorFile();
        Process tar = AsUser.start(user, List.of("tar", "-C", user.home().toString(), "-xf", "-"), errors);
        int restored = 0;
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new BufferedOutputStream(tar.getOutputStream()))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (ObjectStorage.ObjectInfo listedInfo : objects) {
                String relative = listedInfo.key().substring(folder.prefix().length());
                try (ObjectStorage.StoredObject object = s3.getObject(folder.account(), folder.bucket(), listedInfo.key())) {
                    TarArchiveEntry entry = new TarArchiveEntry(relative);
                    entry.setSize(object.info().size());
                    entry.setModTime(Date.from(object.info().lastModified()));
                    entry.setMode(0100644);
                    out.putArchiveEntry(entry);
                    object.content().transferTo(out);
                    out.closeArchiveEntry();
                    synced.put(relative, stamp(object.info().size(), object.info().lastModified().getEpochSecond()));
                    restored++;
                } catch (ObjectStorage.ObjectStorageException e) {
                    LOG.debug("home folder object {} not restored: {}", listedInfo.key(), e.getMessage()); // deleted meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StreamingException("cannot restore the home folder from " + folder.bucket() + ": " + e.getMessage()
                    + " " + finish(tar, errors), false);
        }
        String complaints = finish(tar, errors);
        if (!complaints.isEmpty()) { // e.g. a key that is a file and also a folder of other keys: the rest is restored
            LOG.warn("home folder {}/{} restored for {} with errors: {}", folder.bucket(), folder.prefix(), user.name(), complaints);
        }
        return restored;
    }

    /** The user's objects that are restored: files within the limits, in key order. */
    private List<ObjectStorage.ObjectInfo> listed(ObjectStorage s3, HomeFolder folder) throws StreamingException {
        List<ObjectStorage.ObjectInfo> out = new ArrayList<>();
        long bytes = 0;
        String after = null;
        try {
            while (true) {
                List<ObjectStorage.ObjectInfo> page = s3.listObjects(folder.account(), folder.bucket(), folder.prefix(), after, PAGE);
                for (ObjectStorage.ObjectInfo o : page) {
                    if (!travels(o.key().substring(folder.prefix().length()))) {
                        continue;
                    }
                    if (out.size() >= limits.maxFiles() || bytes + o.size() > limits.maxBytes()) {
                        LOG.warn("home folder {}/{} holds more than {} files or {} bytes: the rest is not restored",
                                folder.bucket(), folder.prefix(), limits.maxFiles(), limits.maxBytes());
                        return out;
                    }
                    out.add(o);
                    bytes += o.size();
                }
                if (page.size() < PAGE) {
                    return out;
                }
                after = page.getLast().key();
            }
        } catch (ObjectStorage.ObjectStorageException e) {
            throw new StreamingException("cannot read the home folder in " + folder.bucket() + ": " + e.getMessage(), false);
        }
    }

    /**
     * Writes the home's files that changed since {@code synced} (size and modification second) under the
     * folder's prefix. A file modified in the second the save began, or later, is written but not
     * remembered as saved: an edit later in that second keeps the stamp, and the next save writes it again. A file S3 refuses, or one past the byte limit, is left out with a warning and the
     * rest is saved; only a bucket that cannot be used at all (gone, or not the account's) stops the save.
     *
     * @return the number of files written
     */
    int save(HomeFolder folder, SessionUsers.OsUser user, Map<String, String> synced) throws StreamingException {
        ObjectStorage s3 = s3();
        long started = files.instant().getEpochSecond();
        Path errors = errorFile();
        Process tar = AsUser.start(user, List.of("tar", "-C", user.home().toString(), "--exclude=" + SESSION_FOLDER, "--sort=name",
                "-cf", "-", "."), errors);
        int files = 0;
        int written = 0;
        long bytes = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(tar.getInputStream()))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String relative = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (!regularFile(entry) || !travels(relative)) {
                    continue; // folders, links, devices
                }
                if (++files > limits.maxFiles()) {
                    LOG.warn("home folder of {} holds more than {} files: the rest is not saved", user.name(), limits.maxFiles());
                    break;
                }
                if (bytes + entry.getSize() > limits.maxBytes()) {
                    LOG.warn("home folder file {} of {} not saved: the home folder would pass {} bytes", relative, user.name(),
                            limits.maxBytes());
                    continue;
                }
                bytes += entry.getSize();
                String stamp = stamp(entry.getSize(), entry.getModTime().getTime() / 1000);
                if (stamp.equals(synced.get(relative))) {
                    continue;
                }
                if (put(s3, folder, relative, in)) {
                    long modified = entry.getModTime().getTime() / 1000;
                    if (modified < started) {
                        synced.put(relative, stamp);
                    } else { // changed in the second the save began: a later edit of that second would look the same
                        synced.remove(relative);
                    }
                    written++;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StreamingException("cannot save the home folder to " + folder.bucket() + ": " + e.getMessage(), false);
        } finally {
            AsUser.stop(tar); // a stop at the limits, or a failure, leaves tar writing
            finish(tar, errors); // tar's complaints (a file it may not read, a socket) do not stop the rest
        }
        return written;
    }

    /** Writes one file; false (with a warning) when S3 refuses it. A bucket that cannot be used at all is thrown. */
    private static boolean put(ObjectStorage s3, HomeFolder folder, String relative, InputStream content) {
        try {
            s3.putObject(folder.account(), folder.region(), folder.bucket(), folder.prefix() + relative, new Unclosable(content),
                    "application/octet-stream", Map.of());
            return true;
        } catch (ObjectStorage.ObjectStorageException e) {
            if (BUCKET_UNUSABLE.contains(e.code())) {
                throw e;
            }
            LOG.warn("home folder file {} not saved to {}/{}: {}: {}", relative, folder.bucket(), folder.prefix(), e.code(), e.getMessage());
            return false;
        }
    }

    /** True for a regular file's entry (TarArchiveEntry.isFile also says true of links, devices and FIFOs). */
    private static boolean regularFile(TarArchiveEntry entry) {
        return (entry.getLinkFlag() == TarConstants.LF_NORMAL || entry.getLinkFlag() == TarConstants.LF_OLDNORM)
                && !entry.getName().endsWith("/");
    }

    /** What identifies a file's content for the next save: its size and modification second. */
    static String stamp(long size, long modifiedSecond) {
        return size + ":" + modifiedSecond;
    }

    /** True for a relative path that may be a home folder file: no empty, {@code .} or {@code ..} parts, not the session's folder. */
    static boolean travels(String relative) {
        if (relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.startsWith("/")) {
            return false;
        }
        String[] parts = relative.split("/", -1);
        if (parts[0].equals(SESSION_FOLDER)) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private ObjectStorage s3() throws StreamingException {
        return storage.get().orElseThrow(() -> new StreamingException("home folders need S3, which is not running on this server", false));
    }

    private static Path errorFile() throws StreamingException {
        try {
            return Files.createTempFile("haneul-home-tar", ".log");
        } catch (IOException e) {
            throw new StreamingException("cannot make a temporary file: " + e.getMessage(), false);
        }
    }

    /** Waits for tar (reaped); its error output when it failed, else empty. */
    private static String finish(Process tar, Path errors) {
        try {
            if (!tar.waitFor(30, TimeUnit.SECONDS)) {
                AsUser.stop(tar);
                tar.waitFor();
            }
            String text = errorText(errors);
            return tar.exitValue() == 0 ? "" : "tar exited " + tar.exitValue() + (text.isEmpty() ? "" : ": " + text);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /** The start of tar's error output (at most {@link #MAX_ERROR_BYTES}): a tar that complains of every file writes a lot. */
    static String errorText(Path errors) throws IOException {
        try (InputStream in = Files.newInputStream(errors)) {
            return new String(in.readNBytes(MAX_ERROR_BYTES), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
    }

    /** An entry's stream that a writer may close without closing the archive. */
    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive goes on with the next entry
        }
    }
}
