package io.haneul.sagemaker.training;

import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.IntegerParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The hyperparameter values a tuning job tries. Random: each value drawn on its range's scale
 * (Linear; Logarithmic draws the logarithm uniformly; ReverseLogarithmic does so for 1 − value; Auto
 * is Linear), categorical values uniformly; draw {@code i} comes from a generator seeded with the tuning
 * job's RandomSeed and {@code i}, so a restart draws the same values. Grid: the categorical ranges'
 * combinations in order (AWS allows only categorical ranges with Grid).
 */
final class TuningSearch {

    private TuningSearch() {
    }

    /** Checks the ranges as CreateHyperParameterTuningJob does; answers the problem or null. */
    static String problem(ParameterRanges ranges, String strategy, Map<String, String> staticHyperParameters) {
        List<String> names = new ArrayList<>();
        for (IntegerParameterRange r : ranges.integerParameterRanges()) {
            names.add(r.name());
            String p = numeric(r.name(), r.minValue(), r.maxValue(), r.scalingTypeAsString(), true);
            if (p != null) {
                return p;
            }
        }
        for (ContinuousParameterRange r : ranges.continuousParameterRanges()) {
            names.add(r.name());
            String p = numeric(r.name(), r.minValue(), r.maxValue(), r.scalingTypeAsString(), false);
            if (p != null) {
                return p;
            }
        }
        for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
            names.add(r.name());
        }
        if (names.isEmpty()) {
            return "The ParameterRanges must contain at least one hyperparameter range.";
        }
        if (names.stream().distinct().count() != names.size()) {
            return "Hyperparameter ranges must have unique names.";
        }
        for (String name : names) {
            if (staticHyperParameters.containsKey(name)) {
                return "Hyperparameter " + name + " is both static and tunable; remove it from StaticHyperParameters.";
            }
        }
        if (strategy.equals("Grid") && (!ranges.integerParameterRanges().isEmpty() || !ranges.continuousParameterRanges().isEmpty())) {
            return "The Grid search strategy supports only categorical hyperparameter ranges.";
        }
        return null;
    }

    private static String numeric(String name, String min, String max, String scaling, boolean integer) {
        double lo;
        double hi;
        try {
            lo = integer ? Long.parseLong(min) : Double.parseDouble(min);
            hi = integer ? Long.parseLong(max) : Double.parseDouble(max);
        } catch (NumberFormatException e) {
            return "The range of hyperparameter " + name + " is not " + (integer ? "integer" : "numeric") + ": [" + min + ", " + max + "]";
        }
        if (lo > hi) {
            return "The MinValue of hyperparameter " + name + " must be less than or equal to its MaxValue.";
        }
        if ("Logarithmic".equals(scaling) && lo <= 0) {
            return "Logarithmic scaling for hyperparameter " + name + " requires MinValue greater than 0.";
        }
        if ("ReverseLogarithmic".equals(scaling) && (integer || lo < 0 || hi >= 1)) {
            return "ReverseLogarithmic scaling for hyperparameter " + name + " requires a continuous range within [0, 1).";
        }
        return null;
    }

    /** The number of training jobs a Grid search runs: the product of the categorical ranges' sizes. */
    static int gridSize(ParameterRanges ranges) {
        int size = 1;
        for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
            size = Math.multiplyExact(size, r.values().size());
        }
        return size;
    }

    /** The values training job {@code index} (0-based) tries. */
    static Map<String, String> draw(ParameterRanges ranges, String strategy, long seed, int index) {
        Map<String, String> out = new LinkedHashMap<>();
        if (strategy.equals("Grid")) {
            int rest = index;
            List<CategoricalParameterRange> cats = ranges.categoricalParameterRanges();
            for (int i = cats.size() - 1; i >= 0; i--) {
                List<String> values = cats.get(i).values();
                out.put(cats.get(i).name(), values.get(rest % values.size()));
                rest /= values.size();
            }
            return reorder(out, ranges);
        }
        Random random = new Random(seed * 1_000_003L + index);
        for (IntegerParameterRange r : ranges.integerParameterRanges()) {
            long lo = Long.parseLong(r.minValue());
            long hi = Long.parseLong(r.maxValue());
            long v;
            if ("Logarithmic".equals(r.scalingTypeAsString())) {
                double x = Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi + 1) - Math.log(lo)));
                v = Math.min(hi, Math.max(lo, (long) Math.floor(x)));
            } else {
                v = lo + (long) Math.floor(random.nextDouble() * (hi - lo + 1));
            }
            out.put(r.name(), Long.toString(Math.min(v, hi)));
        }
        for (ContinuousParameterRange r : ranges.continuousParameterRanges()) {
            double lo = Double.parseDouble(r.minValue());
            double hi = Double.parseDouble(r.maxValue());
            double u = random.nextDouble();
            double v = switch (r.scalingTypeAsString() == null ? "Auto" : r.scalingTypeAsString()) {
                case "Logarithmic" -> Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));
                case "ReverseLogarithmic" -> 1 - Math.exp(Math.log(1 - hi) + u * (Math.log(1 - lo) - Math.log(1 - hi)));
                default -> lo + u * (hi - lo);
            };
            out.put(r.name(), String.format(Locale.ROOT, "%.10g", Math.min(hi, Math.max(lo, v))).replaceAll("0+$", "").replaceAll("\\.$", ".0"));
        }
        for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
            out.put(r.name(), r.values().get(random.nextInt(r.values().size())));
        }
        return out;
    }

    private static Map<String, String> reorder(Map<String, String> values, ParameterRanges ranges) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
            out.put(r.name(), values.get(r.name()));
        }
        return out;
    }
}
