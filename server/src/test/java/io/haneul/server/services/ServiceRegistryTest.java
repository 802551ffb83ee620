package io.haneul.server.services;

import io.haneul.core.spi.QueueDelivery;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up cost: a service that starts with the server (or that another service calls) gets its
 * provider, and only its first API request reads the whole model and binds the SDK classes.
 */
class ServiceRegistryTest {

    /** A module of a real shipped model (SQS's) whose provider counts how often it is made. */
    static final class CountingModule implements ServiceModule {
        final AtomicInteger made = new AtomicInteger();
        final boolean eager;

        CountingModule(boolean eager) {
            this.eager = eager;
        }

        @Override
        public String id() {
            return "sqs";
        }

        @Override
        public List<String> modelFiles() {
            return List.of("sqs-2012-11-05");
        }

        @Override
        public Object provider(String modelFile, ServiceEnvironment environment) {
            made.incrementAndGet();
            return new Object();
        }

        @Override
        public Class<?> providerType(String modelFile) {
            return Object.class;
        }

        @Override
        public boolean startEagerly() {
            return eager;
        }

        @Override
        public Optional<Object> export(Class<?> type, Object provider) {
            return type == QueueDelivery.class ? Optional.of(provider) : Optional.empty();
        }
    }

    static ServiceRegistry registry(ServiceModule module) {
        return new ServiceRegistry(r -> new ServiceEnvironment(Clock.systemUTC(), Map.of(), Map.of(), r::export),
                id -> true, ServiceRegistryTest.class.getClassLoader(), List.of(module));
    }

    @Test
    void anEagerServiceStartsItsProviderWithoutBindingItsModel() {
        CountingModule module = new CountingModule(true);
        ServiceRegistry registry = registry(module);
        registry.startEager();
        assertEquals(1, module.made.get());
        assertFalse(registry.isBound("sqs"), "started with the server: no model read, no SDK class bound yet");

        var binding = registry.binding("sqs");
        assertTrue(registry.isBound("sqs"));
        assertFalse(binding.model().operations().isEmpty(), "the first request reads the whole model");
        assertTrue(binding.operation("SendMessage").isPresent());
        assertEquals(1, module.made.get(), "the binding uses the provider started with the server");
    }

    @Test
    void anExportStartsTheProviderOnlyAndTheBindingSharesIt() {
        CountingModule module = new CountingModule(false);
        ServiceRegistry registry = registry(module);
        registry.startEager();
        assertEquals(0, module.made.get(), "a lazy service starts on first use");

        Object exported = registry.export(QueueDelivery.class).orElseThrow();
        assertEquals(1, module.made.get());
        assertFalse(registry.isBound("sqs"));
        assertSame(exported, registry.export(QueueDelivery.class).orElseThrow());
        registry.binding("sqs");
        assertEquals(1, module.made.get());
    }

    @Test
    void theModelsMetadataComesFromTheBuildsIndexWithoutReadingAnyModel() {
        ServiceRegistry registry = registry(new CountingModule(false));
        assertTrue(registry.models().size() > 10);
        registry.models().forEach(m -> assertTrue(m.operations().isEmpty(), m.id() + ": metadata only"));
        assertEquals("AmazonSQS", registry.model("sqs").orElseThrow().targetPrefix());
    }
}
