package io.haneul.it.sqs.durability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * kill -9 durability on the default store (SQLite in the data dir): a node in a child JVM is
 * killed with SIGKILL under load, and a node restarted on the same data dir has every
 * acknowledged message exactly once, hands none to two consumers within its visibility timeout,
 * keeps FIFO order, and does not resurrect deleted messages after another kill.
 */
class SqliteKillIT {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void acknowledgedMessagesSurviveKillDashNine(@TempDir Path dir) throws Exception {
        new KillScenario(dir).run();
    }
}
