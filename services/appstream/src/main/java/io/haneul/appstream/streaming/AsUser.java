package io.haneul.appstream.streaming;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a helper command (tar, find, cat) as a session's user, so that it reaches only what that user
 * can: the home belongs to the user, who may have put links in it to files only Haneul could read.
 * The environment is a bare PATH and HOME; standard error goes to {@code errors}.
 */
final class AsUser {

    private AsUser() {
    }

    static Process start(SessionUsers.OsUser user, List<String> command, Path errors) throws StreamingException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(user, command)).directory(Path.of("/").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("HOME", user.home().toString());
        builder.redirectError(errors == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(errors.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new StreamingException("cannot run " + command.getFirst() + " as " + user.name() + ": " + e.getMessage(), false);
        }
    }

    /**
     * {@code command} run as {@code user}: behind {@code setpriv} with the user's ids and no
     * supplementary groups when Haneul switches users (root), as it is otherwise.
     */
    static List<String> commandLine(SessionUsers.OsUser user, List<String> command) {
        List<String> full = new ArrayList<>();
        if (user.switched()) {
            full.addAll(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups", "--"));
        }
        full.addAll(command);
        return full;
    }

    /**
     * Kills a helper and what it started: a {@code timeout} wrapper killed alone would leave its command
     * running, reparented away from Haneul.
     */
    static void stop(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
    }
}
