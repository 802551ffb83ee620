package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What test functions printed, read from the function's log ({@code /_haneul/lambda/logs/<name>}):
 * functions built with {@link #PRINT_EVENT} print {@code EVENT <json>} for each event they get.
 */
final class FunctionOutput {

    /** A Python handler that prints the event it received as one {@code EVENT <json>} line. */
    static final String PRINT_EVENT = """
            import json
            def handler(event, context):
                print("EVENT " + json.dumps(event))
                return {"disposition": "CONTINUE"}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionOutput() {
    }

    /** The function's log once it contains {@code marker} (60 s at most, for a loaded machine: an asynchronous invocation's output). */
    static String awaitLog(TestServer server, String function, String marker) throws Exception {
        String logs = "";
        long until = System.currentTimeMillis() + 60_000;
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (!logs.contains(marker) && System.currentTimeMillis() < until) {
                Thread.sleep(100);
                logs = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/lambda/logs/" + function)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
        }
        if (!logs.contains(marker)) {
            fail("no " + marker + " in the log of " + function + ":\n" + logs);
        }
        return logs;
    }

    /** The first event the function printed that contains {@code marker}. */
    static JsonNode awaitEvent(TestServer server, String function, String marker) throws Exception {
        String logs = awaitLog(server, function, marker);
        for (String line : logs.split("\n")) {
            int at = line.indexOf("EVENT {");
            if (at >= 0 && line.contains(marker)) {
                return JSON.readTree(line.substring(at + "EVENT ".length()));
            }
        }
        return fail("no EVENT line with " + marker + ":\n" + logs);
    }
}
