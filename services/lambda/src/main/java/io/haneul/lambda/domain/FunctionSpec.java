package io.haneul.lambda.domain;

import java.util.List;
import java.util.Map;

/**
 * What a CreateFunction or UpdateFunctionConfiguration call asks for, with null for members the
 * caller left out (an update keeps the stored value; a creation takes AWS's default).
 */
public record FunctionSpec(String runtime, String handler, String role, String description, Integer timeout,
                           Integer memorySize, Map<String, String> environment, Map<String, String> tags,
                           List<String> architectures, Integer ephemeralStorage, List<String> layers,
                           String deadLetterTargetArn) {
}
