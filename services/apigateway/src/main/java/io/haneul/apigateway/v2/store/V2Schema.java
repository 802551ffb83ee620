package io.haneul.apigateway.v2.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * API Gateway v2's tables (component {@code apigatewayv2}). Every item is a JSON document in AWS's
 * wire names, so a stored item is the answer. Items are keyed by kind, scope and id: an API, a
 * domain name or a VPC link is scoped by its account and region; a route, integration, stage... by
 * its API's id; a route response by its API and route. API ids are unique across accounts, so the
 * data plane can find an API from its URL alone.
 */
final class V2Schema {

    private V2Schema() {
    }

    static List<Migration> migrations() {
        return List.of(Migration.of(1, "apigatewayv2 items", """
                CREATE TABLE apigwv2_items (
                  kind TEXT NOT NULL, scope TEXT NOT NULL, item_id TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (kind, scope, item_id));
                CREATE INDEX apigwv2_items_by_id ON apigwv2_items (kind, item_id);
                """),
                // WebSocket connections, written only when nodes share the database (see v2.ws.ConnectionStore)
                Migration.of(10, "apigatewayv2 websocket connections", """
                        CREATE TABLE apigwv2_ws_connections (
                          connection_id TEXT PRIMARY KEY, api_id TEXT NOT NULL, stage TEXT NOT NULL,
                          connected_at BIGINT NOT NULL, source_ip TEXT, user_agent TEXT);
                        """),
                // @connections calls for a connection another node holds, picked up by that node
                Migration.of(11, "apigatewayv2 websocket relay", """
                        CREATE TABLE apigwv2_ws_relay (
                          relay_id TEXT PRIMARY KEY, connection_id TEXT NOT NULL, action TEXT NOT NULL, data TEXT);
                        """));
    }
}
