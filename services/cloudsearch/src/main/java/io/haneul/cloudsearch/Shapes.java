package io.haneul.cloudsearch;

import io.haneul.cloudsearch.domain.OptionState;
import io.haneul.cloudsearch.store.OptionRow;
import io.haneul.core.protocol.SdkDocuments;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudsearch.model.OptionStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * SDK shapes to and from the JSON the store keeps (the codec's own field metadata, wire names), and
 * an option row's OptionStatus as AWS reports it (times to the second, as AWS's).
 */
final class Shapes {

    private final SdkDocuments sdk = new SdkDocuments();

    String write(SdkPojo shape) {
        return sdk.write(shape);
    }

    <T extends SdkPojo> T read(String json, Class<T> type) {
        return sdk.read(json, type);
    }

    static OptionStatus status(OptionRow row, long nowMillis) {
        return OptionStatus.builder().creationDate(seconds(row.createdAt())).updateDate(seconds(row.updatedAt()))
                .updateVersion((int) row.version()).state(OptionState.seen(row.state(), row.activeAt(), nowMillis).wire())
                .pendingDeletion(row.pendingDeletion()).build();
    }

    static Instant seconds(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS);
    }
}
