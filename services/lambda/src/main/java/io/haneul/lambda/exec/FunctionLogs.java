package io.haneul.lambda.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Every invocation's log kept per function, in {@code <dir>/<account>/<region>/<function>.log}
 * (until CloudWatch Logs exists to receive them). Appends are serialized per store; reading returns
 * the last {@code maxBytes} of a file.
 */
public final class FunctionLogs {

    private final Path dir;

    public FunctionLogs(Path dir) {
        this.dir = dir;
    }

    public synchronized void append(String account, String region, String function, String text) {
        Path file = dir.resolve(account).resolve(region).resolve(function + ".log");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function's log in the visible accounts ({@code account} null: every account), last {@code maxBytes} of each. */
    public String read(String account, String function, long maxBytes) {
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
        try {
            Files.deleteIfExists(dir.resolve(account).resolve(region).resolve(function + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
