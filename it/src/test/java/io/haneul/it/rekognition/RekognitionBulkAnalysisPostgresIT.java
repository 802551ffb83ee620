package io.haneul.it.rekognition;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link RekognitionBulkAnalysisIT} on PostgreSQL: the job table, its token index and its listing order on that dialect. */
class RekognitionBulkAnalysisPostgresIT extends RekognitionBulkAnalysisIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_rekognition_bulk"));
    }
}
