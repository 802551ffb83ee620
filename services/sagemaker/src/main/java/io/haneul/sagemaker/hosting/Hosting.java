package io.haneul.sagemaker.hosting;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.TagMaps;
import io.haneul.sagemaker.hosting.store.HostingStore;
import io.haneul.storage.DurableScheduler;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemaker.model.Tag;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the hosting parts share: the store, the SDK document codec, the clock, the scheduler, the
 * algorithms and the other services they reach (S3 for model data, transform and capture; SNS for
 * asynchronous inference notifications), looked up when first needed.
 */
final class Hosting {

    static final String MODEL = "model";
    static final String ENDPOINT_CONFIG = "endpoint-config";
    static final String ENDPOINT = "endpoint";
    static final String TRANSFORM_JOB = "transform-job";

    final HostingStore store;
    final SdkDocuments docs = new SdkDocuments();
    final Clock clock;
    final DurableScheduler scheduler;
    final Algorithms algorithms;
    final Supplier<ObjectStorage> storage;
    final Supplier<Optional<TopicDelivery>> topics;

    Hosting(HostingStore store, Clock clock, DurableScheduler scheduler, Algorithms algorithms, Supplier<ObjectStorage> storage,
            Supplier<Optional<TopicDelivery>> topics) {
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.algorithms = algorithms;
        this.storage = storage;
        this.topics = topics;
    }

    <T extends SdkPojo> Optional<T> find(String account, String region, String kind, String name, Class<T> type) {
        return store.find(account, region, kind, name).map(r -> docs.read(r.doc(), type));
    }

    String write(SdkPojo doc) {
        return docs.write(doc);
    }

    static String arn(String region, String account, String kind, String name) {
        return Arns.of(region, account, kind, name);
    }

    /** Stores the tags a Create call carries (keys unique, as AWS requires). */
    void tag(String arn, List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        String duplicate = TagMaps.duplicateKey(tags);
        if (duplicate != null) {
            throw HostingException.validation("Duplicate tag keys are not allowed: " + duplicate);
        }
        store.putTags(arn, TagMaps.of(tags));
    }
}
