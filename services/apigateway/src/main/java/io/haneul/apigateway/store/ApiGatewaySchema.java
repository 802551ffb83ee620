package io.haneul.apigateway.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * API Gateway's tables. Every item is a JSON document in AWS's wire names (what the API returns),
 * keyed by the REST API's id, which is unique across accounts so that the invoke data plane can find
 * an API from its URL alone; the owning account and region sit on the API's row. Custom domain
 * names are global too (a Host header finds them), each with its base path mappings. Methods, their
 * responses and integrations live inside their resource's document (they are always read and
 * written with it). A deployment keeps the frozen resource tree it was made from.
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
                """));
    }
}
