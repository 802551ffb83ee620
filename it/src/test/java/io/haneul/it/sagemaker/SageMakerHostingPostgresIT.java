package io.haneul.it.sagemaker;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link SageMakerHostingIT} with SageMaker's tables (and S3's, and the scheduler's) in PostgreSQL (embedded). */
class SageMakerHostingPostgresIT extends SageMakerHostingIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--services", "sagemaker,s3", "--storage", SharedPostgres.newDatabase("haneul_sagemaker_hosting"));
    }
}
