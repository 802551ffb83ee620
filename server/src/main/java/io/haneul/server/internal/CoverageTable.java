package io.haneul.server.internal;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.server.services.ServiceRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Writes the coverage table into README.md between {@code <!-- coverage:start -->} and
 * {@code <!-- coverage:end -->}: {@code ./haneul coverage-table}. A test compares the README with
 * {@link #render} so the table cannot go stale.
 */
public final class CoverageTable {

    static final String START = "<!-- coverage:start -->";
    static final String END = "<!-- coverage:end -->";

    private CoverageTable() {
    }

    public static String table() {
        ServiceRegistry registry = new ServiceRegistry(r -> new ServiceEnvironment(Clock.systemUTC(), Map.of(), Map.of()),
                id -> true, CoverageTable.class.getClassLoader());
        return new Coverage(registry).markdownTable();
    }

    /** The README with its table section replaced by {@code table}. */
    public static String render(String readme, String table) {
        int s = readme.indexOf(START);
        int e = readme.indexOf(END);
        if (s < 0 || e < s) {
            throw new IllegalArgumentException("README.md lacks the " + START + " / " + END + " markers");
        }
        return readme.substring(0, s + START.length()) + "\n" + table + readme.substring(e);
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Files.writeString(readme, render(text, table()), StandardCharsets.UTF_8);
        System.out.println("coverage table written to " + readme);
    }
}
