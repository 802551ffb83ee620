package io.haneul.appstream;

import io.haneul.appstream.streaming.StreamingEngine;
import software.amazon.awssdk.services.appstream.model.Fleet;
import software.amazon.awssdk.services.appstream.model.Stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the streaming engine what an ALWAYS_ON fleet keeps started: its capacity while it runs, none
 * otherwise (ON_DEMAND fleets start a session's display when its URL is opened). Called whenever a
 * fleet is read, since that is when a started or stopped fleet's new state takes effect.
 */
final class Prewarming {

    private final Catalog catalog;
    private final StreamingEngine engine;

    Prewarming(Catalog catalog, StreamingEngine engine) {
        this.catalog = catalog;
        this.engine = engine;
    }

    void follow(Scope s, Fleet f) {
        if (!"ALWAYS_ON".equals(f.fleetTypeAsString())) {
            return;
        }
        boolean running = "RUNNING".equals(f.stateAsString());
        engine.keepWarm(f.arn(), running ? FleetApi.sessionCap(f) : 0, running ? stackSettings(s, f.name()) : Map.of());
    }

    /** The user settings of the stack the fleet is associated with (none: AWS's defaults). */
    private Map<String, Boolean> stackSettings(Scope s, String fleet) {
        return catalog.links().byA(s.account(), s.region(), Kinds.FLEET_STACK, fleet).stream().findFirst()
                .flatMap(l -> catalog.find(s, Kinds.STACK, l.b())).map(Prewarming::userSettings).orElse(Map.of());
    }

    /** A stack's user settings as the engine takes them: action to enabled. */
    static Map<String, Boolean> userSettings(Stack stack) {
        Map<String, Boolean> settings = new LinkedHashMap<>();
        if (stack.hasUserSettings()) {
            stack.userSettings().forEach(u -> settings.put(u.actionAsString(), "ENABLED".equals(u.permissionAsString())));
        }
        return settings;
    }
}
