package io.haneul.it.transcoder;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link TranscoderControlPlaneIT} with Elastic Transcoder's tables (and S3's and SNS's) in PostgreSQL (embedded). */
class TranscoderControlPlanePostgresIT extends TranscoderControlPlaneIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--services", "elastictranscoder,s3,sns,sqs", "--storage", SharedPostgres.newDatabase("haneul_transcoder"));
    }
}
