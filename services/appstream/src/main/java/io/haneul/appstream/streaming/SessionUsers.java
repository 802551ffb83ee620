package io.haneul.appstream.streaming;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The OS users sessions run as. As root, Haneul keeps a pool of unprivileged users
 * ({@code haneul-as1}, {@code haneul-as2}...) that it creates with {@code useradd} when first needed,
 * homes mode 0700, one user per running session, so that two sessions cannot read each other's
 * files, X display or processes; a user's home is emptied when it comes back to the pool (an
 * AppStream instance starts fresh for every session). Without root there is no other user to switch
 * to: sessions run as Haneul's own user, which the engine logs as a warning once (documented in
 * docs/appstream.md).
 */
final class SessionUsers {

    private static final Logger LOG = LoggerFactory.getLogger(SessionUsers.class);

    /** A session's OS user: its name, ids (null when sessions run as Haneul's own user) and home. */
    record OsUser(String name, Integer uid, Integer gid, Path home) {
        boolean switched() {
            return uid != null;
        }
    }

    private final String prefix;
    private final Path homeRoot;
    private final boolean root;
    private final Set<String> inUse = new HashSet<>();
    /** Locks held on pool users, so that two Haneul processes on one machine never share a user. */
    private final java.util.Map<String, java.nio.channels.FileLock> locks = new java.util.HashMap<>();
    private final Path lockDir;

    /**
     * @param prefix   the pool's user names before their number, e.g. {@code haneul-as}
     * @param homeRoot where the pool's homes are made (must be reachable by those users)
     */
    SessionUsers(String prefix, Path homeRoot, Path lockDir, boolean root) {
        this.prefix = prefix;
        this.lockDir = lockDir;
        this.homeRoot = homeRoot;
        this.root = root;
        if (!root) {
            LOG.warn("AppStream sessions run as Haneul's own user {} (not root: no pool of session users can be made); "
                    + "sessions are not isolated from each other or from Haneul", System.getProperty("user.name"));
        }
    }

    boolean isolated() {
        return root;
    }

    /** Takes a free user from the pool, creating the next one when all are busy. */
    synchronized OsUser take() throws StreamingException {
        if (!root) {
            Path home = Path.of(System.getProperty("user.home"));
            return new OsUser(System.getProperty("user.name"), null, null, home);
        }
        for (int n = 1; n <= 10_000; n++) {
            String name = prefix + n;
            if (!inUse.contains(name) && lock(name)) {
                inUse.add(name);
                try {
                    return ensure(name);
                } catch (StreamingException | RuntimeException e) {
                    release(name);
                    throw e;
                }
            }
        }
        throw new StreamingException("no session user left in the pool", true);
    }

    /**
     * Returns a user to the pool, its home emptied. A user with a process still running (one that
     * outlived the session's stop, e.g. a fork loop) is kept out of the pool: it could otherwise
     * prepare its home for the next session of another person.
     */
    synchronized void give(OsUser user) {
        if (!user.switched()) {
            return;
        }
        if (!endProcesses(user.name())) {
            LOG.warn("{} still runs processes after its session; it stays out of the pool until Haneul restarts", user.name());
            inUse.add(user.name());
            return;
        }
        try {
            emptyHome(user.home());
        } catch (IOException e) {
            LOG.warn("could not empty {}'s home {}: {}", user.name(), user.home(), e.toString());
        }
        release(user.name());
    }

    /** Kills every process running as {@code name}; true when none is left. */
    static boolean endProcesses(String name) {
        // KILL at once: the session is over (or was a crashed Haneul's), nothing of it is to save
        return ProcessRounds.stop(() -> {
            try (Stream<ProcessHandle> everyone = ProcessHandle.allProcesses()) {
                return everyone.filter(h -> h.info().user().map(name::equals).orElse(false)).toList();
            }
        }, false, Duration.ofSeconds(1));
    }

    /** Takes the user's lock file; false when another Haneul process on this machine has the user. */
    private boolean lock(String name) throws StreamingException {
        try {
            Files.createDirectories(lockDir);
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockDir.resolve(name + ".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            locks.put(name, lock);
            return true;
        } catch (IOException e) {
            throw new StreamingException("cannot lock session user " + name + " in " + lockDir + ": " + e.getMessage(), false);
        }
    }

    private void release(String name) {
        inUse.remove(name);
        java.nio.channels.FileLock lock = locks.remove(name);
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException ignored) {
                // the lock goes with the channel
            }
        }
    }

    private OsUser ensure(String name) throws StreamingException {
        Path home = homeRoot.resolve(name);
        Optional<int[]> ids = ids(name);
        if (ids.isEmpty()) {
            try {
                Files.createDirectories(homeRoot);
            } catch (IOException e) {
                throw new StreamingException("cannot make " + homeRoot + ": " + e.getMessage(), false);
            }
            run(List.of("useradd", "--create-home", "--home-dir", home.toString(), "--shell", "/bin/sh",
                    "--user-group", "--comment", "Haneul AppStream session user", name));
            ids = ids(name);
            if (ids.isEmpty()) {
                throw new StreamingException("useradd made no user " + name, false);
            }
        }
        // what a crashed Haneul left of an earlier session (processes, files) is gone before anyone uses the user
        if (!endProcesses(name)) {
            throw new StreamingException(name + " still runs processes that cannot be stopped", false);
        }
        try {
            if (Files.isSymbolicLink(home)) {
                Files.delete(home);
            }
            if (!Files.isDirectory(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(home);
            }
            emptyHome(home);
            run(List.of("chown", "-h", ids.get()[0] + ":" + ids.get()[1], home.toString()));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new StreamingException("cannot prepare " + home + ": " + e.getMessage(), false);
        }
        return new OsUser(name, ids.get()[0], ids.get()[1], home);
    }

    /** The user's uid and gid from {@code id}, or empty when there is no such user. */
    private static Optional<int[]> ids(String name) throws StreamingException {
        try {
            Process uid = new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start();
            String u = new String(uid.getInputStream().readAllBytes()).trim();
            if (uid.waitFor() != 0) {
                return Optional.empty();
            }
            Process gid = new ProcessBuilder("id", "-g", name).redirectErrorStream(true).start();
            String g = new String(gid.getInputStream().readAllBytes()).trim();
            gid.waitFor();
            return Optional.of(new int[]{Integer.parseInt(u), Integer.parseInt(g)});
        } catch (IOException | NumberFormatException e) {
            throw new StreamingException("cannot look up user " + name + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamingException("interrupted", false);
        }
    }

    private static void run(List<String> command) throws StreamingException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new StreamingException(String.join(" ", command) + " failed: " + out.trim(), false);
            }
        } catch (IOException e) {
            throw new StreamingException(command.getFirst() + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamingException("interrupted", false);
        }
    }

    private static void emptyHome(Path home) throws IOException {
        if (!Files.isDirectory(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(home)) {
            children = list.toList();
        }
        for (Path child : children) {
            SessionDisplay.removeWithoutFollowing(child);
        }
    }
}
