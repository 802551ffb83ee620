package io.haneul.core.validation;

import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.model.ModelLoader;
import io.haneul.core.protocol.XmlNaming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sesv2.model.CreateEmailIdentityRequest;
import software.amazon.awssdk.services.sesv2.model.PutAccountDetailsRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.WorkflowType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelValidatorTest {

    private final ModelLoader loader = new ModelLoader();
    private final Map<String, ServiceBinding> services = new HashMap<>();
    private final ModelValidator validator = new ModelValidator();

    /**
     * Services that answer bad input their own way, as their modules declare it in their wire styles
     * (CloudWatch Logs has no module yet: its rule here shows the mechanism).
     */
    private static final Map<String, io.haneul.core.engine.WireStyle> STYLES = Map.of(
            "logs-2014-03-28", io.haneul.core.engine.WireStyle.DEFAULT.validating(p -> p.withCode("InvalidParameterException")),
            "sns-2010-03-31", io.haneul.core.engine.WireStyle.DEFAULT.validating(p -> p.withMissing("InvalidParameterException",
                    "Invalid parameter: %s Reason: no value for required parameter")),
            "sesv2-2019-09-27", io.haneul.core.engine.WireStyle.DEFAULT.validating(p -> p.withCode("BadRequestException")));

    private OperationBinding op(String modelStem, String operation) {
        ServiceBinding service = services.computeIfAbsent(modelStem, stem -> new ServiceBinding(loader.load(stem), null,
                XmlNaming.TRAITS, getClass().getClassLoader(), STYLES.getOrDefault(stem, io.haneul.core.engine.WireStyle.DEFAULT)));
        return service.operation(operation).orElseThrow();
    }

    private AwsErrorException reject(String modelStem, String operation, Object request) {
        return assertThrows(AwsErrorException.class, () -> validator.validate(op(modelStem, operation), request));
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    // ---- JSON family ----

    @Test
    void validRequestPasses() {
        assertDoesNotThrow(() -> validator.validate(op("sqs-2012-11-05", "SendMessage"),
                SendMessageRequest.builder().queueUrl("http://localhost/000000000000/q").messageBody("hi").build()));
        assertDoesNotThrow(() -> validator.validate(op("swf-2012-01-25", "RegisterDomain"),
                RegisterDomainRequest.builder().name("d").workflowExecutionRetentionPeriodInDays("7").build()));
        assertDoesNotThrow(() -> validator.validate(op("logs-2014-03-28", "CreateLogGroup"),
                CreateLogGroupRequest.builder().logGroupName("/aws/lambda/fn").build()));
    }

    @Test
    void missingRequiredMemberOnJsonService() {
        AwsErrorException e = reject("sqs-2012-11-05", "SendMessage", SendMessageRequest.builder().messageBody("hi").build());
        assertEquals("ValidationException", e.code());
        assertEquals(400, e.status());
        assertEquals("1 validation error detected: Value null at 'queueUrl' failed to satisfy constraint: "
                + "Member must not be null", e.getMessage());
    }

    @Test
    void multipleErrorsAreCountedAndJoined() {
        AwsErrorException e = reject("sqs-2012-11-05", "SendMessage", SendMessageRequest.builder().build());
        assertEquals("2 validation errors detected: "
                + "Value null at 'messageBody' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'queueUrl' failed to satisfy constraint: Member must not be null", e.getMessage());
    }

    @Test
    void tooLongString() {
        AwsErrorException e = reject("swf-2012-01-25", "RegisterDomain", RegisterDomainRequest.builder()
                .name(repeat('d', 257)).workflowExecutionRetentionPeriodInDays("7").build());
        assertEquals("ValidationException", e.code());
        assertEquals("1 validation error detected: Value '" + repeat('d', 257) + "' at 'name' failed to satisfy "
                + "constraint: Member must have length less than or equal to 256", e.getMessage());
    }

    @Test
    void tooShortString() {
        AwsErrorException e = reject("swf-2012-01-25", "RegisterDomain", RegisterDomainRequest.builder()
                .name("").workflowExecutionRetentionPeriodInDays("7").build());
        assertEquals("1 validation error detected: Value '' at 'name' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1", e.getMessage());
    }

    @Test
    void lengthCountsCodePoints() {
        // 256 emoji are 512 UTF-16 units but 256 characters: within SWF's 256 limit.
        String name = "\uD83D\uDE00".repeat(256);
        assertDoesNotThrow(() -> validator.validate(op("swf-2012-01-25", "RegisterDomain"),
                RegisterDomainRequest.builder().name(name).workflowExecutionRetentionPeriodInDays("7").build()));
    }

    @Test
    void numberOutOfRange() {
        AwsErrorException high = reject("logs-2014-03-28", "DescribeLogGroups", DescribeLogGroupsRequest.builder().limit(51).build());
        assertEquals("1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: "
                + "Member must have value less than or equal to 50", high.getMessage());
        AwsErrorException low = reject("logs-2014-03-28", "DescribeLogGroups", DescribeLogGroupsRequest.builder().limit(0).build());
        assertEquals("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 1", low.getMessage());
    }

    @Test
    void patternMismatchWithLogsOwnErrorCode() {
        AwsErrorException e = reject("logs-2014-03-28", "CreateLogGroup",
                CreateLogGroupRequest.builder().logGroupName("svc:latest").build());
        assertEquals("InvalidParameterException", e.code(), "CloudWatch Logs answers Coral validation this way");
        assertEquals("1 validation error detected: Value 'svc:latest' at 'logGroupName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+", e.getMessage());
    }

    @Test
    void oneValueFailingTwoConstraintsIsTwoErrors() {
        AwsErrorException e = reject("logs-2014-03-28", "CreateLogGroup",
                CreateLogGroupRequest.builder().logGroupName("").build());
        assertEquals("2 validation errors detected: "
                + "Value '' at 'logGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value '' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "[\\.\\-_/#A-Za-z0-9]+", e.getMessage());
    }

    @Test
    void badEnumOnJsonService() {
        StartWorkflowExecutionRequest request = StartWorkflowExecutionRequest.builder()
                .domain("d").workflowId("w").workflowType(WorkflowType.builder().name("t").version("1").build())
                .childPolicy("BOGUS").build();
        AwsErrorException e = reject("swf-2012-01-25", "StartWorkflowExecution", request);
        assertEquals("1 validation error detected: Value 'BOGUS' at 'childPolicy' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]", e.getMessage());
        assertDoesNotThrow(() -> validator.validate(op("swf-2012-01-25", "StartWorkflowExecution"),
                request.toBuilder().childPolicy("ABANDON").build()));
    }

    @Test
    void queryCompatibleJsonServiceTakesUnknownEnumValues() {
        assertDoesNotThrow(() -> validator.validate(op("sqs-2012-11-05", "ReceiveMessage"),
                ReceiveMessageRequest.builder().queueUrl("q").attributeNamesWithStrings("NoSuchAttribute").build()));
    }

    @Test
    void nestedStructureAndListElementPaths() {
        SendMessageBatchRequest request = SendMessageBatchRequest.builder().queueUrl("q").entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("x").build(),
                SendMessageBatchRequestEntry.builder().messageBody("y").build(),
                SendMessageBatchRequestEntry.builder().id("c").build()).build();
        AwsErrorException e = reject("sqs-2012-11-05", "SendMessageBatch", request);
        assertEquals("2 validation errors detected: "
                + "Value null at 'entries.2.member.id' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'entries.3.member.messageBody' failed to satisfy constraint: Member must not be null",
                e.getMessage());

        AwsErrorException nested = reject("swf-2012-01-25", "StartWorkflowExecution", StartWorkflowExecutionRequest.builder()
                .domain("d").workflowId("w").workflowType(WorkflowType.builder().name("t").build())
                .taskList(TaskList.builder().name("").build()).build());
        assertEquals("2 validation errors detected: "
                + "Value '' at 'taskList.name' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value null at 'workflowType.version' failed to satisfy constraint: Member must not be null",
                nested.getMessage());
    }

    @Test
    void emptyAutoConstructListCountsAsAbsent() {
        AwsErrorException e = reject("sqs-2012-11-05", "SendMessageBatch", SendMessageBatchRequest.builder().queueUrl("q").build());
        assertEquals("1 validation error detected: Value null at 'entries' failed to satisfy constraint: "
                + "Member must not be null", e.getMessage());
    }

    @Test
    void listOfSimpleValuesIsReportedOncePerList() {
        AwsErrorException e = reject("logs-2014-03-28", "DescribeLogGroups",
                DescribeLogGroupsRequest.builder().logGroupIdentifiers("ok", "", "bad value").build());
        assertEquals("1 validation error detected: Value '[ok, , bad value]' at 'logGroupIdentifiers' failed to "
                + "satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 2048, "
                + "Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: "
                + "[\\w#+=/:,.@-]*]", e.getMessage());
    }

    @Test
    void mapKeysAndValues() {
        AwsErrorException e = reject("logs-2014-03-28", "TagLogGroup", TagLogGroupRequest.builder()
                .logGroupName("g").tags(Map.of("k", repeat('v', 257))).build());
        assertEquals("1 validation error detected: Value '{k=" + repeat('v', 257) + "}' at 'tags' failed to satisfy "
                + "constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, "
                + "Member must satisfy regular expression pattern: "
                + "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$]", e.getMessage());
        AwsErrorException keys = reject("logs-2014-03-28", "TagLogGroup", TagLogGroupRequest.builder()
                .logGroupName("g").tags(Map.of("", "v")).build());
        assertTrue(keys.getMessage().contains("at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: ["),
                keys.getMessage());
        AwsErrorException size = reject("logs-2014-03-28", "TagLogGroup", TagLogGroupRequest.builder()
                .logGroupName("g").tags(Map.of()).build());
        assertEquals("1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1", size.getMessage());
    }

    @Test
    void restJsonServiceAndSensitiveValues() {
        AwsErrorException e = reject("sesv2-2019-09-27", "CreateEmailIdentity", CreateEmailIdentityRequest.builder().emailIdentity("").build());
        assertEquals("BadRequestException", e.code(), "SES v2 models no ValidationException: its own BadRequestException");
        assertEquals("1 validation error detected: Value '' at 'emailIdentity' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1", e.getMessage());

        PutAccountDetailsRequest details = PutAccountDetailsRequest.builder().mailType("MARKETING").websiteURL("https://example.com")
                .additionalContactEmailAddresses("x").build();
        List<String> violations = validator.violations(op("sesv2-2019-09-27", "PutAccountDetails"), details);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.getFirst().startsWith("Value at 'additionalContactEmailAddresses' failed to satisfy "
                + "constraint: Member must satisfy constraint: [Member must have length less than or equal to 254"),
                violations.getFirst());
    }

    @Test
    void blobLength() {
        // Lambda Invoke's Payload has no limit in the model, Qualifier has a pattern: checked through the URI binding.
        AwsErrorException e = reject("lambda-2015-03-31", "Invoke", InvokeRequest.builder().functionName("f")
                .qualifier("bad qualifier").payload(SdkBytes.fromUtf8String("{}")).build());
        assertEquals("ValidationException", e.code());
        assertTrue(e.getMessage().startsWith("1 validation error detected: Value 'bad qualifier' at 'qualifier' failed"),
                e.getMessage());
        Rules.BlobRule blob = new Rules.BlobRule(false, List.of(Rules.maxLength(3), Rules.minLength(1)), 1, 3);
        Violation.Collector out = new Violation.Collector();
        blob.check(SdkBytes.fromUtf8String("abcd"), new Path(null, "bytes", "Bytes"), out);
        assertEquals(List.of("Value 'java.nio.HeapByteBuffer[pos=0 lim=4 cap=4]' at 'bytes' failed to satisfy constraint: "
                + "Member must have length less than or equal to 3"), out.list().stream().map(Violation::message).toList());
    }

    // ---- query family ----

    @Test
    void queryServiceMissingParameter() {
        AwsErrorException e = reject("sts-2011-06-15", "AssumeRole",
                AssumeRoleRequest.builder().roleSessionName("session").build());
        assertEquals("MissingParameter", e.code());
        assertEquals(400, e.status());
        assertEquals("The request must contain the parameter RoleArn.", e.getMessage());
    }

    @Test
    void queryServiceConstraintIsValidationError() {
        AwsErrorException e = reject("sts-2011-06-15", "AssumeRole", AssumeRoleRequest.builder()
                .roleArn("arn:aws:iam::000000000000:role/r").roleSessionName("a b").build());
        assertEquals("ValidationError", e.code());
        assertEquals("1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\w+=,.@-]*", e.getMessage());
        AwsErrorException iam = reject("iam-2010-05-08", "CreateUser", CreateUserRequest.builder().userName(repeat('u', 65)).build());
        assertEquals("ValidationError", iam.code());
        assertTrue(iam.getMessage().contains("at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"),
                iam.getMessage());
    }

    @Test
    void supplementaryCodePointEscapesInPatterns() {
        // STS's arnType pattern ends in \u10000-\u10FFFF: an emoji in a role ARN is allowed.
        assertDoesNotThrow(() -> validator.validate(op("sts-2011-06-15", "AssumeRole"), AssumeRoleRequest.builder()
                .roleArn("arn:aws:iam::000000000000:role/\uD83D\uDE00").roleSessionName("session").build()));
        assertEquals("\\x{10000}-\\x{10FFFF}]", PatternCache.toJava("\\u10000-\\u10FFFF]"));
        assertEquals("[\\u0020-\\u007E]", PatternCache.toJava("[\\u0020-\\u007E]"));
    }

    /** Operations answered on documents (no SDK classes) have their required members checked from the model. */
    @Test
    void documentOperationsHaveTheirRequiredMembersChecked() throws Exception {
        OperationBinding testRole = op("elastictranscoder-2012-09-25", "TestRole");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        AwsErrorException e = assertThrows(AwsErrorException.class, () -> validator.validateDocument(testRole,
                json.readTree("{\"InputBucket\":\"in\",\"OutputBucket\":\"out\",\"Topics\":[]}")));
        assertEquals("ValidationException", e.code());
        assertEquals("1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null", e.getMessage());
        assertDoesNotThrow(() -> validator.validateDocument(testRole, json.readTree(
                "{\"Role\":\"arn:aws:iam::111111111111:role/r\",\"InputBucket\":\"in\",\"OutputBucket\":\"out\",\"Topics\":[]}")));
    }

    @Test
    void snsAnswersItsOwnCodes() {
        AwsErrorException missing = reject("sns-2010-03-31", "Subscribe", SubscribeRequest.builder().topicArn("arn").build());
        assertEquals("InvalidParameterException", missing.code(), "the model's shape, answered as code InvalidParameter");
        assertEquals("InvalidParameter", services.get("sns-2010-03-31").model().error(missing.code()).orElseThrow().code());
        assertEquals("Invalid parameter: Protocol Reason: no value for required parameter", missing.getMessage());
        assertDoesNotThrow(() -> validator.validate(op("sns-2010-03-31", "CreateTopic"), CreateTopicRequest.builder().name("t").build()));
    }

    @Test
    void queryServicesDoNotCheckEnums() {
        ValidationPolicy sts = validator.policyFor(op("sts-2011-06-15", "AssumeRole").service());
        assertEquals(false, sts.checkEnums());
        assertEquals(true, validator.policyFor(op("swf-2012-01-25", "RegisterDomain").service()).checkEnums());
    }

    // ---- rest-xml ----

    @Test
    void s3ChecksOnlyRequiredHttpBindings() {
        AwsErrorException e = reject("s3-2006-03-01", "PutObject", PutObjectRequest.builder().bucket("b").build());
        assertEquals("InvalidArgument", e.code());
        assertEquals("Missing required parameter: Key", e.getMessage());
        // The model's ObjectKey has min 1, but only presence is checked for S3.
        assertDoesNotThrow(() -> validator.validate(op("s3-2006-03-01", "PutObject"),
                PutObjectRequest.builder().bucket("b").key("").build()));
    }

    // ---- table, plans ----

    @Test
    void overridesReplaceTheFamilyDefault() {
        ModelValidator custom = new ModelValidator(ValidationErrors.defaults()
                .with("swf", p -> p.withCode("SwfValidation").withCheckEnums(false)));
        OperationBinding start = op("swf-2012-01-25", "StartWorkflowExecution");
        assertDoesNotThrow(() -> custom.validate(start, StartWorkflowExecutionRequest.builder().domain("d").workflowId("w")
                .workflowType(WorkflowType.builder().name("t").version("1").build()).childPolicy("BOGUS").build()));
        AwsErrorException e = assertThrows(AwsErrorException.class, () -> custom.validate(start,
                StartWorkflowExecutionRequest.builder().domain("d").workflowId("w").build()));
        assertEquals("SwfValidation", e.code());
        assertEquals("ValidationError", ValidationErrors.protocolDefaults()
                .policyFor(loader.load("sts-2011-06-15")).code());
        assertEquals("ValidationException", ValidationErrors.protocolDefaults()
                .policyFor(loader.load("logs-2014-03-28")).code(), "logs' own ValidationException shape without the override");
        assertEquals("ValidationError", ValidationErrors.defaults()
                .policyFor(loader.load("sagemaker-runtime-2017-05-13")).code(), "the model's ValidationError shape");
        assertEquals("MissingRequiredParameterException", ValidationErrors.defaults()
                .policyFor(loader.load("cloudwatch-2010-08-01")).missingCode(), "CloudWatch's shape for MissingParameter");
    }

    @Test
    void validationIsCheapOnceThePlanIsBuilt() {
        OperationBinding batch = op("sqs-2012-11-05", "SendMessageBatch");
        SendMessageBatchRequest request = SendMessageBatchRequest.builder().queueUrl("q").entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("x").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("y").build()).build();
        OperationBinding group = op("logs-2014-03-28", "CreateLogGroup");
        CreateLogGroupRequest create = CreateLogGroupRequest.builder().logGroupName("/aws/lambda/fn")
                .tags(Map.of("team", "core")).build();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            validator.validate(batch, request);
            validator.validate(group, create);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            validator.validate(batch, request);
            validator.validate(group, create);
        }
        long perRequest = (System.nanoTime() - start) / (2L * n);
        System.out.println("ModelValidator: " + perRequest + " ns per valid request");
        // A generous bound (typically well under 2 microseconds) that still catches plans rebuilt per request.
        assertTrue(perRequest < 20_000, "validation took " + perRequest + " ns per request");
    }
}
