package io.haneul.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a boto3 script a test wrote: with a python3 that imports boto3 (the test fails on a machine
 * without one), the given arguments (by convention the server's endpoint first), the account's
 * credentials and a time limit, in the script's folder. Fails unless the script exits 0.
 */
public final class BotoScript {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BotoScript() {
    }

    /** Runs {@code script}; what it wrote, once it exited 0. */
    public static Processes.Result run(Path script, String account, long timeoutSeconds, String... args) {
        Path work = script.getParent();
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Processes.Result r = Processes.run(command, account, "secret", work, timeoutSeconds);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    /** Runs {@code script}, which prints one JSON document, and reads that document. */
    public static JsonNode json(Path script, String account, long timeoutSeconds, String... args) {
        Processes.Result r = run(script, account, timeoutSeconds, args);
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException("the script did not print JSON: " + r, e);
        }
    }
}
