package io.haneul.it.appstream;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.appstream.AppStreamClient;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.List;
import java.util.Map;

import static io.haneul.it.appstream.AppStreamClients.expectError;
import static io.haneul.it.appstream.AppStreamClients.instances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stored AppStream resources through the SDK for Java v2: the user pool and user-stack
 * associations, entitlements, app blocks, applications and their Elastic fleets, app block builders,
 * directory configs, usage reports, themes, tags, image export tasks and builder software. The
 * subclass runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppStreamResourcesIT {

    static final String ROLE = "arn:aws:iam::111111111111:role/AppStreamImport";

    TestServer server;
    AppStreamClient as;

    TestServer newServer() {
        return TestServer.start("--appstream-transition-seconds", "0");
    }

    @BeforeAll
    void start() {
        server = newServer();
        as = AppStreamClients.client(server, AppStreamClients.ACCOUNT);
    }

    @AfterAll
    void stop() throws Exception {
        as.close();
        server.close();
    }

    @Test
    void userPoolUsersAndTheirStacks() {
        as.createStack(b -> b.name("users-stack"));
        as.createUser(b -> b.userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL).firstName("Alice"));
        expectError("ResourceAlreadyExistsException", "alice@example.com", () -> as.createUser(b -> b.userName("alice@example.com")
                .authenticationType(AuthenticationType.USERPOOL)));
        expectError("InvalidParameterCombinationException", "USERPOOL", () -> as.createUser(b -> b.userName("bob@example.com")
                .authenticationType(AuthenticationType.SAML)));
        User alice = as.describeUsers(b -> b.authenticationType(AuthenticationType.USERPOOL)).users().stream()
                .filter(u -> u.userName().equals("alice@example.com")).findFirst().orElseThrow();
        assertTrue(alice.enabled());
        assertEquals("FORCE_CHANGE_PASSWORD", alice.status());
        assertEquals("Alice", alice.firstName());
        as.disableUser(b -> b.userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL));
        assertFalse(as.describeUsers(b -> b.authenticationType(AuthenticationType.USERPOOL)).users().get(0).enabled());
        as.enableUser(b -> b.userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL));
        expectError("ResourceNotFoundException", "nobody", () -> as.enableUser(b -> b.userName("nobody@example.com")
                .authenticationType(AuthenticationType.USERPOOL)));

        BatchAssociateUserStackResponse assoc = as.batchAssociateUserStack(b -> b.userStackAssociations(
                UserStackAssociation.builder().stackName("users-stack").userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL).build(),
                UserStackAssociation.builder().stackName("users-stack").userName("ghost@example.com").authenticationType(AuthenticationType.USERPOOL).build(),
                UserStackAssociation.builder().stackName("no-stack").userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL).build()));
        assertEquals(List.of(UserStackAssociationErrorCode.USER_NAME_NOT_FOUND, UserStackAssociationErrorCode.STACK_NOT_FOUND),
                assoc.errors().stream().map(UserStackAssociationError::errorCode).toList());
        List<UserStackAssociation> byStack = as.describeUserStackAssociations(b -> b.stackName("users-stack")).userStackAssociations();
        assertEquals(1, byStack.size());
        assertEquals("alice@example.com", byStack.get(0).userName());
        assertEquals(1, as.describeUserStackAssociations(b -> b.userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL))
                .userStackAssociations().size());
        expectError("InvalidParameterCombinationException", null, () -> as.describeUserStackAssociations(b -> b.maxResults(5)));
        as.batchDisassociateUserStack(b -> b.userStackAssociations(UserStackAssociation.builder().stackName("users-stack")
                .userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL).build()));
        assertTrue(as.describeUserStackAssociations(b -> b.stackName("users-stack")).userStackAssociations().isEmpty());
        as.deleteUser(b -> b.userName("alice@example.com").authenticationType(AuthenticationType.USERPOOL));
        assertTrue(as.describeUsers(b -> b.authenticationType(AuthenticationType.USERPOOL)).users().isEmpty());
    }

    @Test
    void appBlocksApplicationsElasticFleetsAndEntitlements() {
        S3Location src = S3Location.builder().s3Bucket("apps").s3Key("tools.zip").build();
        AppBlock block = as.createAppBlock(b -> b.name("tools").sourceS3Location(src)
                .setupScriptDetails(s -> s.scriptS3Location(src).executablePath("/bin/sh").timeoutInSeconds(60))).appBlock();
        assertEquals(AppBlockState.ACTIVE, block.state());
        expectError("InvalidParameterCombinationException", "SetupScriptDetails", () -> as.createAppBlock(b -> b.name("nosetup").sourceS3Location(src)));
        Application app = as.createApplication(b -> b.name("clock").appBlockArn(block.arn()).launchPath("/usr/bin/xclock")
                .launchParameters("-digital").iconS3Location(src).platforms(PlatformType.AMAZON_LINUX2).instanceFamilies("GENERAL_PURPOSE")).application();
        assertEquals("arn:aws:appstream:us-east-1:111111111111:application/clock", app.arn());
        assertTrue(app.enabled());
        assertEquals("-digital", app.launchParameters());
        assertNull(as.updateApplication(b -> b.name("clock").displayName("Clock").attributesToDelete(ApplicationAttribute.LAUNCH_PARAMETERS))
                .application().launchParameters());
        assertEquals("Clock", as.describeApplications(b -> b.arns(app.arn())).applications().get(0).displayName());

        as.createFleet(b -> b.name("ondemand").imageName("Haneul-Xterm").instanceType("stream.standard.small").computeCapacity(instances(1)));
        expectError("OperationNotPermittedException", "Elastic", () -> as.associateApplicationFleet(b -> b.fleetName("ondemand").applicationArn(app.arn())));
        as.createFleet(b -> b.name("elastic-apps").fleetType(FleetType.ELASTIC).platform(PlatformType.AMAZON_LINUX2).maxConcurrentSessions(2)
                .imageName("Haneul-Xterm").instanceType("stream.standard.small"));
        ApplicationFleetAssociation a = as.associateApplicationFleet(b -> b.fleetName("elastic-apps").applicationArn(app.arn()))
                .applicationFleetAssociation();
        assertEquals("elastic-apps", a.fleetName());
        assertEquals(1, as.describeApplicationFleetAssociations(b -> b.fleetName("elastic-apps")).applicationFleetAssociations().size());
        expectError("ResourceInUseException", null, () -> as.deleteApplication(b -> b.name("clock")));
        expectError("ResourceInUseException", null, () -> as.deleteAppBlock(b -> b.name("tools")));

        as.createStack(b -> b.name("ent-stack"));
        Entitlement e = as.createEntitlement(b -> b.name("staff").stackName("ent-stack").appVisibility(AppVisibility.ASSOCIATED)
                .attributes(EntitlementAttribute.builder().name("department").value("ops").build())).entitlement();
        assertEquals(AppVisibility.ASSOCIATED, e.appVisibility());
        expectError("EntitlementAlreadyExistsException", null, () -> as.createEntitlement(b -> b.name("staff").stackName("ent-stack")
                .appVisibility(AppVisibility.ALL).attributes(EntitlementAttribute.builder().name("department").value("ops").build())));
        as.associateApplicationToEntitlement(b -> b.stackName("ent-stack").entitlementName("staff").applicationIdentifier("clock"));
        assertEquals("clock", as.listEntitledApplications(b -> b.stackName("ent-stack").entitlementName("staff"))
                .entitledApplications().get(0).applicationIdentifier());
        assertEquals("Ops only", as.updateEntitlement(b -> b.name("staff").stackName("ent-stack").description("Ops only")).entitlement().description());
        assertEquals(1, as.describeEntitlements(b -> b.stackName("ent-stack")).entitlements().size());
        as.disassociateApplicationFromEntitlement(b -> b.stackName("ent-stack").entitlementName("staff").applicationIdentifier("clock"));
        as.deleteEntitlement(b -> b.name("staff").stackName("ent-stack"));
        expectError("EntitlementNotFoundException", null, () -> as.describeEntitlements(b -> b.stackName("ent-stack").name("staff")));

        as.disassociateApplicationFleet(b -> b.fleetName("elastic-apps").applicationArn(app.arn()));
        as.deleteApplication(b -> b.name("clock"));
        as.deleteAppBlock(b -> b.name("tools"));
        assertTrue(as.describeAppBlocks(b -> b.maxResults(10)).appBlocks().isEmpty());
    }

    @Test
    void appBlockBuildersStartStopAndStream() {
        VpcConfig vpc = VpcConfig.builder().subnetIds("subnet-1").securityGroupIds("sg-1").build();
        AppBlockBuilder created = as.createAppBlockBuilder(b -> b.name("abb").platform(AppBlockBuilderPlatformType.WINDOWS_SERVER_2019)
                .instanceType("stream.standard.small").vpcConfig(vpc)).appBlockBuilder();
        assertEquals(AppBlockBuilderState.STOPPED, created.state());
        AppBlockBuilder updated = as.updateAppBlockBuilder(b -> b.name("abb").displayName("Builder")
                .attributesToDelete(AppBlockBuilderAttribute.VPC_CONFIGURATION_SECURITY_GROUP_IDS)).appBlockBuilder();
        assertTrue(updated.vpcConfig().securityGroupIds().isEmpty());
        S3Location src = S3Location.builder().s3Bucket("apps").s3Key("pkg.zip").build();
        AppBlock block = as.createAppBlock(b -> b.name("packaged").sourceS3Location(src).packagingType(PackagingType.APPSTREAM2)).appBlock();
        assertEquals(AppBlockState.INACTIVE, block.state());
        as.associateAppBlockBuilderAppBlock(b -> b.appBlockBuilderName("abb").appBlockArn(block.arn()));
        assertEquals(block.arn(), as.describeAppBlockBuilderAppBlockAssociations(b -> b.appBlockBuilderName("abb"))
                .appBlockBuilderAppBlockAssociations().get(0).appBlockArn());
        expectError("OperationNotPermittedException", "not running", () -> as.createAppBlockBuilderStreamingURL(b -> b.appBlockBuilderName("abb")));
        assertEquals(AppBlockBuilderState.STARTING, as.startAppBlockBuilder(b -> b.name("abb")).appBlockBuilder().state());
        assertEquals(AppBlockBuilderState.RUNNING, as.describeAppBlockBuilders(b -> b.names("abb")).appBlockBuilders().get(0).state());
        expectError("OperationNotPermittedException", "stopped", () -> as.updateAppBlockBuilder(b -> b.name("abb").description("x")));
        as.stopAppBlockBuilder(b -> b.name("abb"));
        as.disassociateAppBlockBuilderAppBlock(b -> b.appBlockBuilderName("abb").appBlockArn(block.arn()));
        as.deleteAppBlockBuilder(b -> b.name("abb"));
        expectError("ResourceNotFoundException", "abb", () -> as.describeAppBlockBuilders(b -> b.names("abb")));
    }

    @Test
    void directoryConfigsUsageReportsAndLicenseUsage() {
        DirectoryConfig c = as.createDirectoryConfig(b -> b.directoryName("corp.example.com")
                .organizationalUnitDistinguishedNames("OU=AppStream,DC=corp,DC=example,DC=com")
                .serviceAccountCredentials(s -> s.accountName("CORP\\svc").accountPassword("hunter22"))).directoryConfig();
        assertEquals("CORP\\svc", c.serviceAccountCredentials().accountName());
        assertNull(c.serviceAccountCredentials().accountPassword(), "AWS never returns the password");
        expectError("ResourceAlreadyExistsException", null, () -> as.createDirectoryConfig(b -> b.directoryName("corp.example.com")
                .organizationalUnitDistinguishedNames("OU=x")));
        assertEquals(List.of("OU=B"), as.updateDirectoryConfig(b -> b.directoryName("corp.example.com").organizationalUnitDistinguishedNames("OU=B"))
                .directoryConfig().organizationalUnitDistinguishedNames());
        assertNull(as.describeDirectoryConfigs(b -> b.directoryNames("corp.example.com")).directoryConfigs().get(0)
                .serviceAccountCredentials().accountPassword());
        as.deleteDirectoryConfig(b -> b.directoryName("corp.example.com"));
        expectError("ResourceNotFoundException", null, () -> as.describeDirectoryConfigs(b -> b.directoryNames("corp.example.com")));

        assertTrue(as.describeUsageReportSubscriptions(b -> b.maxResults(5)).usageReportSubscriptions().isEmpty());
        CreateUsageReportSubscriptionResponse sub = as.createUsageReportSubscription(b -> { });
        assertTrue(sub.s3BucketName().startsWith("appstream-logs-us-east-1-111111111111-"), sub.s3BucketName());
        assertEquals(UsageReportSchedule.DAILY, sub.schedule());
        assertEquals(sub.s3BucketName(), as.describeUsageReportSubscriptions(b -> { }).usageReportSubscriptions().get(0).s3BucketName());
        as.deleteUsageReportSubscription(b -> { });
        expectError("ResourceNotFoundException", null, () -> as.deleteUsageReportSubscription(b -> { }));

        assertTrue(as.describeAppLicenseUsage(b -> b.billingPeriod("2026-12")).appLicenseUsages().isEmpty());
    }

    @Test
    void themesTagsExportTasksAndBuilderSoftware() {
        as.createStack(b -> b.name("themed"));
        S3Location logo = S3Location.builder().s3Bucket("brand").s3Key("logo.png").build();
        Theme theme = as.createThemeForStack(b -> b.stackName("themed").titleText("Our apps").themeStyling(ThemeStyling.BLUE)
                .organizationLogoS3Location(logo).faviconS3Location(logo)).theme();
        assertEquals(ThemeState.ENABLED, theme.state());
        assertTrue(theme.themeOrganizationLogoURL().endsWith("/brand/logo.png"), theme.themeOrganizationLogoURL());
        expectError("ResourceAlreadyExistsException", null, () -> as.createThemeForStack(b -> b.stackName("themed").titleText("Again")
                .themeStyling(ThemeStyling.RED).organizationLogoS3Location(logo).faviconS3Location(logo)));
        assertEquals(ThemeState.DISABLED, as.updateThemeForStack(b -> b.stackName("themed").state(ThemeState.DISABLED)).theme().state());
        assertEquals("Our apps", as.describeThemeForStack(b -> b.stackName("themed")).theme().themeTitleText());
        as.deleteThemeForStack(b -> b.stackName("themed"));
        expectError("ResourceNotFoundException", null, () -> as.describeThemeForStack(b -> b.stackName("themed")));

        String arn = as.describeStacks(b -> b.names("themed")).stacks().get(0).arn();
        as.tagResource(b -> b.resourceArn(arn).tags(Map.of("team", "ops", "env", "dev")));
        as.untagResource(b -> b.resourceArn(arn).tagKeys("env"));
        assertEquals(Map.of("team", "ops"), as.listTagsForResource(b -> b.resourceArn(arn)).tags());
        expectError("ResourceNotFoundException", null, () -> as.listTagsForResource(b -> b.resourceArn(
                "arn:aws:appstream:us-east-1:111111111111:fleet/none")));

        as.createImportedImage(b -> b.name("base").sourceAmiId("ami-0123456789abcdef0").iamRoleArn(ROLE));
        ExportImageTask task = as.createExportImageTask(b -> b.imageName("base").amiName("base-ami").iamRoleArn(ROLE)).exportImageTask();
        assertEquals(ExportImageTaskState.FAILED, task.state());
        assertEquals(task.taskId(), as.getExportImageTask(b -> b.taskId(task.taskId())).exportImageTask().taskId());
        assertEquals(1, as.listExportImageTasks(b -> { }).exportImageTasks().size());

        ImageBuilder ib = as.createImageBuilder(b -> b.name("sw").imageName("Haneul-Xterm").instanceType("stream.standard.medium")).imageBuilder();
        as.associateSoftwareToImageBuilder(b -> b.imageBuilderName("sw").softwareNames("Microsoft Office 2021"));
        as.startSoftwareDeploymentToImageBuilder(b -> b.imageBuilderName("sw"));
        SoftwareAssociations sw = as.describeSoftwareAssociations(b -> b.associatedResource(ib.arn())).softwareAssociations().get(0);
        assertEquals(SoftwareDeploymentStatus.FAILED_TO_INSTALL, sw.status());
        as.disassociateSoftwareFromImageBuilder(b -> b.imageBuilderName("sw").softwareNames("Microsoft Office 2021"));
        assertTrue(as.describeSoftwareAssociations(b -> b.associatedResource(ib.arn())).softwareAssociations().isEmpty());
    }
}
