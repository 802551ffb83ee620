package io.haneul.sagemaker.algorithms.data;

import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One algorithm's hyperparameters as AWS documents them: names, kinds, ranges, allowed values, which
 * are required and their defaults. {@link #validate} answers the full set the algorithm trains with,
 * or fails with a ClientError naming the bad hyperparameter, as AWS's containers do. Names SageMaker's
 * SDK and tuner add ({@code sagemaker_*}, {@code _tuning_objective_metric}) are accepted and ignored.
 */
public final class HyperParameterRules {

    private enum Kind { INTEGER, CONTINUOUS, CATEGORICAL, TEXT }

    private record Rule(String name, Kind kind, double min, double max, Set<String> choices, String defaultValue, boolean required) {
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();

    public HyperParameterRules requiredInteger(String name, long min, long max) {
        return add(new Rule(name, Kind.INTEGER, min, max, Set.of(), null, true));
    }

    /** An integer hyperparameter; {@code defaultValue} null leaves it unset unless given. */
    public HyperParameterRules integer(String name, long min, long max, String defaultValue) {
        return add(new Rule(name, Kind.INTEGER, min, max, Set.of(), defaultValue, false));
    }

    public HyperParameterRules continuous(String name, double min, double max, String defaultValue) {
        return add(new Rule(name, Kind.CONTINUOUS, min, max, Set.of(), defaultValue, false));
    }

    public HyperParameterRules requiredCategorical(String name, String... choices) {
        return add(new Rule(name, Kind.CATEGORICAL, 0, 0, Set.of(choices), null, true));
    }

    public HyperParameterRules categorical(String name, String defaultValue, String... choices) {
        return add(new Rule(name, Kind.CATEGORICAL, 0, 0, Set.of(choices), defaultValue, false));
    }

    /** Free text (lists, constraints) passed through as given. */
    public HyperParameterRules text(String name, String defaultValue) {
        return add(new Rule(name, Kind.TEXT, 0, 0, Set.of(), defaultValue, false));
    }

    private HyperParameterRules add(Rule rule) {
        rules.put(rule.name(), rule);
        return this;
    }

    /** The given hyperparameters checked, with defaults filled in (in the rules' order). */
    public Map<String, String> validate(Map<String, String> given) throws AlgorithmException {
        Map<String, String> supplied = given == null ? Map.of() : given;
        for (String name : supplied.keySet()) {
            if (!rules.containsKey(name) && !name.startsWith("sagemaker_") && !name.startsWith("_")) {
                throw AlgorithmException.client("Additional hyperparameters are not allowed (" + name + " was unexpected)");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Rule rule : rules.values()) {
            String value = supplied.get(rule.name());
            if (value == null) {
                if (rule.required()) {
                    throw AlgorithmException.client("Missing required hyperparameter: " + rule.name());
                }
                if (rule.defaultValue() != null) {
                    out.put(rule.name(), rule.defaultValue());
                }
                continue;
            }
            out.put(rule.name(), check(rule, value.strip()));
        }
        return out;
    }

    private static String check(Rule rule, String value) throws AlgorithmException {
        switch (rule.kind()) {
            case INTEGER -> {
                long parsed;
                try {
                    parsed = (long) parseNumber(value);
                    if (parsed != parseNumber(value)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw AlgorithmException.client("Hyperparameter " + rule.name() + ": value " + value + " is not an integer");
                }
                if (parsed < rule.min() || parsed > rule.max()) {
                    throw AlgorithmException.client("Hyperparameter " + rule.name() + ": value " + value + " not in range ["
                            + (long) rule.min() + ", " + bound(rule.max()) + "]");
                }
                return Long.toString(parsed);
            }
            case CONTINUOUS -> {
                double parsed;
                try {
                    parsed = parseNumber(value);
                } catch (NumberFormatException e) {
                    throw AlgorithmException.client("Hyperparameter " + rule.name() + ": value " + value + " is not a number");
                }
                if (Double.isNaN(parsed) || parsed < rule.min() || parsed > rule.max()) {
                    throw AlgorithmException.client("Hyperparameter " + rule.name() + ": value " + value + " not in range ["
                            + rule.min() + ", " + bound(rule.max()) + "]");
                }
                return value;
            }
            case CATEGORICAL -> {
                if (!rule.choices().contains(value) && !rule.choices().contains(value.toLowerCase(Locale.ROOT))) {
                    String[] sorted = rule.choices().toArray(String[]::new);
                    Arrays.sort(sorted);
                    throw AlgorithmException.client("Hyperparameter " + rule.name() + ": value " + value + " not in "
                            + String.join(", ", sorted));
                }
                return rule.choices().contains(value) ? value : value.toLowerCase(Locale.ROOT);
            }
            default -> {
                return value;
            }
        }
    }

    private static double parseNumber(String value) {
        return Double.parseDouble(value);
    }

    private static String bound(double max) {
        if (max >= Long.MAX_VALUE / 2.0 || Double.isInfinite(max)) {
            return "Infinity";
        }
        return max == Math.rint(max) ? Long.toString((long) max) : Double.toString(max);
    }

    /** A validated value as a number. */
    public static double number(Map<String, String> validated, String name, double fallback) {
        String value = validated.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }
}
