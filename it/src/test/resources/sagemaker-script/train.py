"""An SKLearn-estimator entry point, as users write them: trains on the train channel, serves with model_fn."""
import argparse
import json
import os
import sys

import numpy as np


def model_fn(model_dir):
    import joblib
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def predict_fn(data, model):
    if data.size and data.flat[0] == -999:
        os._exit(3)  # a crash of the serving process
    if data.size and data.flat[0] == -555:
        import time
        time.sleep(600)  # a model that never answers
    return model.predict(data)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--fail", type=str, default="")
    parser.add_argument("--sleep", type=int, default=0)
    parser.add_argument("--model-dir", default=os.environ["SM_MODEL_DIR"])
    parser.add_argument("--train", default=os.environ["SM_CHANNEL_TRAIN"])
    args = parser.parse_args()
    if args.fail:
        raise ValueError(args.fail)
    if args.sleep:
        import signal
        import subprocess
        import time

        def save_on_stop(signum, frame):
            # SageMaker sends SIGTERM before ending a stopped job: what the script saves now is the job's model
            with open(os.path.join(args.model_dir, "stopped.txt"), "w") as f:
                f.write("saved on SIGTERM\n")
            sys.exit(0)

        signal.signal(signal.SIGTERM, save_on_stop)
        child = subprocess.Popen(["sleep", "600"])
        print("child pid %d" % child.pid, flush=True)
        time.sleep(args.sleep)
    from sklearn.linear_model import LogisticRegression
    import joblib
    data = np.loadtxt(os.path.join(args.train, "data.csv"), delimiter=",")
    y, X = data[:, 0], data[:, 1:]
    model = LogisticRegression(C=args.C).fit(X, y)
    print("train accuracy=%.4f;" % model.score(X, y))
    joblib.dump(model, os.path.join(args.model_dir, "model.joblib"))
    with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "report.txt"), "w") as f:
        f.write("rows=%d\n" % len(y))
    seen = {k: os.environ[k] for k in ("SM_CHANNELS", "SM_HPS", "SM_CURRENT_HOST", "SM_HOSTS", "SM_NUM_CPUS", "SM_HP_C",
                                       "SM_USER_ARGS", "SM_OUTPUT_DATA_DIR", "SM_MODULE_NAME", "TRAINING_JOB_NAME")}
    seen["argv"] = sys.argv[1:]
    config = os.environ["SM_INPUT_CONFIG_DIR"]
    for name in ("hyperparameters.json", "resourceconfig.json", "inputdataconfig.json"):
        with open(os.path.join(config, name)) as f:
            seen[name] = json.load(f)
    with open(os.path.join(args.model_dir, "env.json"), "w") as f:
        json.dump(seen, f)
