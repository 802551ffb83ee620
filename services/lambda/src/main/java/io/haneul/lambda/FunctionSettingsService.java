package io.haneul.lambda;

import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.store.SqlFunctionSettingsStore;

/**
 * Function settings that are recorded and reported but change nothing in how a function runs here:
 * recursive loop detection ({@code Allow}/{@code Terminate}, default {@code Terminate}: Haneul does
 * not trace invocation chains, so it never stops a loop), and runtime management ({@code Auto},
 * {@code FunctionUpdate}, {@code Manual} with a runtime version ARN: functions always run on the
 * machine's interpreter). Function scaling configs belong to functions on capacity providers, which
 * Haneul has not, so they are refused for every function as AWS refuses them for a function without one.
 */
final class FunctionSettingsService {

    static final String RECURSION = "recursion";
    private static final String RUNTIME_MANAGEMENT = "runtime-management:";

    private final SqlFunctionSettingsStore settings;
    private final FunctionService functions;

    FunctionSettingsService(SqlFunctionSettingsStore settings, FunctionService functions) {
        this.settings = settings;
        this.functions = functions;
    }

    String putRecursion(String account, String region, String functionName, String loop) {
        FunctionRecord fn = unqualified(account, region, functionName);
        if (!"Allow".equals(loop) && !"Terminate".equals(loop)) {
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + loop
                    + "' at 'recursiveLoop' failed to satisfy constraint: Member must satisfy enum value set: [Allow, Terminate]");
        }
        settings.put(account, region, fn.name(), RECURSION, loop);
        return loop;
    }

    String recursion(String account, String region, String functionName) {
        FunctionRecord fn = unqualified(account, region, functionName);
        return settings.get(account, region, fn.name(), RECURSION).orElse("Terminate");
    }

    /** A runtime management config: how, and the ARN it answers for the function (qualified as the caller named it). */
    record RuntimeManagement(String updateRuntimeOn, String runtimeVersionArn, String functionArn) {
    }

    RuntimeManagement putRuntimeManagement(String account, String region, String functionName, String qualifier, String on, String versionArn) {
        FunctionService.Resolved target = functions.resolve(account, region, FunctionArns.qualified(functionName, qualifier));
        switch (on == null ? "" : on) {
            case "Auto", "FunctionUpdate" -> {
                if (versionArn != null) {
                    throw LambdaException.invalidParameter("Runtime version ARN can only be provided with UpdateRuntimeOn set to Manual.");
                }
            }
            case "Manual" -> {
                if (versionArn == null) {
                    throw LambdaException.invalidParameter("Runtime version ARN must be provided with UpdateRuntimeOn set to Manual.");
                }
                if (!versionArn.matches("arn:(aws[a-zA-Z-]*):lambda:" + java.util.regex.Pattern.quote(region) + "::runtime:[0-9a-f]{64}")) {
                    throw LambdaException.invalidParameter("Invalid runtime version ARN: " + versionArn
                            + ". A runtime version ARN is arn:aws:lambda:" + region + "::runtime:<64 hex digits>.");
                }
            }
            default -> throw LambdaException.invalidParameter("1 validation error detected: Value '" + on
                    + "' at 'updateRuntimeOn' failed to satisfy constraint: Member must satisfy enum value set: [Auto, Manual, FunctionUpdate]");
        }
        settings.put(account, region, target.function().name(), RUNTIME_MANAGEMENT + target.function().version(),
                versionArn == null ? on : on + " " + versionArn);
        return new RuntimeManagement(on, versionArn, target.invokedArn());
    }

    RuntimeManagement runtimeManagement(String account, String region, String functionName, String qualifier) {
        FunctionService.Resolved target = functions.resolve(account, region, FunctionArns.qualified(functionName, qualifier));
        String[] stored = settings.get(account, region, target.function().name(), RUNTIME_MANAGEMENT + target.function().version())
                .orElse("Auto").split(" ", 2);
        return new RuntimeManagement(stored[0], stored.length > 1 ? stored[1] : null, target.invokedArn());
    }

    /** PutFunctionScalingConfig and GetFunctionScalingConfig: the function must exist, and none runs on a capacity provider here. */
    void refuseScalingConfig(String account, String region, String functionName, String qualifier) {
        functions.get(account, region, FunctionArns.qualified(functionName, qualifier));
        throw LambdaException.invalidParameter("Function scaling configuration is only supported for functions that use a capacity "
                + "provider. Function " + FunctionArns.arn(region, account, FunctionArns.parse(functionName, region, account).name())
                + " does not use one.");
    }

    /** Forgets a deleted function's settings (its code signing config link included). */
    void functionDeleted(String account, String region, String name) {
        settings.deleteAll(account, region, name);
    }

    private FunctionRecord unqualified(String account, String region, String functionName) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        if (named.qualifier() != null) {
            throw LambdaException.invalidParameter("The function name must be unqualified: " + functionName);
        }
        return functions.latest(account, region, named.name());
    }
}
