package io.haneul.it.rekognition;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/**
 * {@link RekognitionCustomLabelsIT} on PostgreSQL: entry filters by substring, label counts, tags removed
 * by ARN prefix, and migrations 54 and 55 applied on that dialect.
 */
class RekognitionCustomLabelsPostgresIT extends RekognitionCustomLabelsIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_rekognition_labels"));
    }
}
