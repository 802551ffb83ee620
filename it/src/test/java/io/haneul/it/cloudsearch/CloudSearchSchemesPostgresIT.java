package io.haneul.it.cloudsearch;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link CloudSearchSchemesIT} on PostgreSQL storage (embedded): option definitions, deployments and deletions on the other engine. */
class CloudSearchSchemesPostgresIT extends CloudSearchSchemesIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_cs_schemes_"));
    }
}
