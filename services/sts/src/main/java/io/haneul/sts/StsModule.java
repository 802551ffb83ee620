package io.haneul.sts;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.security.SecureRandom;
import java.util.List;

/** Registers STS with the server. */
public final class StsModule implements ServiceModule {

    @Override
    public String id() {
        return "sts";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("sts-2011-06-15");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment environment) {
        return new StsProvider(environment.clock(), new TemporaryCredentials(new SecureRandom()));
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return StsProvider.class;
    }
}
