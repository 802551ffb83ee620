package io.haneul.it.swf;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link SwfDecisionsSdkV2IT} on PostgreSQL storage (embedded). */
class SwfDecisionsPostgresIT extends SwfDecisionsSdkV2IT {

    @Override
    TestServer newServer() {
        return TestServer.start("--swf-poll-seconds", "2", "--storage", SharedPostgres.newDatabase("swf"));
    }
}
