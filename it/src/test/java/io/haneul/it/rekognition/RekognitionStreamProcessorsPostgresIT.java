package io.haneul.it.rekognition;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link RekognitionStreamProcessorsIT} on PostgreSQL: one processor per name, states and tags in the shared store. */
class RekognitionStreamProcessorsPostgresIT extends RekognitionStreamProcessorsIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_rekognition_streams"));
    }
}
