package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.DatasetDescription;
import software.amazon.awssdk.services.rekognition.model.DatasetLabelDescription;
import software.amazon.awssdk.services.rekognition.model.ProjectDescription;
import software.amazon.awssdk.services.rekognition.model.ProjectVersionDescription;

import java.util.List;
import java.util.Map;

import static io.haneul.it.rekognition.RekognitionClients.ACCOUNT;
import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom Labels as stored state through the SDK v2: a project with a training dataset read from a Ground
 * Truth manifest in Haneul's S3, its entries filtered and its labels counted, entries added, a test
 * dataset filled by DistributeDatasetEntries, a version that honestly fails training, AWS's refusals
 * (a name taken, a project with versions, a manifest that is not there), tags by ARN, and deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionCustomLabelsIT {

    static final String MANIFEST = """
            {"source-ref": "s3://pets/cat-1.jpg", "pet": 0, "pet-metadata": {"class-name": "cat", "type": "groundtruth/image-classification"}}
            {"source-ref": "s3://pets/dog-1.jpg", "pet": 1, "pet-metadata": {"class-name": "dog", "type": "groundtruth/image-classification"}}
            {"source-ref": "s3://pets/two.jpg", "bb": {"annotations": [{"class_id": 0, "left": 1, "top": 1, "width": 9, "height": 9}, {"class_id": 1, "left": 20, "top": 1, "width": 9, "height": 9}, {"class_id": 1, "left": 40, "top": 1, "width": 9, "height": 9}]}, "bb-metadata": {"class-map": {"0": "cat", "1": "dog"}, "type": "groundtruth/object-detection"}}
            {"source-ref": "s3://pets/empty-room.jpg"}
            """;

    TestServer server;
    RekognitionClients c;

    @BeforeAll
    void start() {
        server = newServer();
        c = new RekognitionClients(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void aProjectWithDatasetsAndAVersionThatCannotTrain() {
        String bucket = c.bucket("manifests");
        c.s3.putObject(b -> b.bucket(bucket).key("pets/output.manifest"), RequestBody.fromString(MANIFEST));
        String project = c.rek.createProject(b -> b.projectName("pets").tags(Map.of("team", "vision"))).projectArn();
        assertTrue(project.matches("arn:aws:rekognition:us-east-1:" + ACCOUNT + ":project/pets/\\d+"), project);
        expectError("ResourceInUseException", 400, () -> c.rek.createProject(b -> b.projectName("pets")));
        expectError("InvalidS3ObjectException", 400, () -> c.rek.createDataset(b -> b.projectArn(project).datasetType("TRAIN")
                .datasetSource(s -> s.groundTruthManifest(m -> m.s3Object(o -> o.bucket(bucket).name("missing.manifest"))))));

        String train = c.rek.createDataset(b -> b.projectArn(project).datasetType("TRAIN")
                .datasetSource(s -> s.groundTruthManifest(m -> m.s3Object(o -> o.bucket(bucket).name("pets/output.manifest"))))).datasetArn();
        assertTrue(train.startsWith(project.substring(0, project.lastIndexOf('/')) + "/dataset/train/"), train);
        expectError("ResourceAlreadyExistsException", 400, () -> c.rek.createDataset(b -> b.projectArn(project).datasetType("TRAIN")));
        DatasetDescription d = c.rek.describeDataset(b -> b.datasetArn(train)).datasetDescription();
        assertEquals("CREATE_COMPLETE", d.statusAsString());
        assertEquals(List.of(4, 3, 2, 0), List.of(d.datasetStats().totalEntries(), d.datasetStats().labeledEntries(),
                d.datasetStats().totalLabels(), d.datasetStats().errorEntries()));

        assertEquals(List.of("s3://pets/dog-1.jpg", "s3://pets/two.jpg"), refs(c.rek.listDatasetEntries(b -> b.datasetArn(train)
                .containsLabels("dog")).datasetEntries()));
        assertEquals(List.of("s3://pets/empty-room.jpg"), refs(c.rek.listDatasetEntries(b -> b.datasetArn(train).labeled(false)).datasetEntries()));
        assertEquals(List.of("s3://pets/cat-1.jpg"), refs(c.rek.listDatasetEntries(b -> b.datasetArn(train).sourceRefContains("cat")).datasetEntries()));
        var firstPage = c.rek.listDatasetEntries(b -> b.datasetArn(train).maxResults(3));
        assertEquals(3, firstPage.datasetEntries().size());
        assertEquals(List.of("s3://pets/two.jpg"), refs(c.rek.listDatasetEntries(b -> b.datasetArn(train).maxResults(3)
                .nextToken(firstPage.nextToken())).datasetEntries()));
        assertEquals(List.of(label("cat", 2, 1), label("dog", 2, 2)), c.rek.listDatasetLabels(b -> b.datasetArn(train)).datasetLabelDescriptions());

        c.rek.updateDatasetEntries(b -> b.datasetArn(train).changes(ch -> ch.groundTruth(SdkBytes.fromUtf8String(
                "{\"source-ref\": \"s3://pets/empty-room.jpg\", \"pet\": 0, \"pet-metadata\": {\"class-name\": \"bird\"}}\n"
                        + "{\"source-ref\": \"s3://pets/bird-2.jpg\", \"pet\": 0, \"pet-metadata\": {\"class-name\": \"bird\"}}"))));
        d = c.rek.describeDataset(b -> b.datasetArn(train)).datasetDescription();
        assertEquals("UPDATE_COMPLETE", d.statusAsString());
        assertEquals(List.of(5, 5, 3), List.of(d.datasetStats().totalEntries(), d.datasetStats().labeledEntries(), d.datasetStats().totalLabels()));
        expectError("InvalidParameterException", 400, () -> c.rek.updateDatasetEntries(b -> b.datasetArn(train)
                .changes(ch -> ch.groundTruth(SdkBytes.fromUtf8String("{\"image\": \"s3://pets/x.jpg\"}")))));

        String test = c.rek.createDataset(b -> b.projectArn(project).datasetType("TEST")).datasetArn();
        c.rek.distributeDatasetEntries(b -> b.datasets(x -> x.arn(train), x -> x.arn(test)));
        assertEquals(4, c.rek.describeDataset(b -> b.datasetArn(train)).datasetDescription().datasetStats().totalEntries());
        assertEquals(1, c.rek.describeDataset(b -> b.datasetArn(test)).datasetDescription().datasetStats().totalEntries());

        ProjectDescription p = c.rek.describeProjects(b -> b.projectNames("pets")).projectDescriptions().getFirst();
        assertEquals(project, p.projectArn());
        assertEquals("CREATED", p.statusAsString());
        assertEquals("CUSTOM_LABELS", p.featureAsString());
        assertEquals(List.of("TRAIN", "TEST"), p.datasets().stream().map(x -> x.datasetTypeAsString()).toList());
        assertEquals(Map.of("team", "vision"), c.rek.listTagsForResource(b -> b.resourceArn(project)).tags());

        String version = c.rek.createProjectVersion(b -> b.projectArn(project).versionName("v1")
                .outputConfig(o -> o.s3Bucket(bucket).s3KeyPrefix("output/"))).projectVersionArn();
        expectError("ResourceInUseException", 400, () -> c.rek.createProjectVersion(b -> b.projectArn(project).versionName("v1")
                .outputConfig(o -> o.s3Bucket(bucket))));
        ProjectVersionDescription v = c.rek.describeProjectVersions(b -> b.projectArn(project)).projectVersionDescriptions().getFirst();
        assertEquals(version, v.projectVersionArn());
        assertEquals("TRAINING_FAILED", v.statusAsString());
        assertEquals(bucket, v.outputConfig().s3Bucket());
        expectError("ResourceInUseException", 400, () -> c.rek.deleteProject(b -> b.projectArn(project)));

        assertEquals("DELETING", c.rek.deleteProjectVersion(b -> b.projectVersionArn(version)).statusAsString());
        assertEquals("DELETING", c.rek.deleteProject(b -> b.projectArn(project)).statusAsString());
        assertEquals(List.of(), c.rek.describeProjects(b -> b.projectNames("pets")).projectDescriptions());
        expectError("ResourceNotFoundException", 400, () -> c.rek.describeDataset(b -> b.datasetArn(train)));
        expectError("ResourceNotFoundException", 400, () -> c.rek.listTagsForResource(b -> b.resourceArn(project)));
    }

    /**
     * A manifest is read line by line and stored in batches; over Custom Labels' 250,000 lines, or with a source-ref
     * that is no short s3:// URI (too long for an index, or holding NUL), it is InvalidParameterException.
     */
    @Test
    void manifestsAreBoundedAndTheirSourceRefsChecked() {
        String bucket = c.bucket("bounded");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1201; i++) {
            many.append("{\"source-ref\": \"s3://shots/").append(i).append(".jpg\", \"x\": 0, \"x-metadata\": {\"class-name\": \"l")
                    .append(i % 3).append("\"}}\n");
        }
        c.s3.putObject(b -> b.bucket(bucket).key("many.manifest"), RequestBody.fromString(many.toString()));
        c.s3.putObject(b -> b.bucket(bucket).key("over.manifest"), RequestBody.fromString("{\"source-ref\": \"s3://shots/a.jpg\"}"
                + "\n".repeat(250_001)));
        String project = c.rek.createProject(b -> b.projectName("bounded")).projectArn();
        expectError("InvalidParameterException", 400, () -> c.rek.createDataset(b -> b.projectArn(project).datasetType("TRAIN")
                .datasetSource(s -> s.groundTruthManifest(m -> m.s3Object(o -> o.bucket(bucket).name("over.manifest"))))));
        String train = c.rek.createDataset(b -> b.projectArn(project).datasetType("TRAIN")
                .datasetSource(s -> s.groundTruthManifest(m -> m.s3Object(o -> o.bucket(bucket).name("many.manifest"))))).datasetArn();
        var stats = c.rek.describeDataset(b -> b.datasetArn(train)).datasetDescription().datasetStats();
        assertEquals(List.of(1201, 1201, 3), List.of(stats.totalEntries(), stats.labeledEntries(), stats.totalLabels()));
        for (String ref : List.of("s3://shots/" + "k".repeat(3000) + ".jpg", "s3://shots/a\\u0000.jpg", "shots/a.jpg")) {
            expectError("InvalidParameterException", 400, () -> c.rek.updateDatasetEntries(b -> b.datasetArn(train)
                    .changes(ch -> ch.groundTruth(SdkBytes.fromUtf8String("{\"source-ref\": \"" + ref + "\"}")))));
        }
        assertEquals(1201, c.rek.describeDataset(b -> b.datasetArn(train)).datasetDescription().datasetStats().totalEntries());
        c.rek.deleteProject(b -> b.projectArn(project));
    }

    @Test
    void contentModerationProjectsHaveAutoUpdateAndNoDatasets() {
        String project = c.rek.createProject(b -> b.projectName("adapters").feature("CONTENT_MODERATION").autoUpdate("ENABLED")).projectArn();
        expectError("InvalidParameterException", 400, () -> c.rek.createProject(b -> b.projectName("labels").autoUpdate("ENABLED")));
        ProjectDescription p = c.rek.describeProjects(b -> b.featuresWithStrings("CONTENT_MODERATION")).projectDescriptions().getFirst();
        assertEquals("ENABLED", p.autoUpdateAsString());
        expectError("InvalidParameterException", 400, () -> c.rek.createDataset(b -> b.projectArn(project).datasetType("TRAIN")));
        c.rek.deleteProject(b -> b.projectArn(project));
    }

    static DatasetLabelDescription label(String name, int entries, int boxes) {
        return DatasetLabelDescription.builder().labelName(name).labelStats(s -> s.entryCount(entries).boundingBoxCount(boxes)).build();
    }

    static List<String> refs(List<String> lines) {
        return lines.stream().map(l -> l.substring(l.indexOf("s3://"), l.indexOf('"', l.indexOf("s3://")))).toList();
    }
}
