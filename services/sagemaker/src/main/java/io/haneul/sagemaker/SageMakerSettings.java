package io.haneul.sagemaker;

import io.haneul.core.spi.ServerAddress;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.sagemaker.script.PythonFinder;
import io.haneul.sagemaker.script.TarExtraction;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The module's options, read once for training, processing and hosting: {@code --sagemaker-python} (the script-mode
 * Python), {@code --sagemaker-parallel-jobs} (default: the machine's cores), {@code --sagemaker-script-pip} (default
 * false), {@code --sagemaker-max-unpacked-bytes}, {@code --sagemaker-invocation-timeout-seconds} (default 60),
 * {@code --sagemaker-multi-model-cache} (models a multi-model endpoint's variant keeps loaded per node, default 16),
 * {@code --sagemaker-multi-model-load-wait-seconds} (how long a request waits for its multi-model endpoint model to load
 * before it answers ModelNotReadyException, default 60), and
 * the server's own address, which scripts' boto3 is pointed at.
 */
public record SageMakerSettings(PythonFinder python, int parallelJobs, boolean scriptPip, long maxUnpackedBytes,
                                Duration invocationTimeout, int multiModelCache, Duration multiModelLoadWait,
                                Supplier<String> serverEndpoint) {

    public static SageMakerSettings of(ServiceEnvironment env) {
        return new SageMakerSettings(PythonFinder.ofMachine(env.setting("sagemaker-python", null)),
                Math.max(1, Integer.parseInt(env.setting("sagemaker-parallel-jobs", String.valueOf(Runtime.getRuntime().availableProcessors())))),
                Boolean.parseBoolean(env.setting("sagemaker-script-pip", "false")),
                Long.parseLong(env.setting("sagemaker-max-unpacked-bytes", String.valueOf(TarExtraction.DEFAULT_MAX_BYTES))),
                Duration.ofSeconds(Long.parseLong(env.setting("sagemaker-invocation-timeout-seconds", "60"))),
                Math.max(0, Integer.parseInt(env.setting("sagemaker-multi-model-cache", "16"))),
                Duration.ofSeconds(Math.max(0, Long.parseLong(env.setting("sagemaker-multi-model-load-wait-seconds", "60")))),
                () -> env.find(ServerAddress.class).map(ServerAddress::endpoint).orElse("http://localhost:4566"));
    }
}
