package io.haneul.core.model;

/**
 * An error shape of a model, with what goes on the wire when it is answered.
 *
 * @param shapeName   the shape's name in the model, e.g. {@code QueueDoesNotExist}
 * @param code        the error code clients see; the model's {@code error.code} where it has one
 *                    (query protocols' legacy codes such as {@code AWS.SimpleQueueService.NonExistentQueue}),
 *                    else the shape name
 * @param httpStatus  HTTP status the service answers with
 * @param senderFault true when the client is at fault ({@code Sender}), false for {@code Receiver}
 */
public record ErrorShape(String shapeName, String code, int httpStatus, boolean senderFault) {
}
