package io.haneul.apigateway.openapi;

/**
 * Stores the items of an import that live beside the resources (models, request validators,
 * authorizers, gateway responses), each kind by the part that owns it. {@link ImportPlan} already
 * gives them their ids, which the imported methods refer to.
 */
@FunctionalInterface
public interface ImportedItems {

    /**
     * @param overwrite true for ImportRestApi and PutRestApi {@code overwrite}: the API's items of this
     *                  kind are replaced; false ({@code merge}): the plan's items are added or replace
     *                  those of the same name
     */
    void store(String account, String region, String apiId, ImportPlan plan, boolean overwrite);
}
