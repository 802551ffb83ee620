package io.haneul.iam;

import io.haneul.core.spi.RoleDirectory;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.iam.domain.AwsManagedPolicies;
import io.haneul.iam.domain.IamIds;
import io.haneul.iam.store.InstanceProfileStore;
import io.haneul.iam.store.PolicyStore;
import io.haneul.iam.store.RoleStore;
import io.haneul.storage.Database;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/** Registers IAM with the server, wires its parts, and exports its roles to other services ({@link RoleDirectory}). */
public final class IamModule implements ServiceModule {

    @Override
    public String id() {
        return "iam";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("iam-2010-05-08");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        RoleStore roleStore = new RoleStore(db);
        IamIds ids = new IamIds(new SecureRandom());
        PolicyService policies = new PolicyService(new PolicyStore(db), roleStore, AwsManagedPolicies.load(), ids, env.clock());
        RoleService roles = new RoleService(roleStore, policies, ids, env.clock());
        InstanceProfileService profiles = new InstanceProfileService(new InstanceProfileStore(db), roleStore, ids, env.clock());
        return new IamProvider(roles, policies, profiles, new IamRoleDirectory(roleStore));
    }

    @Override
    public Optional<Object> export(Class<?> type, Object provider) {
        if (type == RoleDirectory.class && provider instanceof IamProvider iam) {
            return Optional.of(iam.directory());
        }
        return Optional.empty();
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return IamProvider.class;
    }

    /**
     * IAM's largest calls carry one policy document, which the model allows up to 131,072
     * characters of U+0009 to U+00FF (at most two UTF-8 bytes each, six once the query protocol
     * percent-encodes them: 768 KiB), beside names, tags and the envelope. 1 MiB holds every call
     * the model admits; the quotas on policy sizes ({@code PolicyQuotas}) are checked after.
     */
    @Override
    public long maxRequestBytes(String modelId) {
        return 1_048_576;
    }

    /** IAM's query answers write empty lists as empty elements (ListUsers with no users has Users: [] in boto3). */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("*");
    }
}
