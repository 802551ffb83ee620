package io.haneul.it.cloudsearch;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link CloudSearchDomainsIT} on PostgreSQL storage (embedded): the configuration store's SQL on the other engine. */
class CloudSearchDomainsPostgresIT extends CloudSearchDomainsIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_cs_domains_"));
    }
}
