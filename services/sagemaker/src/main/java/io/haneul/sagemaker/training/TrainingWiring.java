package io.haneul.sagemaker.training;

import io.haneul.core.internal.InternalCall;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.wire.WireResponse;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.util.List;

/**
 * Builds SageMaker's training side (training jobs and hyperparameter tuning jobs, both run on the durable scheduler) for the
 * module: the API parts to add to the provider, and a close hook that stops this node's jobs.
 * Option {@code --sagemaker-parallel-jobs} (default: the machine's cores) caps the jobs one node trains at once.
 */
public final class TrainingWiring implements AutoCloseable {

    private final List<Object> parts;
    private final TrainingJobRunner runner;
    private final TrainingLogsRoute logs;

    private TrainingWiring(List<Object> parts, TrainingJobRunner runner, TrainingLogsRoute logs) {
        this.parts = parts;
        this.runner = runner;
        this.logs = logs;
    }

    public static TrainingWiring create(ServiceEnvironment env, Algorithms algorithms) {
        Database db = env.require(Database.class);
        db.migrate(TrainingSchema.COMPONENT, TrainingSchema.MIGRATIONS);
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        SqlTrainingJobs store = new SqlTrainingJobs(db);
        TrainingJobs jobs = new TrainingJobs(store, scheduler, algorithms, env.clock());
        int parallel = Math.max(1, Integer.parseInt(env.setting("sagemaker-parallel-jobs",
                String.valueOf(Runtime.getRuntime().availableProcessors()))));
        TrainingJobRunner runner = new TrainingJobRunner(jobs, store, algorithms, () -> env.find(ObjectStorage.class), scheduler,
                env.clock(), parallel);
        scheduler.register(TrainingJobs.KIND, runner);
        TrainingLogsRoute logs = new TrainingLogsRoute(store);
        TuningJobs tuning = new TuningJobs(new SqlTuningJobs(db), store, jobs, scheduler, env.clock());
        scheduler.register(TuningJobs.KIND, new TuningJobRunner(tuning, scheduler, env.clock()));
        return new TrainingWiring(List.of(new TrainingJobApi(jobs, logs), new TuningJobApi(tuning)), runner, logs);
    }

    /** The provider parts of the training operations. */
    public List<Object> parts() {
        return parts;
    }

    /** The part classes, for the provider's {@code @ProviderParts.Types}. */
    public static List<Class<?>> partTypes() {
        return List.of(TrainingJobApi.class, TuningJobApi.class);
    }

    /** {@code GET /_haneul/sagemaker/logs/TrainingJobs/<job>}. */
    public WireResponse logs(InternalCall call) {
        return logs.handle(call);
    }

    public static String logsRoute() {
        return "GET " + TrainingLogsRoute.PATH;
    }

    @Override
    public void close() {
        runner.close();
    }
}
