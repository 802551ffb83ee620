package io.haneul.it.swf;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link SwfVisibilityIT} on PostgreSQL storage (embedded): the same listings through PostgreSQL's planner and triggers. */
class SwfVisibilityPostgresIT extends SwfVisibilityIT {

    @Override
    TestServer newServer() {
        return TestServer.start("--swf-poll-seconds", "2", "--storage", SharedPostgres.newDatabase("swfvis"));
    }
}
