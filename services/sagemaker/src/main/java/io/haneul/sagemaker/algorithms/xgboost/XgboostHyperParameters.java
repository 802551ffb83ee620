package io.haneul.sagemaker.algorithms.xgboost;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.data.HyperParameterRules;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hyperparameters of AWS's XGBoost algorithm container (1.x), with its names, ranges and defaults:
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost_hyperparameters.html
 */
final class XgboostHyperParameters {

    static final Set<String> NOT_BOOSTER_PARAMETERS = Set.of("num_round", "early_stopping_rounds", "csv_weights", "eval_metric",
            "lambda_bias", "single_precision_histogram", "use_dask_gpu_training", "save_model_on_termination", "prob_buffer_row");

    private static final Set<String> METRICS = Set.of("rmse", "rmsle", "mae", "mape", "mphe", "logloss", "error", "merror", "mlogloss",
            "auc", "aucpr", "ndcg", "map", "poisson-nloglik", "gamma-nloglik", "cox-nloglik", "gamma-deviance", "tweedie-nloglik",
            "aft-nloglik", "interval-regression-accuracy", "pre");

    private static final HyperParameterRules RULES = new HyperParameterRules()
            .requiredInteger("num_round", 1, Integer.MAX_VALUE)
            .integer("num_class", 2, Integer.MAX_VALUE, null)
            .continuous("alpha", 0, Double.MAX_VALUE, "0")
            .continuous("base_score", -Double.MAX_VALUE, Double.MAX_VALUE, null)
            .categorical("booster", "gbtree", "gbtree", "gblinear", "dart")
            .continuous("colsample_bylevel", 0.1, 1, "1")
            .continuous("colsample_bynode", 0.1, 1, "1")
            .continuous("colsample_bytree", 0, 1, "1")
            .integer("csv_weights", 0, 1, "0")
            .integer("early_stopping_rounds", 1, Integer.MAX_VALUE, null)
            .continuous("eta", 0, 1, "0.3")
            .text("eval_metric", null)
            .continuous("gamma", 0, Double.MAX_VALUE, "0")
            .categorical("grow_policy", "depthwise", "depthwise", "lossguide")
            .text("interaction_constraints", null)
            .continuous("lambda", 0, Double.MAX_VALUE, "1")
            .continuous("lambda_bias", 0, 1, null)
            .integer("max_bin", 2, Integer.MAX_VALUE, "256")
            .continuous("max_delta_step", 0, Double.MAX_VALUE, "0")
            .integer("max_depth", 0, Integer.MAX_VALUE, "6")
            .integer("max_leaves", 0, Integer.MAX_VALUE, "0")
            .continuous("min_child_weight", 0, Double.MAX_VALUE, "1")
            .text("monotone_constraints", null)
            .categorical("normalize_type", "tree", "tree", "forest")
            .integer("nthread", 1, Integer.MAX_VALUE, null)
            .categorical("objective", "reg:squarederror", "binary:logistic", "binary:logitraw", "binary:hinge", "count:poisson",
                    "multi:softmax", "multi:softprob", "rank:pairwise", "rank:ndcg", "rank:map", "reg:gamma", "reg:logistic",
                    "reg:squarederror", "reg:squaredlogerror", "reg:pseudohubererror", "reg:absoluteerror", "reg:tweedie",
                    "reg:linear", "survival:cox", "survival:aft", "reg:quantileerror")
            .integer("one_drop", 0, 1, null)
            .categorical("process_type", "default", "default", "update")
            .continuous("rate_drop", 0, 1, null)
            .integer("refresh_leaf", 0, 1, null)
            .categorical("sample_type", null, "uniform", "weighted")
            .continuous("scale_pos_weight", 0, Double.MAX_VALUE, "1")
            .integer("seed", 0, Integer.MAX_VALUE, "0")
            .text("single_precision_histogram", null)
            .continuous("sketch_eps", 0, 1, null)
            .continuous("skip_drop", 0, 1, null)
            .continuous("subsample", 0.0001, 1, "1")
            .categorical("tree_method", "auto", "auto", "exact", "approx", "hist", "gpu_hist")
            .continuous("tweedie_variance_power", 1, 1.9999, null)
            .text("updater", null)
            .text("use_dask_gpu_training", null)
            .integer("verbosity", 0, 3, "1")
            .text("save_model_on_termination", null)
            .text("prob_buffer_row", null);

    private XgboostHyperParameters() {
    }

    static Map<String, String> validate(Map<String, String> given) throws AlgorithmException {
        Map<String, String> out = RULES.validate(given);
        String objective = out.get("objective");
        if ((objective.equals("multi:softmax") || objective.equals("multi:softprob")) && !out.containsKey("num_class")) {
            throw AlgorithmException.client("Require input for parameter num_class for multi-classification");
        }
        if (out.containsKey("eval_metric")) {
            for (String metric : metrics(out)) {
                String base = metric.split("@", 2)[0].toLowerCase(Locale.ROOT);
                if (!METRICS.contains(base)) {
                    throw AlgorithmException.client("Hyperparameter eval_metric: value " + metric + " not in " + String.join(", ",
                            new java.util.TreeSet<>(METRICS)));
                }
            }
        }
        return out;
    }

    static String[] metrics(Map<String, String> validated) {
        String list = validated.get("eval_metric");
        if (list == null || list.isBlank()) {
            return new String[0];
        }
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
