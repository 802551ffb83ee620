package io.haneul.it.cluster;

import io.haneul.server.HaneulServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one host asking for the same SMTP port: the second cannot bind it, keeps serving
 * its HTTP APIs, and its health says the listener failed (with the port and why) instead of
 * claiming SES's SMTP interface runs.
 */
class SmtpPortPerNodeIT {

    @TempDir
    Path tmp;

    @Test
    void theSecondNodeOnABusySmtpPortReportsItInHealth() throws Exception {
        String port = String.valueOf(ClusterNodes.freePort());
        try (HaneulServer first = ClusterNodes.node(ClusterNodes.dir(tmp, "a"), "sqlite", "--smtp-port", port);
             HaneulServer second = ClusterNodes.node(ClusterNodes.dir(tmp, "b"), "sqlite", "--smtp-port", port)) {
            String ok = ClusterNodes.health(first).replaceAll("\\s", "");
            String busy = ClusterNodes.health(second).replaceAll("\\s", "");
            assertTrue(ok.contains("\"smtp\":{\"state\":\"listening\",\"port\":" + port), ok);
            assertTrue(busy.contains("\"smtp\":{\"state\":\"failed\",\"port\":" + port + ",\"error\":"), busy);
            assertTrue(busy.contains("\"ses\":\"running\""), "the HTTP APIs still run: " + busy);
        }
        try (HaneulServer off = ClusterNodes.node(ClusterNodes.dir(tmp, "c"), "sqlite", "--smtp-port", "-1")) {
            String health = ClusterNodes.health(off).replaceAll("\\s", "");
            assertTrue(health.contains("\"smtp\":{\"state\":\"disabled\""), health);
        }
    }
}
