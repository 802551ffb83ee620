package io.haneul.lambda;

import io.haneul.core.spi.RoleSessions;
import io.haneul.core.spi.ServiceCallException;
import io.haneul.lambda.code.OptDirectory;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.exec.LayerPaths;
import io.haneul.lambda.exec.ProcessExtras;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a function's process gets when its environment starts, beyond the standard variables:
 * its layers merged and put on the runtime's search paths ({@link LayerPaths}), and in strict mode
 * temporary credentials of its execution role from STS ({@link RoleSessions}), issued afresh for
 * each environment and valid 12 hours, so that the SDKs inside the function sign their calls as the
 * role, in the function's account. In permissive mode the account-id keys of the standard
 * variables are kept (any key is accepted there, and a 12-digit one names the account).
 */
final class FunctionProcessExtras implements ProcessExtras {

    /** How long a function's role credentials last (AWS's runtime refreshes them; an environment idles out long before). */
    static final Duration CREDENTIALS_LIFETIME = Duration.ofHours(12);

    private final LayerService layers;
    private final OptDirectory opt;
    private final boolean strict;
    private final Supplier<Optional<RoleSessions>> sessions;

    FunctionProcessExtras(LayerService layers, OptDirectory opt, boolean strict, Supplier<Optional<RoleSessions>> sessions) {
        this.layers = layers;
        this.opt = opt;
        this.strict = strict;
        this.sessions = sessions;
    }

    @Override
    public Map<String, String> environment(FunctionRecord fn, Map<String, String> current) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!fn.layers().isEmpty()) {
            out.putAll(LayerPaths.environment(opt.of(layers.roots(fn.layers())), fn.runtime(), current));
        }
        if (strict && fn.role() != null) {
            Optional<RoleSessions> sts = sessions.get();
            if (sts.isPresent()) {
                try {
                    RoleSessions.Session s = sts.get().issue(fn.role(), fn.name(), CREDENTIALS_LIFETIME);
                    out.put("AWS_ACCESS_KEY_ID", s.accessKeyId());
                    out.put("AWS_SECRET_ACCESS_KEY", s.secretAccessKey());
                    out.put("AWS_SESSION_TOKEN", s.sessionToken());
                } catch (ServiceCallException e) {
                    throw new IllegalStateException("the execution role " + fn.role() + " cannot be assumed: " + e.getMessage());
                }
            }
        }
        return out;
    }
}
