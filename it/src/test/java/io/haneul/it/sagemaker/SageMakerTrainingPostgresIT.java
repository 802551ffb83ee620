package io.haneul.it.sagemaker;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link SageMakerTrainingIT} with SageMaker's training tables (and S3's) in PostgreSQL (embedded). */
class SageMakerTrainingPostgresIT extends SageMakerTrainingIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--services", "sagemaker,s3", "--sagemaker-parallel-jobs", "2",
                "--storage", SharedPostgres.newDatabase("haneul_sagemaker_training"));
    }
}
