package io.haneul.lambda;

import io.haneul.lambda.domain.CodeSigningConfigRecord;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.store.SqlCodeSigningStore;
import io.haneul.lambda.store.SqlFunctionSettingsStore;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Code signing configs (CreateCodeSigningConfig and the rest) and the config each function uses.
 *
 * <p>Haneul has no AWS Signer, so no package can carry a signature it trusts: every package counts
 * as unsigned. A config's {@code UntrustedArtifactOnDeployment} decides what that means, as on AWS
 * for unsigned code: {@code Warn} (the default) deploys it, {@code Enforce} refuses CreateFunction and
 * UpdateFunctionCode with {@code CodeVerificationFailedException}.
 */
final class CodeSigningService {

    /** The function setting that names the config a function uses. */
    static final String SETTING = "code-signing-config";
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String ARN_PART = ":code-signing-config:";

    private final SqlCodeSigningStore store;
    private final SqlFunctionSettingsStore settings;
    private final FunctionService functions;
    private final Clock clock;
    private final RandomGenerator random;

    CodeSigningService(SqlCodeSigningStore store, SqlFunctionSettingsStore settings, FunctionService functions, Clock clock,
                       RandomGenerator random) {
        this.store = store;
        this.settings = settings;
        this.functions = functions;
        this.clock = clock;
        this.random = random;
    }

    CodeSigningConfigRecord create(String account, String region, String description, List<String> profiles, String policy) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        String id = "csc-" + HexFormat.of().formatHex(bytes).substring(0, 17);
        CodeSigningConfigRecord config = new CodeSigningConfigRecord(id, "arn:aws:lambda:" + region + ":" + account + ARN_PART + id,
                description == null ? "" : description, checkedProfiles(profiles), policy(policy, CodeSigningConfigRecord.WARN), now());
        store.put(account, region, config);
        return config;
    }

    CodeSigningConfigRecord get(String account, String region, String arn) {
        return find(account, region, arn).orElseThrow(() -> new LambdaException("ResourceNotFoundException", 404,
                "The resource you requested does not exist. Code signing configuration not found: " + arn));
    }

    /** Changes what is given (null: kept). */
    CodeSigningConfigRecord update(String account, String region, String arn, String description, List<String> profiles, String policy) {
        CodeSigningConfigRecord old = get(account, region, arn);
        CodeSigningConfigRecord updated = new CodeSigningConfigRecord(old.id(), old.arn(),
                description == null ? old.description() : description,
                profiles == null ? old.signingProfileVersionArns() : checkedProfiles(profiles),
                policy(policy, old.untrustedArtifactOnDeployment()), now());
        store.put(account, region, updated);
        return updated;
    }

    /** As on AWS, a config some function still uses cannot be deleted. */
    void delete(String account, String region, String arn) {
        CodeSigningConfigRecord config = get(account, region, arn);
        if (!settings.functionsWith(account, region, SETTING, config.arn(), null, 1).isEmpty()) {
            throw LambdaException.conflict("The code signing configuration cannot be deleted because it is used by one or more functions: "
                    + config.arn());
        }
        store.delete(account, region, config.id());
    }

    List<CodeSigningConfigRecord> list(String account, String region, String afterId, int limit) {
        return store.list(account, region, afterId, limit);
    }

    /** The ARNs of the functions that use a config, by name. */
    List<String> functionsUsing(String account, String region, String arn, String afterName, int limit) {
        CodeSigningConfigRecord config = get(account, region, arn);
        return settings.functionsWith(account, region, SETTING, config.arn(), afterName, limit).stream()
                .map(name -> io.haneul.lambda.domain.FunctionArns.arn(region, account, name)).toList();
    }

    /** Puts a config on a function; the config must exist ({@code CodeSigningConfigNotFoundException}). Answers the function's name. */
    String attach(String account, String region, String functionName, String arn) {
        FunctionRecord fn = functions.function(account, region, functionName);
        CodeSigningConfigRecord config = required(account, region, arn);
        settings.put(account, region, fn.name(), SETTING, config.arn());
        return fn.name();
    }

    /** The config a function uses, if any, and the function's name. */
    Attached attached(String account, String region, String functionName) {
        FunctionRecord fn = functions.function(account, region, functionName);
        return new Attached(fn.name(), settings.get(account, region, fn.name(), SETTING));
    }

    record Attached(String functionName, Optional<String> configArn) {
    }

    void detach(String account, String region, String functionName) {
        FunctionRecord fn = functions.function(account, region, functionName);
        settings.delete(account, region, fn.name(), SETTING);
    }

    /**
     * Checks a new function's package against the config it names (before the function exists):
     * the config must exist, and under {@code Enforce} the (unsigned) package is refused.
     */
    void checkNewFunction(String account, String region, String configArn) {
        if (configArn != null && !configArn.isEmpty()) {
            refuseUnsigned(required(account, region, configArn));
        }
    }

    /** Records the config a just created function named. */
    void recordNewFunction(String account, String region, String functionName, String configArn) {
        if (configArn != null && !configArn.isEmpty()) {
            settings.put(account, region, functionName, SETTING, required(account, region, configArn).arn());
        }
    }

    /** Checks new code for an existing function against the config it uses. */
    void checkNewCode(String account, String region, String functionName) {
        FunctionRecord fn = functions.function(account, region, functionName);
        settings.get(account, region, fn.name(), SETTING).flatMap(arn -> find(account, region, arn)).ifPresent(this::refuseUnsigned);
    }

    private void refuseUnsigned(CodeSigningConfigRecord config) {
        if (config.enforces()) {
            throw new LambdaException("CodeVerificationFailedException", 400, "Lambda cannot deploy the function. The function or "
                    + "layer is not signed, and the code signing configuration " + config.arn()
                    + " enforces signature validation (UntrustedArtifactOnDeployment: Enforce). Haneul does not sign code.");
        }
    }

    private CodeSigningConfigRecord required(String account, String region, String arn) {
        return find(account, region, arn).orElseThrow(() -> new LambdaException("CodeSigningConfigNotFoundException", 404,
                "The code signing configuration cannot be found. Check that the provided configuration is not deleted: " + arn));
    }

    private Optional<CodeSigningConfigRecord> find(String account, String region, String arn) {
        String prefix = "arn:aws:lambda:" + region + ":" + account + ARN_PART;
        if (arn == null || !arn.matches("arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d:\\d{12}"
                + ARN_PART + "csc-[a-z0-9]{17}")) {
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + arn + "' at 'codeSigningConfigArn' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|"
                    + "(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:code-signing-config:csc-[a-z0-9]{17}");
        }
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        return store.get(account, region, arn.substring(prefix.length()));
    }

    private static List<String> checkedProfiles(List<String> profiles) {
        if (profiles == null || profiles.isEmpty() || profiles.size() > 20) {
            throw LambdaException.invalidParameter("1 validation error detected: Value at 'allowedPublishers.signingProfileVersionArns' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 20 and greater than or equal to 1");
        }
        for (String arn : profiles) {
            if (arn == null || !arn.matches("arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)")) {
                throw LambdaException.invalidParameter("1 validation error detected: Value '" + arn
                        + "' at 'allowedPublishers.signingProfileVersionArns' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
            }
        }
        return List.copyOf(profiles);
    }

    private static String policy(String given, String otherwise) {
        if (given == null) {
            return otherwise;
        }
        if (!CodeSigningConfigRecord.WARN.equals(given) && !CodeSigningConfigRecord.ENFORCE.equals(given)) {
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + given
                    + "' at 'codeSigningPolicies.untrustedArtifactOnDeployment' failed to satisfy constraint: Member must satisfy enum "
                    + "value set: [Warn, Enforce]");
        }
        return given;
    }

    private String now() {
        return LAST_MODIFIED.format(clock.instant());
    }
}
