package io.haneul.apigateway.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * API Gateway's tables. Every item is a JSON document in AWS's wire names (what the API returns),
 * keyed by the REST API's id, which is unique across accounts so that the invoke data plane can find
 * an API from its URL alone; the owning account and region sit on the API's row. Custom domain
 * names are global too (a Host header finds them), each with its base path mappings. Methods, their
 * responses and integrations live inside their resource's document (they are always read and
 * written with it). A deployment keeps the frozen resource tree it was made from. The API's other
 * items (models, request validators, gateway responses, authorizers) are rows by kind, and a
 * deployment freezes them too, since AWS serves them as deployed (an edited authorizer applies once
 * the API is redeployed). API keys and usage plans belong to an account and region; quota use is
 * counted per plan, key and UTC day in {@code apigw_usage} so that every node sharing a PostgreSQL
 * database counts against one quota.
 */
final class ApiGatewaySchema {

    private ApiGatewaySchema() {
    }

    static List<Migration> migrations() {
        return List.of(Migration.of(1, "rest apis, resources, deployments, stages", """
                CREATE TABLE apigw_rest_apis (
                  api_id TEXT NOT NULL PRIMARY KEY,
                  account TEXT NOT NULL, region TEXT NOT NULL, doc TEXT NOT NULL);
                CREATE INDEX apigw_rest_apis_owner ON apigw_rest_apis (account, region);
                CREATE TABLE apigw_resources (
                  api_id TEXT NOT NULL, resource_id TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (api_id, resource_id));
                CREATE TABLE apigw_deployments (
                  api_id TEXT NOT NULL, deployment_id TEXT NOT NULL, doc TEXT NOT NULL, snapshot TEXT NOT NULL,
                  PRIMARY KEY (api_id, deployment_id));
                CREATE TABLE apigw_stages (
                  api_id TEXT NOT NULL, stage_name TEXT NOT NULL, deployment_id TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (api_id, stage_name));
                """),
                // the API's other items, by kind (model, requestvalidator, gatewayresponse, authorizer), keyed by name, id or type
                Migration.of(2, "api items: models, request validators, gateway responses", """
                CREATE TABLE apigw_api_items (
                  api_id TEXT NOT NULL, kind TEXT NOT NULL, item_key TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (api_id, kind, item_key));
                """),
                // what CreateDeployment froze of those items: {kind: {key: doc}}
                Migration.of(3, "deployed api items", """
                CREATE TABLE apigw_deployment_items (
                  api_id TEXT NOT NULL, deployment_id TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (api_id, deployment_id));
                """),
                Migration.of(8, "api keys, usage plans and their keys", """
                CREATE TABLE apigw_api_keys (
                  key_id TEXT NOT NULL PRIMARY KEY,
                  account TEXT NOT NULL, region TEXT NOT NULL, key_value TEXT NOT NULL, doc TEXT NOT NULL);
                CREATE UNIQUE INDEX apigw_api_keys_value ON apigw_api_keys (account, region, key_value);
                CREATE TABLE apigw_usage_plans (
                  plan_id TEXT NOT NULL PRIMARY KEY,
                  account TEXT NOT NULL, region TEXT NOT NULL, doc TEXT NOT NULL);
                CREATE INDEX apigw_usage_plans_owner ON apigw_usage_plans (account, region);
                CREATE TABLE apigw_usage_plan_keys (
                  plan_id TEXT NOT NULL, key_id TEXT NOT NULL,
                  PRIMARY KEY (plan_id, key_id));
                CREATE INDEX apigw_usage_plan_keys_key ON apigw_usage_plan_keys (key_id);
                """),
                Migration.of(9, "usage plan quota counts per key and day", """
                CREATE TABLE apigw_usage (
                  plan_id TEXT NOT NULL, key_id TEXT NOT NULL, day TEXT NOT NULL,
                  used BIGINT NOT NULL DEFAULT 0, granted BIGINT NOT NULL DEFAULT 0,
                  PRIMARY KEY (plan_id, key_id, day));
                """),
                Migration.of(11, "custom domain names and base path mappings", """
                CREATE TABLE apigw_domain_names (
                  domain_name TEXT NOT NULL PRIMARY KEY,
                  account TEXT NOT NULL, region TEXT NOT NULL, doc TEXT NOT NULL);
                CREATE INDEX apigw_domain_names_owner ON apigw_domain_names (account, region);
                CREATE TABLE apigw_base_path_mappings (
                  domain_name TEXT NOT NULL, base_path TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (domain_name, base_path));
                """),
                Migration.of(12, "documentation, client certificates, VPC links, account settings", """
                CREATE TABLE apigw_items (
                  kind TEXT NOT NULL, scope TEXT NOT NULL, item_id TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (kind, scope, item_id));
                """),
                // stages' access log lines, kept across restarts (the newest of each stage; logged_at in microseconds, see SqlAccessLogStore)
                Migration.of(20, "stage access logs", """
                CREATE TABLE apigw_access_logs (
                  api_id TEXT NOT NULL, stage TEXT NOT NULL, request_id TEXT NOT NULL,
                  account TEXT NOT NULL, logged_at BIGINT NOT NULL, line TEXT NOT NULL,
                  PRIMARY KEY (api_id, stage, request_id));
                CREATE INDEX apigw_access_logs_time ON apigw_access_logs (api_id, stage, logged_at);
                """));
    }
}
