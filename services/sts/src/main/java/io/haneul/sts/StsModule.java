package io.haneul.sts;

import io.haneul.core.spi.RoleDirectory;
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
        return new StsProvider(environment.clock(), new TemporaryCredentials(new SecureRandom()),
                () -> environment.find(RoleDirectory.class));
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return StsProvider.class;
    }

    /**
     * STS calls are small; the largest is AssumeRoleWithSAML, whose base64 assertion AWS caps at
     * 100,000 characters (percent-encoded: up to 300 KB), beside session policies of a few KiB.
     */
    @Override
    public long maxRequestBytes(String modelId) {
        return 1_048_576;
    }
}
