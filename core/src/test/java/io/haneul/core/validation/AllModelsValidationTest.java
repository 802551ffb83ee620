package io.haneul.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.model.ModelLoader;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.protocol.XmlNaming;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped model: every pattern compiles, and for every operation whose SDK classes are on the test
 * classpath an empty request reports exactly the model's required members as missing, which proves that
 * each required member was matched to its SDK field despite the SDK's renamings.
 */
class AllModelsValidationTest {

    private static List<String> modelStems() throws IOException, URISyntaxException {
        Path dir = Path.of(AllModelsValidationTest.class.getResource("/aws-models").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(".*-\\d{4}-\\d{2}-\\d{2}\\.json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted().toList();
        }
    }

    @Test
    void everyModelPatternCompiles() throws Exception {
        PatternCache cache = new PatternCache();
        List<String> failed = new ArrayList<>();
        int count = 0;
        for (String stem : modelStems()) {
            for (JsonNode shape : new ModelLoader().load(stem).shapes().values()) {
                if (shape.path("pattern").isTextual()) {
                    count++;
                    if (cache.get(shape.path("pattern").asText()).isEmpty()) {
                        failed.add(stem + ": " + shape.path("pattern").asText());
                    }
                }
            }
        }
        assertTrue(count > 500, "patterns seen: " + count);
        assertEquals(List.of(), failed);
    }

    @TestFactory
    Stream<DynamicTest> emptyRequestsReportExactlyTheRequiredMembers() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        ModelValidator validator = new ModelValidator();
        for (String stem : modelStems()) {
            ServiceModel model = new ModelLoader().load(stem);
            ServiceBinding service = new ServiceBinding(model, null, XmlNaming.TRAITS, getClass().getClassLoader());
            if (!service.hasSdkClasses()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(stem, () -> {
                int checked = 0;
                ValidationPolicy policy = validator.policyFor(service);
                for (OperationBinding op : service.operations()) {
                    if (op.requestClass() == null || op.model().inputShape() == null) {
                        continue;
                    }
                    Object empty = emptyRequest(op.requestClass());
                    List<String> missing = validator.violations(op, empty);
                    JsonNode input = model.shapes().get(op.model().inputShape());
                    List<String> expected = new ArrayList<>();
                    input.path("required").forEach(r -> {
                        JsonNode member = input.path("members").path(r.asText());
                        JsonNode target = model.shapes().get(member.path("shape").asText());
                        String location = member.path("location").asText("");
                        boolean http = "uri".equals(location) || "querystring".equals(location);
                        boolean checked2 = policy.scope() == ValidationPolicy.Scope.FULL
                                || (policy.scope() == ValidationPolicy.Scope.REQUIRED_HTTP_BINDINGS && http);
                        if (checked2 && !member.path("idempotencyToken").asBoolean(false)
                                && !target.path("streaming").asBoolean(false) && !target.path("eventstream").asBoolean(false)) {
                            expected.add("Value null at '" + io.haneul.core.validation.Path.coralName(r.asText())
                                    + "' failed to satisfy constraint: Member must not be null");
                        }
                    });
                    assertEquals(expected.stream().sorted().toList(), missing.stream().sorted().toList(),
                            stem + " " + op.name());
                    checked++;
                }
                assertTrue(checked > 0, stem);
            }));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    private static Object emptyRequest(Class<?> requestClass) throws ReflectiveOperationException {
        Object builder = requestClass.getMethod("builder").invoke(null);
        var build = builder.getClass().getMethod("build");
        build.setAccessible(true);
        return build.invoke(builder);
    }
}
