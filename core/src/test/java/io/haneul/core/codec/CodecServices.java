package io.haneul.core.codec;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.appstream.AppStreamClient;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearchdomain.CloudSearchDomainClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.elastictranscoder.ElasticTranscoderClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.swf.SwfClient;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * The services of the model-wide codec test: each API model shipped in {@code aws-models} with the
 * real SDK client that speaks to it. Clients point at {@code http://localhost:4566} through an
 * in-memory HTTP client, sign with dummy static credentials in us-east-1, never retry and never
 * prepend host prefixes. Client settings that keep the SDK from adding or checking values of its own
 * are listed per service:
 * <ul>
 *   <li>S3: path-style addressing; checksums only where required (otherwise the SDK adds a
 *       checksum algorithm member and headers to every request); no S3 Express session auth;</li>
 *   <li>SQS: MD5 checks of message bodies off (the generated MD5 members are random).</li>
 * </ul>
 */
final class CodecServices {

    /** One model file and the client for it. */
    record Service(String modelStem, Class<? extends SdkClient> clientInterface, Supplier<AwsClientBuilder<?, ?>> builder) {

        String id() {
            return modelStem.replaceFirst("-\\d{4}-\\d{2}-\\d{2}$", "");
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        SdkClient client(SdkHttpClient http, ExecutionInterceptor interceptor) {
            AwsClientBuilder b = builder.get();
            ((SdkSyncClientBuilder) b).httpClient(http);
            b.region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDCODECTEST", "codec-test-secret")))
                    .endpointOverride(URI.create("http://localhost:4566"))
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .retryStrategy(AwsRetryStrategy.doNotRetry())
                            .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                            .addExecutionInterceptor(interceptor)
                            .build());
            return (SdkClient) b.build();
        }
    }

    static final List<Service> ALL = List.of(
            new Service("sqs-2012-11-05", SqsClient.class, () -> SqsClient.builder().checksumValidationEnabled(false)),
            new Service("sns-2010-03-31", SnsClient.class, SnsClient::builder),
            new Service("sts-2011-06-15", StsClient.class, StsClient::builder),
            new Service("s3-2006-03-01", S3Client.class, () -> S3Client.builder()
                    .forcePathStyle(true)
                    .disableS3ExpressSessionAuth(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)),
            new Service("ses-2010-12-01", SesClient.class, SesClient::builder),
            new Service("sesv2-2019-09-27", SesV2Client.class, SesV2Client::builder),
            new Service("swf-2012-01-25", SwfClient.class, SwfClient::builder),
            new Service("apigateway-2015-07-09", ApiGatewayClient.class, ApiGatewayClient::builder),
            new Service("apigatewayv2-2018-11-29", ApiGatewayV2Client.class, ApiGatewayV2Client::builder),
            new Service("apigatewaymanagementapi-2018-11-29", ApiGatewayManagementApiClient.class,
                    ApiGatewayManagementApiClient::builder),
            new Service("cloudsearch-2013-01-01", CloudSearchClient.class, CloudSearchClient::builder),
            new Service("cloudsearchdomain-2013-01-01", CloudSearchDomainClient.class, CloudSearchDomainClient::builder),
            new Service("elastictranscoder-2012-09-25", ElasticTranscoderClient.class, ElasticTranscoderClient::builder),
            new Service("appstream-2016-12-01", AppStreamClient.class, AppStreamClient::builder),
            new Service("sagemaker-2017-07-24", SageMakerClient.class, SageMakerClient::builder),
            new Service("sagemaker-runtime-2017-05-13", SageMakerRuntimeClient.class, SageMakerRuntimeClient::builder),
            new Service("rekognition-2016-06-27", RekognitionClient.class, RekognitionClient::builder),
            new Service("polly-2016-06-10", PollyClient.class, PollyClient::builder),
            new Service("cloudwatch-2010-08-01", CloudWatchClient.class, CloudWatchClient::builder),
            new Service("logs-2014-03-28", CloudWatchLogsClient.class, CloudWatchLogsClient::builder),
            new Service("lambda-2015-03-31", LambdaClient.class, LambdaClient::builder),
            new Service("iam-2010-05-08", IamClient.class, IamClient::builder));

    private CodecServices() {
    }
}
