package io.haneul.it.iam;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link IamRolesIT} on PostgreSQL storage (embedded): the same SQL must hold on both engines. */
class IamRolesPostgresIT extends IamRolesIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--storage", SharedPostgres.newDatabase("haneul_iam"));
    }
}
