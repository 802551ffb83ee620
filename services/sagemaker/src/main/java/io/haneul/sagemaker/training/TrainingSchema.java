package io.haneul.sagemaker.training;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * SageMaker's training tables (component {@code sagemaker-training}). A training job is kept as its
 * DescribeTrainingJob document ({@code doc}, SDK wire names) with the columns ListTrainingJobs filters
 * and sorts on beside it; its log lines (the CloudWatch stream AWS writes under
 * {@code /aws/sagemaker/TrainingJobs}) are rows numbered per job. Tuning jobs are kept the same way
 * (their DescribeHyperParameterTuningJob document); their training jobs carry the tuning job's ARN. The objective
 * values, epoch by epoch, of a tuning job's ended training jobs are kept for early stopping ({@link MedianStopping}).
 */
public final class TrainingSchema {

    public static final String COMPONENT = "sagemaker-training";

    public static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "training jobs and their logs", """
            CREATE TABLE sagemaker_training_jobs (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                status TEXT NOT NULL, created_ms BIGINT NOT NULL, modified_ms BIGINT NOT NULL, tuning_job TEXT,
                doc TEXT NOT NULL, PRIMARY KEY (account, region, name));
            CREATE INDEX sagemaker_training_jobs_by_time ON sagemaker_training_jobs (account, region, created_ms);
            CREATE INDEX sagemaker_training_jobs_by_tuning ON sagemaker_training_jobs (account, region, tuning_job);
            CREATE TABLE sagemaker_training_logs (account TEXT NOT NULL, region TEXT NOT NULL, job TEXT NOT NULL,
                seq INTEGER NOT NULL, at_ms BIGINT NOT NULL, message TEXT NOT NULL, PRIMARY KEY (account, region, job, seq))
            """), Migration.of(2, "hyperparameter tuning jobs", """
            CREATE TABLE sagemaker_tuning_jobs (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                status TEXT NOT NULL, created_ms BIGINT NOT NULL, modified_ms BIGINT NOT NULL, doc TEXT NOT NULL,
                PRIMARY KEY (account, region, name))
            """), Migration.of(3, "objective series of tuned training jobs, for early stopping", """
            CREATE TABLE sagemaker_objective_series (account TEXT NOT NULL, region TEXT NOT NULL, tuning_job TEXT NOT NULL,
                job TEXT NOT NULL, series TEXT NOT NULL, PRIMARY KEY (account, region, job));
            CREATE INDEX sagemaker_objective_series_by_tuning ON sagemaker_objective_series (account, region, tuning_job)
            """));

    private TrainingSchema() {
    }
}
