package io.haneul.lambda.domain;

/**
 * What a qualifier names: {@code $LATEST}, a published version (digits) or an alias (anything else
 * the API's pattern allows; an alias name is never all digits).
 */
public final class Qualifiers {

    private Qualifiers() {
    }

    public static boolean isLatest(String qualifier) {
        return qualifier == null || FunctionRecord.LATEST.equals(qualifier);
    }

    public static boolean isVersion(String qualifier) {
        return qualifier != null && !qualifier.isEmpty() && qualifier.length() <= 18 && qualifier.chars().allMatch(Character::isDigit);
    }

    public static boolean isAlias(String qualifier) {
        return !isLatest(qualifier) && !isVersion(qualifier);
    }
}
