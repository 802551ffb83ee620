package io.haneul.sagemaker.training;

import io.haneul.core.internal.InternalCall;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.wire.WireResponse;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.SageMakerSettings;
import io.haneul.sagemaker.script.ScriptTrainer;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.hosting.store.HostingStore;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;
import io.haneul.storage.DurableScheduler;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds SageMaker's training side (training jobs and hyperparameter tuning jobs, both run on the durable scheduler) for the
 * module: the API parts to add to the provider, and a close hook that stops this node's jobs. The options it
 * follows ({@link SageMakerSettings}): the jobs one node trains at once, script mode's Python, whether it installs a
 * source directory's requirements.txt.
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

    public static TrainingWiring create(ServiceEnvironment env, SageMakerSettings settings, Algorithms algorithms) {
        Database db = env.require(Database.class);
        db.migrate(TrainingSchema.COMPONENT, TrainingSchema.MIGRATIONS);
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        SqlTrainingJobs store = new SqlTrainingJobs(db);
        TrainingJobs jobs = new TrainingJobs(store, scheduler, algorithms, env.clock());
        SqlTuningJobs tuningStore = new SqlTuningJobs(db);
        TrainingJobRunner runner = new TrainingJobRunner(jobs, store, algorithms, () -> env.find(ObjectStorage.class), scheduler,
                env.clock(), settings.parallelJobs(), new ScriptTrainer(() -> env.find(ObjectStorage.class), settings.python(),
                settings.scriptPip(), settings.serverEndpoint(), settings.maxUnpackedBytes()), new EarlyStopping(tuningStore, store));
        scheduler.register(TrainingJobs.KIND, runner);
        TrainingLogsRoute logs = new TrainingLogsRoute(store);
        TuningJobs tuning = new TuningJobs(tuningStore, store, jobs, scheduler, env.clock());
        scheduler.register(TuningJobs.KIND, new TuningJobRunner(tuning, scheduler, env.clock()));
        CreateTags tags = new CreateTags(new HostingStore(db));
        return new TrainingWiring(List.of(new TrainingJobApi(jobs, logs, tags), new TuningJobApi(tuning, tags)), runner, logs);
    }

    /**
     * Lookups for AddTags, ListTags and DeleteTags on training and tuning jobs (ARN names are lower case), for
     * hosting's tag part.
     */
    public static Map<String, Predicate<Arns.Parts>> taggable(Database db) {
        return Map.of("training-job", p -> exists(db, "sagemaker_training_jobs", p),
                "hyper-parameter-tuning-job", p -> exists(db, "sagemaker_tuning_jobs", p));
    }

    private static boolean exists(Database db, String table, Arns.Parts p) {
        return db.read(c -> Sql.one(c, "SELECT 1 FROM " + table + " WHERE account = ? AND region = ? AND LOWER(name) = ?", rs -> 1,
                p.account(), p.region(), p.name())).isPresent();
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
