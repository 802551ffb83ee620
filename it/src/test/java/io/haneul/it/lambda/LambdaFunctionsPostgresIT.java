package io.haneul.it.lambda;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link LambdaFunctionsSdkV2IT} on PostgreSQL storage (embedded): the function store's SQL on the other engine. */
class LambdaFunctionsPostgresIT extends LambdaFunctionsSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_lambda_"));
    }

    /** The version and alias tables' SQL on PostgreSQL: publish (and its counter), list, alias filter, delete. */
    @Test
    void versionsAndAliasesOnPostgres() {
        String name = name();
        createPython(name);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version());
        assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version());
        lambda.updateFunctionConfiguration(b -> b.functionName(name).timeout(7));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        assertEquals("2", lambda.publishVersion(b -> b.functionName(name)).version());
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.25))));
        lambda.createAlias(b -> b.functionName(name).name("next").functionVersion("2"));
        assertEquals(List.of("$LATEST", "1", "2"), lambda.listVersionsByFunction(b -> b.functionName(name)).versions().stream()
                .map(v -> v.version()).toList());
        assertEquals(List.of("live"), lambda.listAliases(b -> b.functionName(name).functionVersion("1")).aliases().stream()
                .map(a -> a.name()).toList());
        assertEquals(Map.of("2", 0.25), lambda.getAlias(b -> b.functionName(name).name("live")).routingConfig().additionalVersionWeights());
        assertThrows(ResourceConflictException.class, () -> lambda.deleteFunction(b -> b.functionName(name).qualifier("2")));
        lambda.deleteAlias(b -> b.functionName(name).name("next"));
        lambda.updateAlias(b -> b.functionName(name).name("live").routingConfig(r -> r.additionalVersionWeights(Map.of())));
        lambda.deleteFunction(b -> b.functionName(name).qualifier("2"));
        assertEquals(7, lambda.getFunctionConfiguration(b -> b.functionName(name)).timeout());
        assertEquals("3", lambda.publishVersion(b -> b.functionName(name)).version());
        lambda.deleteFunction(b -> b.functionName(name));
        createPython(name);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version());
    }
}
