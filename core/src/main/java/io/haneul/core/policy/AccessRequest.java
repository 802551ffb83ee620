package io.haneul.core.policy;

/**
 * One request as a policy judges it.
 *
 * @param principal who asks
 * @param action    {@code service:Action}, e.g. {@code sqs:SendMessage}
 * @param resource  the ARN acted on, e.g. the queue's or {@code arn:aws:s3:::bucket/key}
 * @param keys      the request's condition keys
 */
public record AccessRequest(PolicyPrincipal principal, String action, String resource, ContextKeys keys) {
}
