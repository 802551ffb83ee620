package io.haneul.lambda.exec;

import io.haneul.lambda.domain.FunctionRecord;

import java.util.Map;

/**
 * Variables a function's process gets beyond the standard ones, computed outside the runner when an
 * environment starts: the paths of the function's layers and the credentials of its execution role.
 */
@FunctionalInterface
public interface ProcessExtras {

    ProcessExtras NONE = (fn, current) -> Map.of();

    /**
     * @param current the variables set so far (the function's own and the standard ones)
     * @return variables to set, replacing those of the same name
     */
    Map<String, String> environment(FunctionRecord fn, Map<String, String> current);
}
