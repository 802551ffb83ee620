package io.haneul.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a provider returns when the answer has members the SDK classes Haneul is built with lack
 * (newer models add members to existing outputs, e.g. SES v2's {@code GetAccount.PricingAttributes}):
 * the SDK response object, written by the codec as usual, and a JSON document whose members are
 * merged into the written body (objects member by member, deeply; the extra document wins on
 * anything else). The JSON protocols and restXml (by the output shape's XML names) carry them; the others
 * answer the SDK response alone.
 *
 * @param response the SDK response object
 * @param extra    members to add, shaped as the newer model's output (e.g. {@code {"Tenant": {"SuppressionAttributes": {...}}}})
 */
public record ExtendedResponse(Object response, ObjectNode extra) {
}
