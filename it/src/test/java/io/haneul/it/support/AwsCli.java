package io.haneul.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the AWS CLI against a test server ({@code --endpoint-url}, JSON output) with test credentials. */
public final class AwsCli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsCli() {
    }

    /** {@code cli --endpoint-url endpoint --output json args…}, whatever its exit status. */
    public static Processes.Result run(Path cli, URI endpoint, Path work, String... args) {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        return Processes.run(command, "test", "test", work, 120);
    }

    /** As {@link #run}, which must exit 0; its JSON output (an empty object when it printed nothing). */
    public static JsonNode json(Path cli, URI endpoint, Path work, String... args) {
        Processes.Result r = run(cli, endpoint, work, args);
        assertEquals(0, r.exitCode(), r::toString);
        try {
            return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException("the CLI did not print JSON: " + r, e);
        }
    }
}
