package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.apigateway.invoke.Templates;
import io.haneul.apigateway.v2.store.V2Store;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.storage.Database;
import io.haneul.storage.Dialect;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** Assembles the WebSocket plane and its connections for the module (one per running API Gateway). */
public final class WebSocketApis {

    private WebSocketApis() {
    }

    /**
     * @param store the v2 store the control plane writes through (its write count keys the plane's cache)
     */
    public static WebSocketApiPlane create(V2Store store, Database db, ObjectMapper json, Supplier<Optional<FunctionInvoker>> lambda,
                                           Clock clock, WsOptions options) {
        boolean shared = db.dialect() == Dialect.POSTGRES;
        Connections connections = new Connections(shared ? new ConnectionStore(db) : null, db.notifier(), clock);
        WsEvents events = new WsEvents(json);
        return new WebSocketApiPlane(new WsConfigs(store), connections, new WsIntegrations(lambda, json, events, new Templates()),
                new ConnectAuthorizer(lambda, json, events), json, clock, options);
    }
}
