package io.haneul.lambda.url;

import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.store.SqlFunctionUrlStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Function URLs' control plane: one URL per function and qualifier ({@code $LATEST} when
 * unqualified, else an alias, as AWS allows; the API model refuses version numbers and
 * {@code $LATEST} spelled out), created, read, changed, listed and deleted with AWS's errors.
 *
 * <p>The function (and its alias) must exist: that is asked of the function lookup with the
 * qualified name, so aliases resolve wherever the invoke path resolves them.
 */
public final class FunctionUrlService {

    /** Whether a function (qualified {@code name:alias} when an alias is named) exists; throws Lambda's not-found error when not. */
    @FunctionalInterface
    public interface FunctionLookup {
        void require(String account, String region, String qualifiedName);
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String NOT_FOUND = "The resource you requested does not exist.";

    private final SqlFunctionUrlStore store;
    private final FunctionLookup functions;
    private final Clock clock;
    private final int port;
    private final SecureRandom random = new SecureRandom();

    /** @param port the port Haneul listens on, written into each FunctionUrl */
    public FunctionUrlService(SqlFunctionUrlStore store, FunctionLookup functions, Clock clock, int port) {
        this.store = store;
        this.functions = functions;
        this.clock = clock;
        this.port = port;
    }

    public FunctionUrlConfig create(String account, String region, String functionName, String qualifier, String authType,
                                    UrlCors cors, String invokeMode) {
        Target t = target(account, region, functionName, qualifier);
        FunctionUrlRules.checkAuthType(authType);
        String mode = FunctionUrlRules.invokeMode(invokeMode, FunctionUrlConfig.BUFFERED);
        FunctionUrlRules.checkCors(cors);
        functions.require(account, region, t.qualifiedName());
        long now = UrlTimes.micros(clock.instant());
        FunctionUrlConfig url = new FunctionUrlConfig(account, region, t.name(), t.qualifier(), newUrlId(), authType, cors, mode, now, now);
        if (!store.create(url)) {
            throw LambdaException.conflict("Failed to create function url config for [functionArn = " + url.functionArn()
                    + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
        }
        return url;
    }

    public FunctionUrlConfig get(String account, String region, String functionName, String qualifier) {
        Target t = target(account, region, functionName, qualifier);
        functions.require(account, region, t.name());
        return store.get(account, region, t.name(), t.qualifier()).orElseThrow(FunctionUrlService::urlNotFound);
    }

    /** Changes what is given: AuthType, Cors (replaced whole) and InvokeMode; the rest stays. */
    public FunctionUrlConfig update(String account, String region, String functionName, String qualifier, String authType,
                                    UrlCors cors, String invokeMode) {
        FunctionUrlConfig old = get(account, region, functionName, qualifier);
        if (authType != null) {
            FunctionUrlRules.checkAuthType(authType);
        }
        FunctionUrlRules.checkCors(cors);
        FunctionUrlConfig updated = old.changed(authType == null ? old.authType() : authType, cors == null ? old.cors() : cors,
                FunctionUrlRules.invokeMode(invokeMode, old.invokeMode()), UrlTimes.micros(clock.instant()));
        if (!store.replace(updated)) {
            throw urlNotFound();
        }
        return updated;
    }

    public void delete(String account, String region, String functionName, String qualifier) {
        Target t = target(account, region, functionName, qualifier);
        functions.require(account, region, t.name());
        if (!store.delete(account, region, t.name(), t.qualifier())) {
            throw urlNotFound();
        }
    }

    /** Up to {@code limit} URLs of a function after the qualifier {@code after} (null: from the start). */
    public List<FunctionUrlConfig> list(String account, String region, String functionName, String after, int limit) {
        String name = FunctionArns.parse(functionName, region, account).name();
        functions.require(account, region, name);
        return store.list(account, region, name, after, limit);
    }

    /**
     * DeleteFunction succeeded: when it deleted the function itself (no qualifier, or {@code $LATEST}),
     * its URLs go with it; deleting one published version leaves them.
     */
    public void forgetFunction(String account, String region, String functionName, String qualifier) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        String q = qualifier != null ? qualifier : named.qualifier();
        if (q == null || q.equals(FunctionUrlConfig.LATEST)) {
            store.deleteAllOf(account, region, named.name());
        }
    }

    /** An alias was deleted (DeleteAlias): its URL, if it had one, goes with it, as on AWS. */
    public void forgetAlias(String account, String region, String functionName, String alias) {
        store.delete(account, region, FunctionArns.parse(functionName, region, account).name(), alias);
    }

    /** The URL a data-plane request names, if it exists. */
    public Optional<FunctionUrlConfig> byId(String urlId) {
        return store.byId(urlId);
    }

    /** {@code http://<url-id>.lambda-url.<region>.localhost:<port>/}. */
    public String functionUrl(FunctionUrlConfig url) {
        return "http://" + url.domainName() + ":" + port + "/";
    }

    private record Target(String name, String qualifier) {
        String qualifiedName() {
            return FunctionUrlConfig.LATEST.equals(qualifier) ? name : name + ":" + qualifier;
        }
    }

    /**
     * The function and qualifier a request names: the Qualifier parameter, or the one in a qualified
     * ARN; both must agree, as AWS requires.
     */
    private static Target target(String account, String region, String functionName, String qualifier) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        if (named.qualifier() != null && qualifier != null && !named.qualifier().equals(qualifier)) {
            throw LambdaException.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
        }
        String q = qualifier != null ? qualifier : named.qualifier();
        if (q != null && (q.matches("\\d+") || q.equals(FunctionUrlConfig.LATEST))) {
            // a published version cannot have a URL; the API model's pattern refuses these in the Qualifier parameter
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + q
                    + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "((?!^\\d+$)^[0-9a-zA-Z-_]+$)");
        }
        return new Target(named.name(), q == null ? FunctionUrlConfig.LATEST : q);
    }

    private String newUrlId() {
        StringBuilder id = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static LambdaException urlNotFound() {
        return new LambdaException("ResourceNotFoundException", 404, NOT_FOUND);
    }
}
