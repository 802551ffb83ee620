package io.haneul.appstream;

import software.amazon.awssdk.core.SdkPojo;

import java.util.function.BiFunction;

/**
 * A kind of stored resource: its table key, the SDK shape it is stored as, the ARN resource type and
 * how a document takes the state it settles into (a fleet STARTING becomes RUNNING).
 */
record Kind<T extends SdkPojo>(String key, Class<T> type, String arnType, BiFunction<T, String, T> settle) {

    static <T extends SdkPojo> Kind<T> of(String key, Class<T> type, String arnType) {
        return new Kind<>(key, type, arnType, (doc, state) -> doc);
    }
}
