package io.haneul.core.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * A provider whose operations live in several objects, so that a service with many operations
 * (Lambda's 85, API Gateway's 124) keeps small files: the provider answers some operations itself
 * and hands over the objects ("parts") that answer the rest, each with methods shaped as a
 * provider's ({@code XxxResponse anyName(RequestContext, XxxRequest)}).
 *
 * <p>The parts' classes are also named on the provider's class with {@link Types}, because coverage
 * is computed from classes, before (or without) a provider being made.
 */
public interface ProviderParts {

    /** The objects that answer the provider's other operations; each operation is answered by one of them. */
    List<Object> operationParts();

    /** The classes of the parts {@link #operationParts()} returns. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Types {
        Class<?>[] value();
    }
}
