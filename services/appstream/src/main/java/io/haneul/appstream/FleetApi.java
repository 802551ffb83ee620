package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.FleetRules;
import io.haneul.appstream.domain.Paging;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.List;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Fleets: STARTING to RUNNING on StartFleet, STOPPING to STOPPED on StopFleet (ending the fleet's
 * sessions), after the configured transition time. ComputeCapacityStatus is computed when described:
 * InUse the streaming engine's sessions of the fleet; Running the desired capacity while the fleet runs
 * (an ALWAYS_ON fleet's: its sessions and pre-warmed displays), Available what is left (ALWAYS_ON: the
 * displays ready).
 */
public final class FleetApi {

    private final Catalog catalog;
    private final ImageLookup images;
    private final StreamingUrls urls;
    private final Prewarming prewarming;

    FleetApi(Catalog catalog, ImageLookup images, StreamingUrls urls, Prewarming prewarming) {
        this.prewarming = prewarming;
        this.catalog = catalog;
        this.images = images;
        this.urls = urls;
    }

    public CreateFleetResponse createFleet(RequestContext ctx, CreateFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            String type = r.fleetTypeAsString() != null ? r.fleetTypeAsString() : "ON_DEMAND";
            ComputeCapacity cc = r.computeCapacity();
            FleetRules.checkCreate(type, cc == null ? null : cc.desiredInstances(), cc == null ? null : cc.desiredSessions(), cc != null,
                    r.maxConcurrentSessions(), r.platformAsString());
            FleetRules.checkTimeouts(r.maxUserDurationInSeconds(), r.disconnectTimeoutInSeconds(), r.idleDisconnectTimeoutInSeconds());
            FleetRules.checkInstanceType(r.instanceType());
            Image image = images.forUse(s, r.imageName(), r.imageArn(), false);
            if (catalog.find(s, Kinds.FLEET, r.name()).isPresent()) {
                throw AppStreamException.exists("The fleet " + r.name() + " already exists.");
            }
            Fleet fleet = Fleet.builder().name(r.name()).arn(catalog.arn(s, Kinds.FLEET, r.name())).displayName(r.displayName())
                    .description(r.description()).imageName(image.name()).imageArn(image.arn()).instanceType(r.instanceType())
                    .fleetType(type).computeCapacityStatus(ComputeCapacityStatus.builder()
                            .desired(cc == null ? r.maxConcurrentSessions() : desired(cc)).build())
                    .maxUserDurationInSeconds(orDefault(r.maxUserDurationInSeconds(), FleetRules.DEFAULT_USER_DURATION))
                    .disconnectTimeoutInSeconds(orDefault(r.disconnectTimeoutInSeconds(), FleetRules.DEFAULT_DISCONNECT))
                    .idleDisconnectTimeoutInSeconds(orDefault(r.idleDisconnectTimeoutInSeconds(), 0))
                    .state("STOPPED").vpcConfig(r.vpcConfig()).createdTime(catalog.now()).fleetErrors(List.of())
                    .enableDefaultInternetAccess(r.enableDefaultInternetAccess() != null ? r.enableDefaultInternetAccess() : false)
                    .domainJoinInfo(r.domainJoinInfo()).iamRoleArn(r.iamRoleArn())
                    .streamView(r.streamViewAsString() != null ? r.streamViewAsString() : "APP")
                    .platform(r.platformAsString() != null ? r.platformAsString() : image.platformAsString())
                    .maxConcurrentSessions(r.maxConcurrentSessions()).usbDeviceFilterStrings(r.usbDeviceFilterStrings())
                    .sessionScriptS3Location(r.sessionScriptS3Location()).maxSessionsPerInstance(r.maxSessionsPerInstance())
                    .rootVolumeConfig(r.rootVolumeConfig())
                    .build();
            if (!catalog.insert(s, Kinds.FLEET, r.name(), fleet)) {
                throw AppStreamException.exists("The fleet " + r.name() + " already exists.");
            }
            if (r.hasTags()) {
                catalog.tags().put(s.account(), s.region(), fleet.arn(), r.tags());
            }
            return CreateFleetResponse.builder().fleet(withCapacity(s, fleet)).build();
        });
    }

    public DescribeFleetsResponse describeFleets(RequestContext ctx, DescribeFleetsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<Fleet> picked = r.hasNames() && !r.names().isEmpty()
                    ? r.names().stream().map(n -> fleet(s, n)).toList() : catalog.all(s, Kinds.FLEET);
            Paging.Page<Fleet> page = Paging.page(picked, r.nextToken(), null, 25, Fleet::name);
            return DescribeFleetsResponse.builder().fleets(page.items().stream().map(f -> withCapacity(s, f)).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    public UpdateFleetResponse updateFleet(RequestContext ctx, UpdateFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            if (r.name() == null) {
                throw AppStreamException.combination("Name is required.");
            }
            Fleet f = fleet(s, r.name());
            FleetRules.checkTimeouts(r.maxUserDurationInSeconds(), r.disconnectTimeoutInSeconds(), r.idleDisconnectTimeoutInSeconds());
            FleetRules.checkInstanceType(r.instanceType());
            boolean stopped = "STOPPED".equals(f.stateAsString());
            boolean elastic = "ELASTIC".equals(f.fleetTypeAsString());
            if (!stopped && (r.instanceType() != null || r.vpcConfig() != null || r.platformAsString() != null || r.domainJoinInfo() != null)) {
                throw AppStreamException.notPermitted("The instance type, platform, VPC configuration and domain of fleet " + r.name()
                        + " can only be changed while it is stopped.");
            }
            Fleet.Builder b = f.toBuilder();
            if (r.imageName() != null || r.imageArn() != null) {
                Image image = images.forUse(s, r.imageName(), r.imageArn(), false);
                b.imageName(image.name()).imageArn(image.arn());
            }
            if (r.computeCapacity() != null) {
                if (elastic) {
                    throw AppStreamException.combination("ComputeCapacity is not supported for Elastic fleets.");
                }
                FleetRules.checkCapacity(r.computeCapacity().desiredInstances(), r.computeCapacity().desiredSessions());
                b.computeCapacityStatus(ComputeCapacityStatus.builder().desired(desired(r.computeCapacity())).build());
            }
            if (r.maxConcurrentSessions() != null) {
                if (!elastic) {
                    throw AppStreamException.combination("MaxConcurrentSessions is only supported for Elastic fleets.");
                }
                b.maxConcurrentSessions(r.maxConcurrentSessions()).computeCapacityStatus(ComputeCapacityStatus.builder()
                        .desired(r.maxConcurrentSessions()).build());
            }
            if (r.instanceType() != null) b.instanceType(r.instanceType());
            if (r.vpcConfig() != null) b.vpcConfig(r.vpcConfig());
            if (r.maxUserDurationInSeconds() != null) b.maxUserDurationInSeconds(r.maxUserDurationInSeconds());
            if (r.disconnectTimeoutInSeconds() != null) b.disconnectTimeoutInSeconds(r.disconnectTimeoutInSeconds());
            if (r.idleDisconnectTimeoutInSeconds() != null) b.idleDisconnectTimeoutInSeconds(r.idleDisconnectTimeoutInSeconds());
            if (r.description() != null) b.description(r.description());
            if (r.displayName() != null) b.displayName(r.displayName());
            if (r.enableDefaultInternetAccess() != null) b.enableDefaultInternetAccess(r.enableDefaultInternetAccess());
            if (r.domainJoinInfo() != null) b.domainJoinInfo(r.domainJoinInfo());
            if (r.iamRoleArn() != null) b.iamRoleArn(r.iamRoleArn());
            if (r.streamViewAsString() != null) b.streamView(r.streamViewAsString());
            if (r.platformAsString() != null) b.platform(r.platformAsString());
            if (r.hasUsbDeviceFilterStrings()) b.usbDeviceFilterStrings(r.usbDeviceFilterStrings());
            if (r.sessionScriptS3Location() != null) b.sessionScriptS3Location(r.sessionScriptS3Location());
            if (r.maxSessionsPerInstance() != null) b.maxSessionsPerInstance(r.maxSessionsPerInstance());
            if (r.rootVolumeConfig() != null) b.rootVolumeConfig(r.rootVolumeConfig());
            if (Boolean.TRUE.equals(r.deleteVpcConfig())) b.vpcConfig((VpcConfig) null);
            for (String attr : r.attributesToDeleteAsStrings()) {
                switch (attr) {
                    case "VPC_CONFIGURATION" -> b.vpcConfig((VpcConfig) null);
                    case "VPC_CONFIGURATION_SECURITY_GROUP_IDS" -> {
                        VpcConfig vpc = b.build().vpcConfig();
                        if (vpc != null) {
                            b.vpcConfig(vpc.toBuilder().securityGroupIds((java.util.Collection<String>) null).build());
                        }
                    }
                    case "DOMAIN_JOIN_INFO" -> b.domainJoinInfo((DomainJoinInfo) null);
                    case "IAM_ROLE_ARN" -> b.iamRoleArn(null);
                    case "USB_DEVICE_FILTER_STRINGS" -> b.usbDeviceFilterStrings((java.util.Collection<String>) null);
                    case "SESSION_SCRIPT_S3_LOCATION" -> b.sessionScriptS3Location((S3Location) null);
                    case "MAX_SESSIONS_PER_INSTANCE" -> b.maxSessionsPerInstance(null);
                    case "VOLUME_CONFIGURATION" -> b.rootVolumeConfig((VolumeConfig) null);
                    default -> { }
                }
            }
            Fleet updated = b.build();
            catalog.replace(s, Kinds.FLEET, r.name(), updated);
            return UpdateFleetResponse.builder().fleet(withCapacity(s, updated)).build();
        });
    }

    public DeleteFleetResponse deleteFleet(RequestContext ctx, DeleteFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Fleet f = fleet(s, r.name());
            if (!"STOPPED".equals(f.stateAsString())) {
                throw AppStreamException.inUse("The fleet " + r.name() + " must be stopped before it is deleted. Its state is " + f.stateAsString() + ".");
            }
            if (!catalog.links().byA(s.account(), s.region(), Kinds.FLEET_STACK, r.name()).isEmpty()) {
                throw AppStreamException.inUse("The fleet " + r.name() + " is associated with a stack. Disassociate it first.");
            }
            catalog.delete(s, Kinds.FLEET, r.name());
            catalog.links().forget(s.account(), s.region(), Kinds.APP_FLEET, r.name(), false);
            return DeleteFleetResponse.builder().build();
        });
    }

    public StartFleetResponse startFleet(RequestContext ctx, StartFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Fleet f = fleet(s, r.name());
            switch (f.stateAsString()) {
                case "STOPPED" -> catalog.replaceChanging(s, Kinds.FLEET, r.name(), f.toBuilder().state("STARTING").build(), "RUNNING");
                case "STOPPING" -> throw AppStreamException.concurrent("The fleet " + r.name() + " is stopping. Wait until it is stopped.");
                default -> { }
            }
            return StartFleetResponse.builder().build();
        });
    }

    public StopFleetResponse stopFleet(RequestContext ctx, StopFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Fleet f = fleet(s, r.name());
            switch (f.stateAsString()) {
                case "RUNNING", "STARTING" -> {
                    Fleet stopping = f.toBuilder().state("STOPPING").build();
                    catalog.replaceChanging(s, Kinds.FLEET, r.name(), stopping, "STOPPED");
                    prewarming.follow(s, stopping); // its pre-warmed displays stop with it
                    urls.engine().sessions(f.arn()).forEach(v -> urls.engine().expire(v.id()));
                }
                default -> { }
            }
            return StopFleetResponse.builder().build();
        });
    }

    private Fleet fleet(Scope s, String name) {
        return catalog.find(s, Kinds.FLEET, name).orElseThrow(() -> AppStreamException.notFound("The fleet " + name + " could not be found."));
    }

    /**
     * The fleet with its capacity as of now: in use as the engine's live sessions; running while RUNNING,
     * for an ALWAYS_ON fleet its sessions and its pre-warmed displays (available: those ready), else the
     * desired capacity (available: what is not in use). Reading an ALWAYS_ON fleet tells the engine what
     * to keep started.
     */
    Fleet withCapacity(Scope s, Fleet f) {
        prewarming.follow(s, f);
        int desired = f.computeCapacityStatus() == null || f.computeCapacityStatus().desired() == null ? 0 : f.computeCapacityStatus().desired();
        boolean running = "RUNNING".equals(f.stateAsString());
        int inUse = running ? (int) urls.engine().sessions(f.arn()).stream().filter(v -> !"EXPIRED".equals(v.state())).count() : 0;
        boolean alwaysOn = "ALWAYS_ON".equals(f.fleetTypeAsString());
        int ready = running && alwaysOn ? urls.engine().ready(f.arn()) : 0;
        int runningCount = !running ? 0 : alwaysOn ? inUse + ready : desired;
        ComputeCapacityStatus.Builder c = ComputeCapacityStatus.builder().desired(desired).running(runningCount).inUse(inUse)
                .available(alwaysOn ? ready : Math.max(0, runningCount - inUse));
        if (f.maxSessionsPerInstance() != null) {
            int per = f.maxSessionsPerInstance();
            c.desiredUserSessions(desired * per).actualUserSessions(runningCount * per).activeUserSessions(inUse)
                    .availableUserSessions(Math.max(0, runningCount * per - inUse));
        }
        return f.toBuilder().computeCapacityStatus(c.build()).build();
    }

    /** How many sessions the fleet may run at once: its instances (times sessions per instance), or an Elastic fleet's cap. */
    static int sessionCap(Fleet f) {
        if ("ELASTIC".equals(f.fleetTypeAsString())) {
            return f.maxConcurrentSessions() == null ? 0 : f.maxConcurrentSessions();
        }
        int desired = f.computeCapacityStatus() == null || f.computeCapacityStatus().desired() == null ? 0 : f.computeCapacityStatus().desired();
        return desired * (f.maxSessionsPerInstance() == null ? 1 : f.maxSessionsPerInstance());
    }

    private static int desired(ComputeCapacity cc) {
        return cc.desiredInstances() != null ? cc.desiredInstances() : cc.desiredSessions();
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }
}
