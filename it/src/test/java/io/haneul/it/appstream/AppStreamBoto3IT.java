package io.haneul.it.appstream;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * AppStream through boto3 (botocore sends awsJson 1.1 for AppStream, as the SDK for Java v2 2.40.2
 * does): whole responses of DescribeImages, DescribeFleets, DescribeStacks and DescribeUsers compared
 * with the shapes AWS documents, the fleet_started and fleet_stopped waiters, and AWS's error codes.
 */
class AppStreamBoto3IT {

    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start("--appstream-transition-seconds", "0");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void describeResponsesWaitersAndErrorsAsAwsAnswersThem() throws Exception {
        BotoParity.check(server, work, "111111111111", """
                c = boto3.client("appstream", endpoint_url=ENDPOINT, region_name="us-east-1")
                same("DescribeImages", c.describe_images(Names=["Haneul-Xterm"]), {"Images": [{
                    "Name": "Haneul-Xterm", "Arn": "arn:aws:appstream:us-east-1::image/Haneul-Xterm", "DisplayName": "Haneul Xterm",
                    "Description": ANY, "State": "AVAILABLE", "Visibility": "PUBLIC", "ImageBuilderSupported": True,
                    "Platform": "AMAZON_LINUX2",
                    "Applications": [{"Name": "xterm", "DisplayName": "XTerm", "LaunchPath": "/usr/bin/xterm", "LaunchParameters": "",
                                      "Enabled": True}],
                    "CreatedTime": ANY, "PublicBaseImageReleasedDate": ANY, "AppstreamAgentVersion": "LATEST",
                    "SupportedInstanceFamilies": ["GENERAL_PURPOSE"], "DynamicAppProvidersEnabled": "DISABLED",
                    "ImageSharedWithOthers": "FALSE", "LatestAppstreamAgentVersion": "TRUE"}]})

                c.create_fleet(Name="bf", ImageName="Haneul-Xterm", InstanceType="stream.standard.small",
                               ComputeCapacity={"DesiredInstances": 2}, Tags={"team": "a"})
                fleet = {"Arn": "arn:aws:appstream:us-east-1:111111111111:fleet/bf", "Name": "bf", "ImageName": "Haneul-Xterm",
                         "ImageArn": "arn:aws:appstream:us-east-1::image/Haneul-Xterm", "InstanceType": "stream.standard.small",
                         "FleetType": "ON_DEMAND", "ComputeCapacityStatus": {"Desired": 2, "Running": 0, "InUse": 0, "Available": 0},
                         "MaxUserDurationInSeconds": 57600, "DisconnectTimeoutInSeconds": 900, "IdleDisconnectTimeoutInSeconds": 0,
                         "State": "STOPPED", "CreatedTime": ANY, "EnableDefaultInternetAccess": False, "StreamView": "APP",
                         "Platform": "AMAZON_LINUX2"}
                same("DescribeFleets", c.describe_fleets(Names=["bf"]), {"Fleets": [fleet]})
                c.start_fleet(Name="bf")
                c.get_waiter("fleet_started").wait(Names=["bf"], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
                running = dict(fleet, State="RUNNING", ComputeCapacityStatus={"Desired": 2, "Running": 2, "InUse": 0, "Available": 2})
                same("DescribeFleets running", c.describe_fleets(Names=["bf"]), {"Fleets": [running]})
                c.stop_fleet(Name="bf")
                c.get_waiter("fleet_stopped").wait(Names=["bf"], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
                same("ListTagsForResource", c.list_tags_for_resource(ResourceArn=fleet["Arn"]), {"Tags": {"team": "a"}})

                c.create_stack(Name="bs", Description="boto stack")
                settings = [{"Action": a, "Permission": "ENABLED"} for a in ["CLIPBOARD_COPY_FROM_LOCAL_DEVICE",
                            "CLIPBOARD_COPY_TO_LOCAL_DEVICE", "FILE_UPLOAD", "FILE_DOWNLOAD", "PRINTING_TO_LOCAL_DEVICE",
                            "DOMAIN_PASSWORD_SIGNIN"]] + [{"Action": "DOMAIN_SMART_CARD_SIGNIN", "Permission": "DISABLED"}]
                same("DescribeStacks", c.describe_stacks(Names=["bs"]), {"Stacks": [{
                    "Arn": "arn:aws:appstream:us-east-1:111111111111:stack/bs", "Name": "bs", "Description": "boto stack",
                    "CreatedTime": ANY, "UserSettings": settings, "ApplicationSettings": {"Enabled": False}}]})

                c.create_user(UserName="carol@example.com", AuthenticationType="USERPOOL", FirstName="Carol", LastName="Jones")
                same("DescribeUsers", c.describe_users(AuthenticationType="USERPOOL"), {"Users": [{
                    "Arn": "arn:aws:appstream:us-east-1:111111111111:user/userpool/carol@example.com", "UserName": "carol@example.com",
                    "Enabled": True, "Status": "FORCE_CHANGE_PASSWORD", "FirstName": "Carol", "LastName": "Jones",
                    "CreatedTime": ANY, "AuthenticationType": "USERPOOL"}]})

                same("not found", error_of(lambda: c.describe_fleets(Names=["none"])),
                     {"Code": "ResourceNotFoundException", "Message": "The fleet none could not be found."})
                same("not associated", error_of(lambda: c.create_streaming_url(StackName="bs", FleetName="bf", UserId="dave")),
                     {"Code": "InvalidParameterCombinationException", "Message": "The fleet bf is not associated with stack bs."})
                same("exists", error_of(lambda: c.create_stack(Name="bs")),
                     {"Code": "ResourceAlreadyExistsException", "Message": "The stack bs already exists."})
                same("validity", error_of(lambda: c.create_streaming_url(StackName="bs", FleetName="bf", UserId="dave", Validity=0)),
                     {"Code": "InvalidParameterCombinationException", "Message": "The Validity must be between 1 and 604800 seconds."})
                """);
    }
}
