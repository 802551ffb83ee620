package io.haneul.lambda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.QueueConsumer;
import io.haneul.core.spi.QueueDelivery;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.core.spi.RoleSessions;
import io.haneul.core.spi.ServerAddress;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.lambda.code.CodeUnpacker;
import io.haneul.lambda.code.OptDirectory;
import io.haneul.lambda.domain.FunctionRules;
import io.haneul.lambda.domain.PermissionStatements;
import io.haneul.lambda.domain.VersionRouter;
import io.haneul.lambda.esm.SqsPollers;
import io.haneul.lambda.exec.EnvironmentPool;
import io.haneul.lambda.exec.EnvironmentSettings;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;
import io.haneul.lambda.exec.FunctionRunner;
import io.haneul.lambda.exec.JdkHomes;
import io.haneul.lambda.exec.MemoryWatch;
import io.haneul.lambda.exec.RuntimeApiLoopback;
import io.haneul.lambda.exec.RuntimeCatalog;
import io.haneul.lambda.exec.RuntimeSdks;
import io.haneul.lambda.store.SqlAliasStore;
import io.haneul.lambda.store.SqlAsyncConfigStore;
import io.haneul.lambda.store.SqlCodeSigningStore;
import io.haneul.lambda.store.SqlFunctionSettingsStore;
import io.haneul.lambda.store.SqlFunctionStore;
import io.haneul.lambda.store.SqlFunctionUrlStore;
import io.haneul.lambda.store.SqlLayerStore;
import io.haneul.lambda.store.SqlMappingStore;
import io.haneul.lambda.store.SqlPolicyStore;
import io.haneul.lambda.store.SqlVersionStore;
import io.haneul.lambda.url.FunctionUrlEndpoint;
import io.haneul.lambda.url.FunctionUrlService;
import io.haneul.lambda.url.UrlInvoker;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Builds Lambda's parts from the server's environment and options, topic by topic (processes,
 * functions and code, invocations, event sources, URLs, the rest), so that {@link LambdaModule}
 * only says what the service is. Each step uses what the earlier ones built; nothing here decides
 * a rule.
 */
final class LambdaWiring {

    private final ServiceEnvironment env;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Database db;
    private final Path home;
    private final String endpoint;
    private final EnvironmentSettings settings;
    private final EnvironmentPool<ExecutionEnvironment> pool;
    private final LambdaRuntime runtime;
    private final RuntimeCatalog catalog;
    private final FunctionRules rules = new FunctionRules(json);
    private final CodeUnpacker unpacker;

    LambdaWiring(ServiceEnvironment env) {
        this.env = env;
        this.db = env.require(Database.class);
        this.home = Path.of(env.setting("lambda-code-dir", Path.of(env.setting("data-dir", ".haneul")).resolve("lambda").toString()));
        Duration idle = Duration.ofSeconds(Long.parseLong(env.setting("lambda-idle-seconds", "300")));
        this.endpoint = env.find(ServerAddress.class).map(ServerAddress::endpoint)
                .orElse("http://127.0.0.1:" + env.setting("port", "4566"));
        this.settings = new EnvironmentSettings(endpoint, Duration.ofSeconds(10), Duration.ofSeconds(20),
                "strict".equals(env.setting("auth", "permissive")),
                Integer.parseInt(env.setting("lambda-concurrency-limit", "1000")));
        this.pool = new EnvironmentPool<>(env.clock(), idle);
        this.runtime = new LambdaRuntime(pool, settings, new FunctionLogs(home.resolve("logs")), idle.dividedBy(4));
        this.catalog = new RuntimeCatalog(System.getenv("PATH"),
                Path.of(Optional.ofNullable(System.getenv("PYENV_ROOT")).orElse(System.getProperty("user.home") + "/.pyenv")),
                JdkHomes.onThisMachine());
        this.unpacker = new CodeUnpacker(home.resolve("code"), home.resolve("zips"),
                Long.parseLong(env.setting("lambda-max-unzipped-bytes", "262144000")));
    }

    /** The provider with every part wired. */
    LambdaProvider provider() {
        LayerService layers = new LayerService(new SqlLayerStore(db, json), unpacker, env.clock(), json);
        CodeAndLayers code = new CodeAndLayers(new CodeSource(() -> env.find(ObjectStorage.class), unpacker.maxUnpackedBytes()),
                new CodeLinks(endpoint, unpacker, env.clock(), new SecureRandom()), layers);
        SqlAliasStore aliasStore = new SqlAliasStore(db, json);
        SqlVersionStore versionStore = new SqlVersionStore(db, json);
        FunctionService functions = functions(layers, aliasStore, versionStore);
        SqlAsyncConfigStore asyncStore = new SqlAsyncConfigStore(db, json);
        ConcurrencyService concurrency = new ConcurrencyService(functions, asyncStore, settings.accountConcurrency(),
                unpacker.maxUnpackedBytes(), env.clock());
        FunctionRunner runner = runner(layers, concurrency);
        EventInvokeConfigService eventConfigs = new EventInvokeConfigService(functions, asyncStore, env.clock());
        PermissionService permissions = new PermissionService(functions, new SqlPolicyStore(db), new PermissionStatements(json));
        InvokeService invocations = new InvokeService(functions, runner, rules, asyncInvocations(functions, runner, eventConfigs),
                permissions);
        SqsPollers pollers = new SqsPollers(queues(), () -> invocations, json, env.clock(), settings.accountConcurrency());
        MappingService mappings = mappings(functions, pollers);
        FunctionUrlService urls = new FunctionUrlService(new SqlFunctionUrlStore(db, json), functions::get, env.clock(),
                URI.create(endpoint).getPort());
        ResponseStreams streams = new ResponseStreams(invocations, new ResponseStreamEvents(json));
        return new LambdaProvider(functions, invocations, runtime, new AliasService(functions, aliasStore),
                new VersionService(functions, versionStore, env.clock()), urls,
                new FunctionUrlEndpoint(urls, urlInvoker(invocations, streams), permissions::allowsUrl, json),
                new AsyncConfigOperations(eventConfigs, concurrency, asyncStore), permissions, code, mappings, pollers,
                extras(functions, invocations, streams));
    }

    /** The functions' store and rules; a function a stopped server left in a transition is settled now. */
    private FunctionService functions(LayerService layers, SqlAliasStore aliasStore, SqlVersionStore versionStore) {
        FunctionVersions versions = new FunctionVersions(versionStore, aliasStore,
                new VersionRouter(() -> ThreadLocalRandom.current().nextDouble()));
        ExecutionRoles roles = new ExecutionRoles(() -> env.find(RoleDirectory.class), settings.strictAuth(), env.clock());
        FunctionService functions = new FunctionService(new SqlFunctionStore(db, json), unpacker, catalog, rules, env.clock(),
                runtime.background(), changed -> pool.stopIdleOf(key -> key.startsWith(FunctionRunner.versionKey(changed))), versions,
                new ConfigurationChecks(layers, roles));
        functions.settleLeftovers();
        return functions;
    }

    /** What starts and talks to function processes: SDKs, the Java loopback listener, the memory watch. */
    private FunctionRunner runner(LayerService layers, ConcurrencyService concurrency) {
        RuntimeSdks sdks = new RuntimeSdks(sdkDir());
        sdks.linkForModules(home.resolve("code"));
        RuntimeApiLoopback loopback = new RuntimeApiLoopback(pool::byId, settings.nextPoll());
        MemoryWatch memoryWatch = new MemoryWatch(20);
        runtime.closeAfterPool(loopback);
        runtime.closeAfterPool(memoryWatch);
        runtime.closeAfterPool(runtime.logs());
        return new FunctionRunner(pool, catalog, runtime.logs(), settings, home.resolve("runtime"), loopback, memoryWatch,
                sdks, env.clock(), concurrency::reservedOf, new FunctionProcessExtras(layers, new OptDirectory(home.resolve("opt")),
                settings.strictAuth(), () -> env.find(RoleSessions.class)));
    }

    private AsyncInvocations asyncInvocations(FunctionService functions, FunctionRunner runner, EventInvokeConfigService eventConfigs) {
        return new AsyncInvocations(env.require(DurableScheduler.class), functions, runner, eventConfigs,
                new Destinations(() -> env.find(QueueDelivery.class), () -> env.find(TopicDelivery.class)), json, env.clock());
    }

    /** SQS event source mappings; the enabled ones poll again, in the background (SQS may start after Lambda). */
    private MappingService mappings(FunctionService functions, SqsPollers pollers) {
        MappingService mappings = new MappingService(new SqlMappingStore(db, json), functions, queues(), pollers,
                runtime.background(), env.clock(), json);
        runtime.background().execute(mappings::resume);
        return mappings;
    }

    private Supplier<Optional<QueueConsumer>> queues() {
        return () -> env.find(QueueConsumer.class);
    }

    /** Function URLs invoke through Invoke's own path (RequestResponse), or stream for {@code RESPONSE_STREAM}. */
    private static UrlInvoker urlInvoker(InvokeService invocations, ResponseStreams streams) {
        return new UrlInvoker() {
            @Override
            public Result invoke(String account, String region, String name, String qualifier, byte[] event) {
                InvokeService.Answer a = invocations.invoke(account, region, name, qualifier,
                        FunctionInvoker.InvocationType.REQUEST_RESPONSE, event, false);
                return new UrlInvoker.Result(a.payload(), a.functionError());
            }

            @Override
            public Stream stream(String account, String region, String name, String qualifier, byte[] event) {
                return streams.raw(account, region, name, qualifier, event);
            }
        };
    }

    private FunctionExtras extras(FunctionService functions, InvokeService invocations, ResponseStreams streams) {
        SqlFunctionSettingsStore functionSettings = new SqlFunctionSettingsStore(db);
        return new FunctionExtras(new CodeSigningService(new SqlCodeSigningStore(db, json), functionSettings, functions, env.clock(),
                new SecureRandom()), new FunctionSettingsService(functionSettings, functions), streams, new InvokeAsyncRoute(invocations));
    }

    /**
     * {@code --lambda-sdk-dir}: where the project's setup installed the SDKs functions import (the
     * launcher passes its own); none when unset or missing.
     */
    private Path sdkDir() {
        String dir = env.setting("lambda-sdk-dir", "");
        return dir.isBlank() || !Files.isDirectory(Path.of(dir)) ? null : Path.of(dir);
    }
}
