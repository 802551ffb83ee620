package io.haneul.sagemaker.processing;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.hosting.store.HostingStore;
import io.haneul.sagemaker.SageMakerSettings;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.util.function.Predicate;

/**
 * Builds SageMaker's processing jobs for the module: the API part, the scheduler handler (kind
 * {@value ProcessingJobs#KIND}) and a close hook that stops this node's jobs. Jobs are kept in hosting's
 * resource table (kind {@value ProcessingJobs#KIND_ROW}), so their tags live with the others.
 */
public final class ProcessingWiring implements AutoCloseable {

    private final ProcessingApi api;
    private final ProcessingRunner runner;

    private ProcessingWiring(ProcessingApi api, ProcessingRunner runner) {
        this.api = api;
        this.runner = runner;
    }

    public static ProcessingWiring create(ServiceEnvironment env, SageMakerSettings settings) {
        Database db = env.require(Database.class);
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        ProcessingJobs jobs = new ProcessingJobs(new HostingStore(db), scheduler, env.clock());
        ProcessingRunner runner = new ProcessingRunner(jobs, () -> env.find(ObjectStorage.class), settings.python(), env.clock(),
                settings.serverEndpoint(), scheduler, settings.parallelJobs());
        scheduler.register(ProcessingJobs.KIND, runner);
        return new ProcessingWiring(new ProcessingApi(jobs), runner);
    }

    /** The ARN resource type of processing jobs, for AddTags/ListTags. */
    public static String arnType() {
        return ProcessingJobs.KIND_ROW;
    }

    /** Whether a processing job exists, for AddTags/ListTags (the ARN's name is lower case). */
    public static Predicate<Arns.Parts> exists(Database db) {
        HostingStore store = new HostingStore(db);
        return p -> store.existsByArnName(p.account(), p.region(), ProcessingJobs.KIND_ROW, p.name());
    }

    public ProcessingApi api() {
        return api;
    }

    @Override
    public void close() {
        runner.close();
    }
}
