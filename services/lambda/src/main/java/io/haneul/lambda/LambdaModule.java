package io.haneul.lambda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.QueueDelivery;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.core.spi.RoleSessions;
import io.haneul.lambda.code.OptDirectory;
import io.haneul.lambda.store.SqlLayerStore;
import java.security.SecureRandom;
import io.haneul.core.spi.QueueConsumer;
import io.haneul.core.spi.ServerAddress;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.lambda.code.CodeUnpacker;
import io.haneul.lambda.domain.FunctionRules;
import io.haneul.lambda.domain.PermissionStatements;
import io.haneul.lambda.exec.EnvironmentPool;
import io.haneul.lambda.exec.EnvironmentSettings;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;
import io.haneul.lambda.exec.FunctionRunner;
import io.haneul.lambda.exec.JdkHomes;
import io.haneul.lambda.exec.MemoryWatch;
import io.haneul.lambda.exec.RuntimeApiLoopback;
import io.haneul.lambda.exec.RuntimeSdks;
import io.haneul.lambda.exec.RuntimeApiPlane;
import io.haneul.lambda.exec.RuntimeCatalog;
import io.haneul.lambda.domain.VersionRouter;
import io.haneul.lambda.store.SqlAliasStore;
import io.haneul.lambda.store.SqlAsyncConfigStore;
import io.haneul.lambda.store.SqlFunctionStore;
import io.haneul.lambda.store.SqlFunctionUrlStore;
import io.haneul.lambda.url.FunctionUrlEndpoint;
import io.haneul.lambda.url.FunctionUrlPlane;
import io.haneul.lambda.url.FunctionUrlService;
import io.haneul.lambda.url.UrlInvoker;
import io.haneul.lambda.store.SqlVersionStore;
import io.haneul.lambda.store.SqlPolicyStore;
import io.haneul.lambda.esm.SqsPollers;
import io.haneul.lambda.store.SqlMappingStore;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Registers Lambda with the server and wires its parts. Options: {@code --lambda-idle-seconds}
 * (how long a warm environment waits for its next invocation before its process is stopped,
 * default 300), {@code --lambda-code-dir} (default {@code <data-dir>/lambda}),
 * {@code --lambda-max-unzipped-bytes} (default AWS's 262,144,000), {@code --lambda-concurrency-limit}
 * (environments per account, default AWS's 1,000), {@code --lambda-sdk-dir} (the SDKs functions import,
 * installed by {@code services/lambda/sdk/install-sdks}).
 */
public final class LambdaModule implements ServiceModule {

    @Override
    public String id() {
        return "lambda";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("lambda-2015-03-31");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Path home = Path.of(env.setting("lambda-code-dir", Path.of(env.setting("data-dir", ".haneul")).resolve("lambda").toString()));
        Duration idle = Duration.ofSeconds(Long.parseLong(env.setting("lambda-idle-seconds", "300")));
        String endpoint = env.find(ServerAddress.class).map(ServerAddress::endpoint)
                .orElse("http://127.0.0.1:" + env.setting("port", "4566"));
        EnvironmentSettings settings = new EnvironmentSettings(endpoint, Duration.ofSeconds(10), Duration.ofSeconds(20),
                "strict".equals(env.setting("auth", "permissive")),
                Integer.parseInt(env.setting("lambda-concurrency-limit", "1000")));
        EnvironmentPool<ExecutionEnvironment> pool = new EnvironmentPool<>(env.clock(), idle);
        FunctionLogs logs = new FunctionLogs(home.resolve("logs"));
        LambdaRuntime runtime = new LambdaRuntime(pool, settings, logs, idle.dividedBy(4));
        RuntimeCatalog catalog = new RuntimeCatalog(System.getenv("PATH"),
                Path.of(Optional.ofNullable(System.getenv("PYENV_ROOT")).orElse(System.getProperty("user.home") + "/.pyenv")),
                JdkHomes.onThisMachine());
        FunctionRules rules = new FunctionRules(json);
        long maxUnzipped = Long.parseLong(env.setting("lambda-max-unzipped-bytes", "262144000"));
        CodeUnpacker unpacker = new CodeUnpacker(home.resolve("code"), home.resolve("zips"), maxUnzipped);
        Database db = env.require(Database.class);
        LayerService layers = new LayerService(new SqlLayerStore(db, json), unpacker, env.clock(), json);
        CodeAndLayers code = new CodeAndLayers(new CodeSource(() -> env.find(ObjectStorage.class), unpacker.maxUnpackedBytes()),
                new CodeLinks(endpoint, unpacker, env.clock(), new SecureRandom()), layers);
        ExecutionRoles roles = new ExecutionRoles(() -> env.find(RoleDirectory.class), settings.strictAuth(), env.clock());
        SqlFunctionStore functionStore = new SqlFunctionStore(db, json);
        SqlAliasStore aliasStore = new SqlAliasStore(db, json);
        SqlVersionStore versionStore = new SqlVersionStore(db, json);
        FunctionVersions versions = new FunctionVersions(versionStore, aliasStore,
                new VersionRouter(() -> ThreadLocalRandom.current().nextDouble()));
        FunctionService functions = new FunctionService(functionStore, unpacker, catalog, rules, env.clock(), runtime.background(),
                changed -> pool.stopIdleOf(key -> key.startsWith(FunctionRunner.versionKey(changed))), versions,
                new ConfigurationChecks(layers, roles));
        functions.settleLeftovers();
        SqlAsyncConfigStore asyncStore = new SqlAsyncConfigStore(db, json);
        ConcurrencyService concurrency = new ConcurrencyService(functions, asyncStore, settings.accountConcurrency(), maxUnzipped,
                env.clock());
        RuntimeSdks sdks = new RuntimeSdks(sdkDir(env));
        sdks.linkForModules(home.resolve("code"));
        RuntimeApiLoopback loopback = new RuntimeApiLoopback(pool::byId, settings.nextPoll());
        MemoryWatch memoryWatch = new MemoryWatch(20);
        runtime.closeAfterPool(loopback);
        runtime.closeAfterPool(memoryWatch);
        runtime.closeAfterPool(logs);
        FunctionRunner runner = new FunctionRunner(pool, catalog, logs, settings, home.resolve("runtime"), loopback, memoryWatch,
                sdks, env.clock(), concurrency::reservedOf, new FunctionProcessExtras(layers, new OptDirectory(home.resolve("opt")), settings.strictAuth(),
                        () -> env.find(RoleSessions.class)));
        EventInvokeConfigService eventConfigs = new EventInvokeConfigService(functions, asyncStore, env.clock());
        AsyncInvocations async = new AsyncInvocations(env.require(DurableScheduler.class), functions, runner, eventConfigs,
                new Destinations(() -> env.find(QueueDelivery.class), () -> env.find(TopicDelivery.class)), json, env.clock());
        PermissionService permissions = new PermissionService(functions, new SqlPolicyStore(db), new PermissionStatements(json));
        InvokeService invocations = new InvokeService(functions, runner, rules, async, permissions);
        java.util.function.Supplier<Optional<QueueConsumer>> queues = () -> env.find(QueueConsumer.class);
        SqsPollers pollers = new SqsPollers(queues, () -> invocations, json, env.clock(), settings.accountConcurrency());
        MappingService mappings = new MappingService(new SqlMappingStore(db, json), functions, queues,
                pollers, runtime.background(), env.clock(), json);
        // in the background: SQS's consumer is looked up when a poller starts, and SQS may start after Lambda
        runtime.background().execute(mappings::resume);
        FunctionUrlService urls = new FunctionUrlService(new SqlFunctionUrlStore(db, json),
                functions::get, env.clock(), java.net.URI.create(endpoint).getPort());
        ResponseStreams streams = new ResponseStreams(invocations, new ResponseStreamEvents(json));
        UrlInvoker urlInvoker = new UrlInvoker() {
            @Override
            public Result invoke(String account, String region, String name, String qualifier, byte[] event) {
                InvokeService.Answer a = invocations.invoke(account, region, name, qualifier,
                        io.haneul.core.spi.FunctionInvoker.InvocationType.REQUEST_RESPONSE, event, false);
                return new UrlInvoker.Result(a.payload(), a.functionError());
            }

            @Override
            public Stream stream(String account, String region, String name, String qualifier, byte[] event) {
                return streams.raw(account, region, name, qualifier, event);
            }
        };
        io.haneul.lambda.store.SqlFunctionSettingsStore functionSettings = new io.haneul.lambda.store.SqlFunctionSettingsStore(db);
        FunctionExtras extras = new FunctionExtras(
                new CodeSigningService(new io.haneul.lambda.store.SqlCodeSigningStore(db, json), functionSettings, functions, env.clock(),
                        new SecureRandom()),
                new FunctionSettingsService(functionSettings, functions), streams, new InvokeAsyncRoute(invocations));
        return new LambdaProvider(functions, invocations, runtime, new AliasService(functions, aliasStore),
                new VersionService(functions, versionStore, env.clock()), urls, new FunctionUrlEndpoint(urls, urlInvoker, json),
                new AsyncConfigOperations(eventConfigs, concurrency, asyncStore), permissions, code, mappings, pollers, extras);
    }

    /**
     * {@code --lambda-sdk-dir}: where the project's setup installed the SDKs functions import (the
     * launcher passes its own); none when unset or missing.
     */
    private static Path sdkDir(ServiceEnvironment env) {
        String dir = env.setting("lambda-sdk-dir", "");
        return dir.isBlank() || !java.nio.file.Files.isDirectory(Path.of(dir)) ? null : Path.of(dir);
    }

    /**
     * Lambda starts with the server so that Event invocations queued before a restart run without
     * waiting for a first Lambda request (its scheduler handler is registered by the provider), and
     * so that the pollers of enabled SQS event source mappings run again. No function process starts
     * before an invocation.
     */
    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return LambdaProvider.class;
    }

    @Override
    public Optional<Object> export(Class<?> type, Object provider) {
        if (type == FunctionInvoker.class && provider instanceof LambdaProvider lambda) {
            return Optional.of(lambda.invoker());
        }
        return Optional.empty();
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new RuntimeApiPlane(), new FunctionUrlPlane());
    }

    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return LambdaRoutes.routes();
    }

    /**
     * CreateFunction carries up to 50 MB of zip inline, base64 in JSON (about 67 MB); Invoke's payload
     * limits (6 MB, 256 KB) are answered by the service itself with RequestEntityTooLargeException.
     */
    @Override
    public long maxRequestBytes(String modelId) {
        return 70L * 1024 * 1024;
    }
}
