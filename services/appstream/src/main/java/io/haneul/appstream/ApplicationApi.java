package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Arns;
import io.haneul.appstream.domain.Paging;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.List;
import java.util.Map;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Applications (the newer way of naming what a session runs: a launch path on this machine, from an
 * app block) and their association with Elastic fleets, whose sessions launch them.
 */
public final class ApplicationApi {

    private final Catalog catalog;

    ApplicationApi(Catalog catalog) {
        this.catalog = catalog;
    }

    public CreateApplicationResponse createApplication(RequestContext ctx, CreateApplicationRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            appBlock(s, r.appBlockArn());
            Application app = Application.builder().name(r.name()).arn(catalog.arn(s, Kinds.APPLICATION, r.name()))
                    .displayName(r.displayName()).description(r.description()).launchPath(r.launchPath())
                    .launchParameters(r.launchParameters()).workingDirectory(r.workingDirectory()).enabled(true).metadata(Map.of())
                    .appBlockArn(r.appBlockArn()).iconS3Location(r.iconS3Location()).iconURL(iconUrl(ctx, r.iconS3Location()))
                    .platformsWithStrings(r.platformsAsStrings()).instanceFamilies(r.instanceFamilies()).createdTime(catalog.now())
                    .build();
            if (!catalog.insert(s, Kinds.APPLICATION, r.name(), app)) {
                throw AppStreamException.exists("The application " + r.name() + " already exists.");
            }
            if (r.hasTags()) {
                catalog.tags().put(s.account(), s.region(), app.arn(), r.tags());
            }
            return CreateApplicationResponse.builder().application(app).build();
        });
    }

    public DescribeApplicationsResponse describeApplications(RequestContext ctx, DescribeApplicationsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<Application> all = catalog.all(s, Kinds.APPLICATION);
            List<Application> picked = r.hasArns() && !r.arns().isEmpty()
                    ? all.stream().filter(a -> r.arns().contains(a.arn())).toList() : all;
            Paging.Page<Application> page = Paging.page(picked, r.nextToken(), r.maxResults(), 25, Application::name);
            return DescribeApplicationsResponse.builder().applications(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public UpdateApplicationResponse updateApplication(RequestContext ctx, UpdateApplicationRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Application.Builder b = application(s, r.name()).toBuilder();
            if (r.displayName() != null) b.displayName(r.displayName());
            if (r.description() != null) b.description(r.description());
            if (r.iconS3Location() != null) b.iconS3Location(r.iconS3Location()).iconURL(iconUrl(ctx, r.iconS3Location()));
            if (r.launchPath() != null) b.launchPath(r.launchPath());
            if (r.workingDirectory() != null) b.workingDirectory(r.workingDirectory());
            if (r.launchParameters() != null) b.launchParameters(r.launchParameters());
            if (r.appBlockArn() != null) {
                appBlock(s, r.appBlockArn());
                b.appBlockArn(r.appBlockArn());
            }
            for (String attr : r.attributesToDeleteAsStrings()) {
                switch (attr) {
                    case "LAUNCH_PARAMETERS" -> b.launchParameters(null);
                    case "WORKING_DIRECTORY" -> b.workingDirectory(null);
                    default -> { }
                }
            }
            Application app = b.build();
            catalog.replace(s, Kinds.APPLICATION, r.name(), app);
            return UpdateApplicationResponse.builder().application(app).build();
        });
    }

    public DeleteApplicationResponse deleteApplication(RequestContext ctx, DeleteApplicationRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Application app = application(s, r.name());
            if (!catalog.links().byA(s.account(), s.region(), Kinds.APP_FLEET, app.arn()).isEmpty()) {
                throw AppStreamException.inUse("The application " + r.name() + " is associated with a fleet. Disassociate it first.");
            }
            catalog.delete(s, Kinds.APPLICATION, r.name());
            return DeleteApplicationResponse.builder().build();
        });
    }

    public AssociateApplicationFleetResponse associateApplicationFleet(RequestContext ctx, AssociateApplicationFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Fleet fleet = catalog.find(s, Kinds.FLEET, r.fleetName())
                    .orElseThrow(() -> AppStreamException.notFound("The fleet " + r.fleetName() + " could not be found."));
            if (!"ELASTIC".equals(fleet.fleetTypeAsString())) {
                throw AppStreamException.notPermitted("Applications can only be associated with Elastic fleets.");
            }
            byArn(s, r.applicationArn());
            catalog.links().put(s.account(), s.region(), Kinds.APP_FLEET, r.applicationArn(), r.fleetName(), null);
            return AssociateApplicationFleetResponse.builder().applicationFleetAssociation(ApplicationFleetAssociation.builder()
                    .fleetName(r.fleetName()).applicationArn(r.applicationArn()).build()).build();
        });
    }

    public DisassociateApplicationFleetResponse disassociateApplicationFleet(RequestContext ctx, DisassociateApplicationFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            if (!catalog.links().delete(s.account(), s.region(), Kinds.APP_FLEET, r.applicationArn(), r.fleetName())) {
                throw AppStreamException.notFound("The application " + r.applicationArn() + " is not associated with fleet " + r.fleetName() + ".");
            }
            return DisassociateApplicationFleetResponse.builder().build();
        });
    }

    public DescribeApplicationFleetAssociationsResponse describeApplicationFleetAssociations(RequestContext ctx,
                                                                                            DescribeApplicationFleetAssociationsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            if (r.fleetName() == null && r.applicationArn() == null) {
                throw AppStreamException.combination("Either FleetName or ApplicationArn must be specified.");
            }
            List<ApplicationFleetAssociation> list = catalog.links().all(s.account(), s.region(), Kinds.APP_FLEET).stream()
                    .filter(l -> (r.fleetName() == null || r.fleetName().equals(l.b())) && (r.applicationArn() == null || r.applicationArn().equals(l.a())))
                    .map(l -> ApplicationFleetAssociation.builder().applicationArn(l.a()).fleetName(l.b()).build()).toList();
            Paging.Page<ApplicationFleetAssociation> page = Paging.page(list, r.nextToken(), r.maxResults(), 25,
                    a -> a.applicationArn() + " " + a.fleetName());
            return DescribeApplicationFleetAssociationsResponse.builder().applicationFleetAssociations(page.items())
                    .nextToken(page.nextToken()).build();
        });
    }

    /** The applications associated with a fleet, which its sessions may launch. */
    List<Application> ofFleet(Scope s, String fleetName) {
        return catalog.links().byB(s.account(), s.region(), Kinds.APP_FLEET, fleetName).stream()
                .map(l -> Arns.parse(l.a()).flatMap(p -> catalog.find(s, Kinds.APPLICATION, p.name())))
                .flatMap(java.util.Optional::stream).toList();
    }

    private Application byArn(Scope s, String arn) {
        return Arns.parse(arn).filter(p -> "application".equals(p.type()))
                .flatMap(p -> catalog.find(s, Kinds.APPLICATION, p.name()))
                .orElseThrow(() -> AppStreamException.notFound("The application " + arn + " could not be found."));
    }

    private Application application(Scope s, String name) {
        return catalog.find(s, Kinds.APPLICATION, name)
                .orElseThrow(() -> AppStreamException.notFound("The application " + name + " could not be found."));
    }

    private void appBlock(Scope s, String arn) {
        Arns.parse(arn).filter(p -> "app-block".equals(p.type())).flatMap(p -> catalog.find(s, Kinds.APP_BLOCK, p.name()))
                .orElseThrow(() -> AppStreamException.notFound("The app block " + arn + " could not be found."));
    }

    private static String iconUrl(RequestContext ctx, S3Location loc) {
        return loc == null ? null : ctx.baseUrl() + "/" + loc.s3Bucket() + "/" + loc.s3Key();
    }
}
