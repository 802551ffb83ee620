package io.haneul.sts;

import io.haneul.core.auth.TemporaryCredentials;
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
        TemporaryCredentials minter = new TemporaryCredentials(new SecureRandom());
        java.util.function.Supplier<java.util.Optional<RoleDirectory>> roles = () -> environment.find(RoleDirectory.class);
        java.util.Optional<io.haneul.core.auth.SessionCredentials> sessions = environment.find(io.haneul.core.auth.SessionCredentials.class);
        return new StsProvider(environment.clock(), minter, roles, new StsRoleSessions(environment.clock(), minter, roles, sessions),
                sessions);
    }

    /** Exports {@link io.haneul.core.spi.RoleSessions}: credentials of execution roles for Lambda's functions. */
    @Override
    public java.util.Optional<Object> export(Class<?> type, Object provider) {
        if (type == io.haneul.core.spi.RoleSessions.class && provider instanceof StsProvider sts && sts.roleSessions() != null) {
            return java.util.Optional.of(sts.roleSessions());
        }
        return java.util.Optional.empty();
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
