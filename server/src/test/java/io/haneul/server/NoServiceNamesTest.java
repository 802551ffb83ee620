package io.haneul.server;

import io.haneul.core.model.ModelLoader;
import io.haneul.core.spi.ServiceModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server and core's routing name no service: every service-specific rule comes from the models
 * or from a module through the data-plane SPI. Fails when a string literal in {@code server/src/main}
 * or {@code core/.../routing} holds a service's model id, signing name, endpoint prefix or module id
 * as a word or part of a hyphenated word.
 */
class NoServiceNamesTest {

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9-]*");

    static Set<String> serviceNames() throws IOException {
        Set<String> names = new TreeSet<>();
        ModelLoader loader = new ModelLoader();
        try (InputStream in = NoServiceNamesTest.class.getResourceAsStream("/aws-models/index.txt")) {
            for (String stem : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (!stem.isBlank()) {
                    var model = loader.loadMetadata(stem);
                    names.add(model.id());
                    names.add(model.signingName());
                    if (!model.endpointPrefix().contains(".")) {
                        names.add(model.endpointPrefix()); // e.g. SES's "email"
                    }
                }
            }
        }
        ServiceLoader.load(ServiceModule.class).forEach(m -> names.add(m.id()));
        return names;
    }

    /** The literals in a source naming a service, e.g. {@code "s3"} or {@code "/_haneul/ses/messages"}. */
    static List<String> offending(String source, Set<String> names) {
        List<String> found = new ArrayList<>();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            Matcher word = WORD.matcher(literal.group(1).toLowerCase(Locale.ROOT));
            while (word.find()) {
                // the word and its hyphenated parts: "execute-api" is a name, and so is the "s3" of "s3-website"
                java.util.List<String> candidates = new java.util.ArrayList<>(java.util.List.of(word.group().split("-")));
                candidates.add(word.group());
                if (candidates.stream().anyMatch(names::contains)) {
                    found.add(literal.group());
                    break;
                }
            }
        }
        return found;
    }

    @Test
    void theCheckWouldSeeAServiceName() throws IOException {
        Set<String> names = serviceNames();
        assertTrue(names.containsAll(List.of("s3", "sqs", "sns", "ses", "sesv2", "apigateway", "execute-api")), names::toString);
        assertEquals(List.of("\"s3\"", "\"/_haneul/ses/messages\""),
                offending("if (\"s3\".equals(id) || path.startsWith(\"/_haneul/ses/messages\")) log(\"health\");", names));
        assertEquals(List.of("\".s3-\"", "\"/_aws/s3-website/\"", "\"/v2/email\""),
                offending("host.contains(\".s3-\") || p.startsWith(\"/_aws/s3-website/\") || p.startsWith(\"/v2/email\") || \"x-amz-date\"", names));
    }

    @Test
    void serverAndRoutingNameNoService() throws IOException {
        Set<String> names = serviceNames();
        List<String> problems = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main"), Path.of("../core/src/main/java/io/haneul/core/routing"))) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " is where the sources are");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    offending(Files.readString(file), names).forEach(l -> problems.add(file + ": " + l));
                }
            }
        }
        assertFalse(!problems.isEmpty(), () -> "service-specific routing belongs in the module (data-plane SPI):\n"
                + String.join("\n", problems));
    }
}
