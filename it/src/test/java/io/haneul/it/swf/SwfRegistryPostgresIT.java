package io.haneul.it.swf;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link SwfRegistrySdkV2IT} on PostgreSQL storage (embedded). */
class SwfRegistryPostgresIT extends SwfRegistrySdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("swf"));
    }
}
