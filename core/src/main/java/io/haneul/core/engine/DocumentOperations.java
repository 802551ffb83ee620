package io.haneul.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Operations a provider (or one of its {@link ProviderParts parts}) answers on JSON documents rather
 * than SDK classes: those the service's API model has and the AWS SDK for Java Haneul is built with
 * lacks (AWS drops operations from newer SDKs, e.g. Elastic Transcoder's TestRole, while older clients
 * still call them, and adds operations to models before the SDK version Haneul uses). Served on the
 * JSON protocols (awsJson and restJson1: the input is the request's JSON body, with restJson1's URI
 * labels added under their names; the output is written as the JSON body) and on restXml (the input
 * from URI labels, the query string, headers and the XML body, the output as headers, status and XML,
 * all by the model's members: see {@code io.haneul.core.protocol.XmlDocuments}).
 *
 * <p>The wire names are also listed on the class with {@link Names}, because coverage is computed from
 * classes, before (or without) a provider being made.
 */
public interface DocumentOperations {

    /** Handlers by the operation's wire name, e.g. {@code "TestRole"}. */
    Map<String, DocumentHandler> documentOperations();

    /** One operation on documents: the parsed input in, the output document out. */
    @FunctionalInterface
    interface DocumentHandler {
        JsonNode handle(RequestContext context, JsonNode input) throws Exception;
    }

    /** The wire names {@link #documentOperations()} answers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Names {
        String[] value();
    }

    /**
     * Operations whose requests are the same on the wire as another operation's (the same method and
     * URI template) and that the other one's handler answers, each written {@code "Old=Answering"}: S3's
     * deprecated GetBucketLifecycle is a {@code GET /{Bucket}?lifecycle} exactly like
     * GetBucketLifecycleConfiguration's, whose answer old clients read. No server can tell such requests
     * apart, so the answering operation serves both and the old one counts as implemented. The engine
     * refuses to start when the two bindings differ ({@link ServiceBinding}).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface AnsweredAs {
        String[] value();
    }
}
