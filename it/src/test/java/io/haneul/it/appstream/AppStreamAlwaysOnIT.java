package io.haneul.it.appstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appstream.AppStreamClient;
import software.amazon.awssdk.services.appstream.model.ComputeCapacityStatus;
import software.amazon.awssdk.services.appstream.model.FleetType;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.haneul.it.appstream.AppStreamClients.instances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALWAYS_ON fleets keep their instances started: once the fleet runs, its displays (Xvnc and the
 * window manager as pool users) are up before any URL, DescribeFleets counts them as running and
 * available, a session opens onto one of them, and stopping the fleet stops them. An ON_DEMAND fleet
 * starts nothing before a URL is opened. Skipped where Xvnc is not installed.
 */
class AppStreamAlwaysOnIT {

    static TestServer server;
    static AppStreamClient as;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Streaming.xvncInstalled(), "no Xvnc/xterm (apt-get install tigervnc-standalone-server xterm)");
        server = TestServer.start("--appstream-transition-seconds", "0");
        as = AppStreamClients.client(server, AppStreamClients.ACCOUNT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            as.close();
            server.close();
        }
    }

    private static ComputeCapacityStatus capacity(String fleet) {
        return as.describeFleets(b -> b.names(fleet)).fleets().get(0).computeCapacityStatus();
    }

    /** The pre-warmed displays of a fleet, from Haneul's inspection route. */
    private static List<JsonNode> warm(String fleet) throws Exception {
        HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve("/_haneul/appstream/streaming-sessions"));
        assertEquals(200, r.statusCode(), JavaHttp.text(r));
        List<JsonNode> out = new ArrayList<>();
        Streaming.JSON.readTree(r.body()).path("warm").forEach(w -> {
            if (w.path("fleetArn").asText().endsWith(":fleet/" + fleet)) {
                out.add(w);
            }
        });
        return out;
    }

    private static void fleet(String name, FleetType type) {
        as.createStack(b -> b.name(name + "-stack"));
        as.createFleet(b -> b.name(name).fleetType(type).imageName("Haneul-Xterm").instanceType("stream.standard.small")
                .computeCapacity(instances(2)));
        as.associateFleet(b -> b.stackName(name + "-stack").fleetName(name));
        as.startFleet(b -> b.name(name));
    }

    @Test
    void alwaysOnFleetKeepsDisplaysReadyAndASessionOpensOntoOne() throws Exception {
        fleet("warm", FleetType.ALWAYS_ON);
        Streaming.await("two displays ready", () -> capacity("warm").available() == 2);
        ComputeCapacityStatus ready = capacity("warm");
        assertEquals(2, ready.running());
        assertEquals(0, ready.inUse());
        List<JsonNode> displays = warm("warm");
        assertEquals(2, displays.size(), displays.toString());
        List<String> numbers = displays.stream().map(d -> d.path("display").asText()).toList();
        List<Long> pids = new ArrayList<>();
        displays.forEach(d -> d.path("pids").forEach(p -> pids.add(p.asLong())));
        assertTrue(pids.size() >= 2, "Xvnc runs for each: " + pids);

        Streaming.Opened opened = Streaming.open(as.createStreamingURL(b -> b.stackName("warm-stack").fleetName("warm").userId("ann"))
                .streamingURL());
        String display = Streaming.session(server, opened.sessionId()).path("display").asText();
        assertTrue(numbers.contains(display), "the session opened onto a pre-warmed display: " + display + " of " + numbers);
        Streaming.await("one in use, one ready", () -> {
            ComputeCapacityStatus c = capacity("warm");
            return c.inUse() == 1 && c.available() == 1 && c.running() == 2;
        });

        as.stopFleet(b -> b.name("warm"));
        assertEquals(List.of(), warm("warm"), "stopping the fleet stops its displays");
        assertEquals(null, Streaming.session(server, opened.sessionId()));
        for (long pid : pids) {
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "process " + pid + " ended");
        }
    }

    @Test
    void onDemandFleetStartsNothingBeforeAUrlIsOpened() throws Exception {
        fleet("cold", FleetType.ON_DEMAND);
        ComputeCapacityStatus c = capacity("cold");
        assertEquals(2, c.running());
        assertEquals(2, c.available());
        assertEquals(List.of(), warm("cold"));
        as.stopFleet(b -> b.name("cold"));
    }
}
