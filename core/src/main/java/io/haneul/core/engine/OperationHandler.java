package io.haneul.core.engine;

/**
 * A provider's implementation of one operation, bound once at startup.
 */
@FunctionalInterface
public interface OperationHandler {
    Object handle(RequestContext context, Object request) throws Throwable;
}
