package io.haneul.it.rekognition;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link RekognitionProjectPoliciesIT} on PostgreSQL: revisions replaced only while current, and migration 56 on that dialect. */
class RekognitionProjectPoliciesPostgresIT extends RekognitionProjectPoliciesIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_rekognition_policies"));
    }
}
