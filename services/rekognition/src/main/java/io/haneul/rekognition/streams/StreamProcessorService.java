package io.haneul.rekognition.streams;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlResourceTags;
import io.haneul.rekognition.store.SqlStreamProcessors;
import io.haneul.rekognition.store.StreamProcessorRow;
import software.amazon.awssdk.services.rekognition.model.ConnectedHomeSettings;
import software.amazon.awssdk.services.rekognition.model.CreateStreamProcessorRequest;
import software.amazon.awssdk.services.rekognition.model.StartStreamProcessorRequest;
import software.amazon.awssdk.services.rekognition.model.StreamProcessorParameterToDelete;
import software.amazon.awssdk.services.rekognition.model.StreamProcessorSettings;
import software.amazon.awssdk.services.rekognition.model.UpdateStreamProcessorRequest;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Stream processors with AWS's rules and states, kept as stored state: Haneul has no Kinesis Video
 * Streams, so no video ever reaches a processor and a running one answers nothing, as a processor whose
 * stream has no producer. A new processor is STOPPED; StartStreamProcessor makes it RUNNING (or FAILED,
 * with a StatusMessage, when its face collection is gone) and StopStreamProcessor STOPPED again. A
 * label-detection (ConnectedHome) session stops by itself once its StopSelector's MaxDurationInSeconds
 * has passed. The transitions are immediate: STARTING, STOPPING and UPDATING are never seen.
 */
public final class StreamProcessorService {

    public static final String STOPPED = "STOPPED";
    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";

    private static final Set<String> HOME_LABELS = Set.of("PERSON", "PET", "PACKAGE", "ALL");

    /** A processor as described: its definition, its status now, and its row. */
    public record Processor(String arn, CreateStreamProcessorRequest definition, String status, StreamProcessorRow row) {
    }

    private final SqlStreamProcessors store;
    private final SqlResourceTags tags;
    private final Collections collections;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();

    /** Whether a face collection exists. */
    @FunctionalInterface
    public interface Collections {
        boolean exists(String account, String region, String collectionId);
    }

    public StreamProcessorService(SqlStreamProcessors store, SqlResourceTags tags, Collections collections, Clock clock) {
        this.store = store;
        this.tags = tags;
        this.collections = collections;
        this.clock = clock;
    }

    public static String arn(String account, String region, String name) {
        return "arn:aws:rekognition:" + region + ":" + account + ":streamprocessor/" + name;
    }

    /** Creates a STOPPED processor and answers its ARN. */
    public String create(String account, String region, CreateStreamProcessorRequest r) {
        validate(r);
        CreateStreamProcessorRequest definition = r.toBuilder().tags(null).build();
        long now = clock.millis();
        String arn = arn(account, region, r.name());
        store.database().write(c -> {
            if (!store.create(c, account, region, new StreamProcessorRow(r.name(), sdk.write(definition), STOPPED, null, null, null, now, now))) {
                throw new RekognitionException("ResourceInUseException", "StreamProcessor with name " + r.name() + " already exists");
            }
            if (r.hasTags()) {
                tags.put(c, account, region, arn, r.tags());
            }
            return null;
        });
        return arn;
    }

    public Processor describe(String account, String region, String name) {
        return processor(account, region, store.find(account, region, name).orElseThrow(() -> notFound(name)));
    }

    public Page<Processor> list(String account, String region, String token, Integer maxResults) {
        int max = maxResults == null ? 1000 : maxResults;
        List<StreamProcessorRow> rows = store.list(account, region, Page.after(token), max + 1);
        boolean more = rows.size() > max;
        List<Processor> page = rows.subList(0, Math.min(max, rows.size())).stream().map(row -> processor(account, region, row)).toList();
        return new Page<>(page, more ? Page.token(page.getLast().row().name()) : null);
    }

    /** Starts the processor and answers the session's id. */
    public String start(String account, String region, StartStreamProcessorRequest r) {
        StreamProcessorSettings settings = describe(account, region, r.name()).definition().settings();
        String collection = settings.faceSearch() == null ? null : settings.faceSearch().collectionId();
        boolean collectionGone = collection != null && !collections.exists(account, region, collection);
        return store.database().write(c -> {
            Processor p = processor(account, region, store.find(c, account, region, r.name()).orElseThrow(() -> notFound(r.name())));
            if (p.status().equals(RUNNING)) {
                throw inUse(r.name(), p.status());
            }
            boolean labels = p.definition().settings().connectedHome() != null;
            if (labels != (r.startSelector() != null) || labels != (r.stopSelector() != null)) {
                throw RekognitionException.invalidParameter(labels
                        ? "StartSelector and StopSelector are required to start a label detection stream processor"
                        : "StartSelector and StopSelector cannot be used to start a face search stream processor");
            }
            long now = clock.millis();
            String session = UUID.randomUUID().toString();
            if (collectionGone) {
                store.update(c, account, region, new StreamProcessorRow(r.name(), p.row().definition(), FAILED,
                        "The collection id: " + collection + " does not exist", session, null, p.row().createdMs(), now));
                return session;
            }
            Long stopAt = labels && r.stopSelector().maxDurationInSeconds() != null ? now + r.stopSelector().maxDurationInSeconds() * 1000 : null;
            store.update(c, account, region, new StreamProcessorRow(r.name(), p.row().definition(), RUNNING, null, session, stopAt,
                    p.row().createdMs(), now));
            return session;
        });
    }

    public void stop(String account, String region, String name) {
        store.database().write(c -> {
            Processor p = processor(account, region, store.find(c, account, region, name).orElseThrow(() -> notFound(name)));
            if (!p.status().equals(RUNNING)) {
                throw inUse(name, p.status());
            }
            store.update(c, account, region, new StreamProcessorRow(name, p.row().definition(), STOPPED, null, p.row().sessionId(), null,
                    p.row().createdMs(), clock.millis()));
            return null;
        });
    }

    public void delete(String account, String region, String name) {
        store.database().write(c -> {
            Processor p = processor(account, region, store.find(c, account, region, name).orElseThrow(() -> notFound(name)));
            if (p.status().equals(RUNNING)) {
                throw inUse(name, p.status());
            }
            store.delete(c, account, region, name);
            tags.removeAll(c, account, region, p.arn());
            return null;
        });
    }

    /** Changes a label-detection processor's labels, confidence, regions of interest or data sharing. */
    public void update(String account, String region, UpdateStreamProcessorRequest r) {
        store.database().write(c -> {
            Processor p = processor(account, region, store.find(c, account, region, r.name()).orElseThrow(() -> notFound(r.name())));
            if (p.status().equals(RUNNING)) {
                throw inUse(r.name(), p.status());
            }
            CreateStreamProcessorRequest.Builder next = p.definition().toBuilder();
            ConnectedHomeSettings home = p.definition().settings().connectedHome();
            boolean touchesHome = (r.settingsForUpdate() != null && r.settingsForUpdate().connectedHomeForUpdate() != null)
                    || r.hasRegionsOfInterestForUpdate() || r.hasParametersToDelete();
            if (touchesHome && home == null) {
                throw RekognitionException.invalidParameter("Only a label detection stream processor has ConnectedHome settings and regions of interest");
            }
            if (home != null) {
                ConnectedHomeSettings.Builder h = home.toBuilder();
                if (r.settingsForUpdate() != null && r.settingsForUpdate().connectedHomeForUpdate() != null) {
                    var u = r.settingsForUpdate().connectedHomeForUpdate();
                    if (u.hasLabels()) {
                        checkLabels(u.labels());
                        h.labels(u.labels());
                    }
                    if (u.minConfidence() != null) {
                        h.minConfidence(u.minConfidence());
                    }
                }
                if (r.parametersToDelete().contains(StreamProcessorParameterToDelete.CONNECTED_HOME_MIN_CONFIDENCE)) {
                    h.minConfidence(null);
                }
                next.settings(StreamProcessorSettings.builder().connectedHome(h.build()).build());
                if (r.hasRegionsOfInterestForUpdate()) {
                    next.regionsOfInterest(r.regionsOfInterestForUpdate());
                }
                if (r.parametersToDelete().contains(StreamProcessorParameterToDelete.REGIONS_OF_INTEREST)) {
                    next.regionsOfInterest((java.util.Collection<software.amazon.awssdk.services.rekognition.model.RegionOfInterest>) null);
                }
            }
            if (r.dataSharingPreferenceForUpdate() != null) {
                next.dataSharingPreference(r.dataSharingPreferenceForUpdate());
            }
            store.update(c, account, region, new StreamProcessorRow(r.name(), sdk.write(next.build()), p.row().status(),
                    p.row().statusMessage(), p.row().sessionId(), p.row().stopAtMs(), p.row().createdMs(), clock.millis()));
            return null;
        });
    }

    private Processor processor(String account, String region, StreamProcessorRow row) {
        String status = row.status();
        if (status.equals(RUNNING) && row.stopAtMs() != null && clock.millis() >= row.stopAtMs()) {
            status = STOPPED; // the label-detection session ran its MaxDurationInSeconds
        }
        return new Processor(arn(account, region, row.name()), sdk.read(row.definition(), CreateStreamProcessorRequest.class), status, row);
    }

    /**
     * AWS's rules for a definition: face search reads a collection and writes a Kinesis data stream; label
     * detection (ConnectedHome) writes an S3 bucket, notifies an SNS topic, may watch regions of interest.
     */
    static void validate(CreateStreamProcessorRequest r) {
        StreamProcessorSettings s = r.settings();
        if (s == null || r.output() == null || (s.faceSearch() == null) == (s.connectedHome() == null)) {
            throw RekognitionException.invalidParameter("Settings must have exactly one of FaceSearch and ConnectedHome");
        }
        boolean dataStream = r.output().kinesisDataStream() != null;
        boolean bucket = r.output().s3Destination() != null;
        if (s.faceSearch() != null) {
            if (s.faceSearch().collectionId() == null || !dataStream || bucket) {
                throw RekognitionException.invalidParameter("A face search stream processor needs a CollectionId and a Kinesis data stream as Output");
            }
            if (r.hasRegionsOfInterest() || r.notificationChannel() != null) {
                throw RekognitionException.invalidParameter("RegionsOfInterest and NotificationChannel are for label detection stream processors");
            }
        } else {
            if (!bucket || dataStream || r.notificationChannel() == null) {
                throw RekognitionException.invalidParameter(
                        "A label detection stream processor needs an S3 destination as Output and a NotificationChannel");
            }
            checkLabels(s.connectedHome().labels());
        }
    }

    private static void checkLabels(List<String> labels) {
        if (labels.isEmpty() || !HOME_LABELS.containsAll(labels)) {
            throw RekognitionException.invalidParameter("Labels must be among PERSON, PET, PACKAGE and ALL");
        }
    }

    private static RekognitionException notFound(String name) {
        return RekognitionException.notFound("StreamProcessor with name " + name + " does not exist");
    }

    private static RekognitionException inUse(String name, String status) {
        return new RekognitionException("ResourceInUseException", "StreamProcessor " + name + " is " + status);
    }
}
