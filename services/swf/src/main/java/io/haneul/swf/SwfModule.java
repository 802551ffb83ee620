package io.haneul.swf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.storage.Database;
import io.haneul.storage.Dialect;
import io.haneul.storage.DurableScheduler;
import io.haneul.swf.store.SqlDomainStore;
import io.haneul.swf.store.SqlExecutionListing;
import io.haneul.swf.store.SqlExecutionStore;
import io.haneul.swf.store.TaskListWakeups;

import java.time.Duration;
import java.util.List;

/** Registers Amazon SWF with the server and wires its parts. */
public final class SwfModule implements ServiceModule {

    @Override
    public String id() {
        return "swf";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("swf-2012-01-25");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        ObjectMapper json = new ObjectMapper();
        SdkDocuments documents = new SdkDocuments();
        SqlDomainStore registry = new SqlDomainStore(db, json);
        DomainService domains = new DomainService(registry, env.clock());
        TypeService types = new TypeService(registry, domains, documents, env.clock());
        SqlExecutionStore executions = new SqlExecutionStore(db, json, documents);
        TaskListWakeups wakeups = new TaskListWakeups(db.notifier(), db.dialect() == Dialect.POSTGRES);
        Duration pollWait = Duration.ofSeconds(Long.parseLong(env.setting("swf-poll-seconds", "60")));
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        long maxEvents = Long.parseLong(env.setting("swf-max-history-events", "25000"));
        ExecutionEngine engine = new ExecutionEngine(db, executions, scheduler, wakeups, env.clock(), maxEvents);
        ExecutionService runs = new ExecutionService(engine, executions, domains, types, env.clock());
        LambdaTasks lambdas = new LambdaTasks(engine, scheduler, () -> env.find(FunctionInvoker.class), () -> env.find(RoleDirectory.class));
        Decisions decisions = new Decisions(types, runs, lambdas);
        TaskService tasks = new TaskService(engine, executions, domains, wakeups, decisions, pollWait, env.clock());
        new Timeouts(engine, scheduler);
        new Retention(executions, scheduler);
        return new SwfProvider(domains, types, runs, new Visibility(new SqlExecutionListing(db, executions), domains), tasks);
    }

    /**
     * SWF starts with the server so that timers and timeouts stored before a restart fire without
     * waiting for a first SWF request (the scheduler's handlers are registered by the provider).
     */
    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return SwfProvider.class;
    }

    /** SWF takes requests up to 1 MB (its data fields are at most 32,768 characters each). */
    @Override
    public long maxRequestBytes(String modelId) {
        return 1024L * 1024 * 2;
    }

    /** SWF's answers write their (model-required) lists even when empty (ListDomains "domainInfos": []). */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("*");
    }
}
