package io.haneul.it.appstream;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link AppStreamResourcesIT} on PostgreSQL storage (embedded): AppStream's tables on the second store. */
class AppStreamResourcesPostgresIT extends AppStreamResourcesIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--appstream-transition-seconds", "0", "--storage", SharedPostgres.newDatabase("appstream"));
    }
}
