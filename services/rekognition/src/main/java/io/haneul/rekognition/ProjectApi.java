package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.customlabels.ProjectService;
import io.haneul.rekognition.domain.ResourceArn;
import io.haneul.rekognition.store.SqlDatasets;
import software.amazon.awssdk.services.rekognition.model.*;

import java.time.Instant;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Custom Labels projects and their versions (rules in {@link ProjectService}). */
public final class ProjectApi {

    private final ProjectService projects;

    ProjectApi(ProjectService projects) {
        this.projects = projects;
    }

    public CreateProjectResponse createProject(RequestContext ctx, CreateProjectRequest r) {
        return call(() -> CreateProjectResponse.builder().projectArn(projects.create(ctx.accountId(), ctx.region(), r)).build());
    }

    public DescribeProjectsResponse describeProjects(RequestContext ctx, DescribeProjectsRequest r) {
        return call(() -> {
            Page<ProjectService.Project> page = projects.describe(ctx.accountId(), ctx.region(), r.projectNames(), r.featuresAsStrings(),
                    r.nextToken(), r.maxResults());
            return DescribeProjectsResponse.builder().projectDescriptions(page.items().stream().map(p -> ProjectDescription.builder()
                    .projectArn(p.arn()).creationTimestamp(Instant.ofEpochMilli(p.row().createdMs())).status(ProjectStatus.CREATED)
                    .feature(p.row().feature()).autoUpdate(p.row().autoUpdate())
                    .datasets(p.datasets().stream().map(d -> metadata(ctx, d)).toList()).build()).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    static DatasetMetadata metadata(RequestContext ctx, SqlDatasets.DatasetRow d) {
        return DatasetMetadata.builder().creationTimestamp(Instant.ofEpochMilli(d.createdMs())).datasetType(d.type())
                .datasetArn(ResourceArn.dataset(ctx.accountId(), ctx.region(), d.project(), d.type(), d.createdMs()))
                .status(d.status()).statusMessageCode(DatasetStatusMessageCode.SUCCESS).build();
    }

    public DeleteProjectResponse deleteProject(RequestContext ctx, DeleteProjectRequest r) {
        return call(() -> {
            projects.delete(ctx.accountId(), ctx.region(), r.projectArn());
            return DeleteProjectResponse.builder().status(ProjectStatus.DELETING).build();
        });
    }

    public CreateProjectVersionResponse createProjectVersion(RequestContext ctx, CreateProjectVersionRequest r) {
        return call(() -> CreateProjectVersionResponse.builder()
                .projectVersionArn(projects.createVersion(ctx.accountId(), ctx.region(), r)).build());
    }

    public DescribeProjectVersionsResponse describeProjectVersions(RequestContext ctx, DescribeProjectVersionsRequest r) {
        return call(() -> {
            Page<ProjectService.Version> page = projects.versions(ctx.accountId(), ctx.region(), r.projectArn(), r.versionNames(),
                    r.nextToken(), r.maxResults());
            return DescribeProjectVersionsResponse.builder().projectVersionDescriptions(page.items().stream().map(ProjectApi::version).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    private static ProjectVersionDescription version(ProjectService.Version v) {
        CreateProjectVersionRequest d = v.definition();
        Instant created = Instant.ofEpochMilli(v.row().createdMs());
        return ProjectVersionDescription.builder().projectVersionArn(v.arn()).creationTimestamp(created).status(v.row().status())
                .statusMessage(v.row().statusMessage()).trainingEndTimestamp(created).billableTrainingTimeInSeconds(0L)
                .outputConfig(d.outputConfig()).kmsKeyId(d.kmsKeyId()).versionDescription(d.versionDescription())
                .feature(v.feature()).featureConfig(d.featureConfig())
                .trainingDataResult(d.trainingData() == null ? null : TrainingDataResult.builder().input(d.trainingData()).build())
                .testingDataResult(d.testingData() == null ? null : TestingDataResult.builder().input(d.testingData()).build()).build();
    }

    public DeleteProjectVersionResponse deleteProjectVersion(RequestContext ctx, DeleteProjectVersionRequest r) {
        return call(() -> {
            projects.deleteVersion(ctx.accountId(), ctx.region(), r.projectVersionArn());
            return DeleteProjectVersionResponse.builder().status(ProjectVersionStatus.DELETING).build();
        });
    }
}
