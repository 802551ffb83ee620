package io.haneul.appstream;

import io.haneul.appstream.domain.Arns;
import io.haneul.appstream.store.Links;
import io.haneul.appstream.store.Resources;
import io.haneul.appstream.store.Tags;
import io.haneul.core.protocol.SdkDocuments;
import software.amazon.awssdk.core.SdkPojo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to AppStream's stored resources for one account and region at a time: documents in,
 * documents out, with pending state changes applied once they are due by the injected clock (the
 * reader that finds one due writes the settled document back).
 */
final class Catalog {

    private final Resources resources;
    private final Links links;
    private final Tags tags;
    private final Clock clock;
    private final Duration transition;
    private final SdkDocuments sdk = new SdkDocuments();

    /** @param transition how long a fleet, builder or image takes to settle (start, stop, copy) */
    Catalog(Resources resources, Links links, Tags tags, Clock clock, Duration transition) {
        this.resources = resources;
        this.links = links;
        this.tags = tags;
        this.clock = clock;
        this.transition = transition;
    }

    Instant now() {
        return clock.instant();
    }

    Links links() {
        return links;
    }

    Tags tags() {
        return tags;
    }

    String arn(Scope s, Kind<?> kind, String name) {
        return Arns.of(s.region(), s.account(), kind.arnType(), name);
    }

    <T extends SdkPojo> Optional<T> find(Scope s, Kind<T> kind, String name) {
        return resources.find(s.account(), s.region(), kind.key(), name).map(r -> settled(s, kind, r));
    }

    <T extends SdkPojo> List<T> all(Scope s, Kind<T> kind) {
        List<T> out = new ArrayList<>();
        for (Resources.Row r : resources.all(s.account(), s.region(), kind.key())) {
            out.add(settled(s, kind, r));
        }
        return out;
    }

    /** Stores a new resource; false when one of that name exists. */
    <T extends SdkPojo> boolean insert(Scope s, Kind<T> kind, String name, T doc) {
        return resources.insert(s.account(), s.region(), kind.key(), name, sdk.write(doc), null, null);
    }

    /** Stores a new resource that becomes {@code nextState} after the transition time. */
    <T extends SdkPojo> boolean insertChanging(Scope s, Kind<T> kind, String name, T doc, String nextState) {
        return resources.insert(s.account(), s.region(), kind.key(), name, sdk.write(doc), nextState, due());
    }

    <T extends SdkPojo> void replace(Scope s, Kind<T> kind, String name, T doc) {
        resources.replace(s.account(), s.region(), kind.key(), name, sdk.write(doc), null, null);
    }

    /** Replaces the document, which becomes {@code nextState} after the transition time. */
    <T extends SdkPojo> void replaceChanging(Scope s, Kind<T> kind, String name, T doc, String nextState) {
        resources.replace(s.account(), s.region(), kind.key(), name, sdk.write(doc), nextState, due());
    }

    /** Removes the resource and its tags; the caller forgets the associations that name it. */
    boolean delete(Scope s, Kind<?> kind, String name) {
        tags.forget(s.account(), s.region(), arn(s, kind, name));
        return resources.delete(s.account(), s.region(), kind.key(), name);
    }

    <T extends SdkPojo> T read(String json, Class<T> type) {
        return sdk.read(json, type);
    }

    String write(SdkPojo doc) {
        return sdk.write(doc);
    }

    private long due() {
        return clock.instant().plus(transition).toEpochMilli();
    }

    private <T extends SdkPojo> T settled(Scope s, Kind<T> kind, Resources.Row r) {
        T doc = sdk.read(r.doc(), kind.type());
        if (r.nextState() != null && r.nextAt() != null && r.nextAt() <= clock.millis()) {
            doc = kind.settle().apply(doc, r.nextState());
            resources.replace(s.account(), s.region(), kind.key(), r.name(), sdk.write(doc), null, null);
        }
        return doc;
    }
}
