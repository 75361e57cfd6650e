"""Reference values for the named scorers and balancedAccuracy.

Writes test/fixtures/scorers.json, computed by scikit-learn (1.2.1 when the fixtures
were made):

  scorers           for each small data set, a LogisticRegression whose coef_,
                    intercept_ and classes_ are set directly (random numbers from a
                    fixed seed; nothing is fitted), and the value of
                    get_scorer(name)(clf, X, y) for every scorer name the library
                    knows, without and (where the case has them) with sample_weight.
                    A scorer that scikit-learn refuses records "error" (the exception's
                    class and message) instead of "value"; warnings it emitted are kept.
  balancedAccuracy  sklearn.metrics.balanced_accuracy_score on label arrays, adjusted
                    or not, weighted or not, with the warnings it emitted.
  weightedMetrics   the metrics behind the scorers with sample_weight: accuracy_score,
                    confusion_matrix, precision_recall_fscore_support (every average)
                    and roc_auc_score (binary with tied scores and zero weights; ovr
                    macro, weighted and micro; ovo, which scikit-learn refuses; and
                    weights that leave a class, a side of a curve or everything
                    with weight 0: NaN with warnings, 0, or a refusal).

neg_log_loss: scikit-learn names the columns of predict_proba after the labels of y, so
it refuses a y that lacks one of the model's classes; the library names them after the
model's classes. Each case therefore also records "negLogLossModelLabels": minus
log_loss(y, P, labels=clf.classes_), P as the scorer passes it, the value the library
gives there.

Non-finite results (NaN, ±inf) are written as the strings "nan", "inf", "-inf". Floats
are written with Python's shortest round-trip repr, so they are read back exactly.
Running the script again rewrites the same file.

    /usr/bin/python3 tools/make_scorer_fixtures.py
"""

import json
import math
import os
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    confusion_matrix,
    get_scorer,
    log_loss,
    precision_recall_fscore_support,
    roc_auc_score,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "scorers.json")

# The names of src/model-selection/scoring.ts, in its order.
SCORING_NAMES = [
    "accuracy",
    "balanced_accuracy",
    "neg_log_loss",
    "roc_auc",
    "roc_auc_ovr",
    "f1",
    "f1_macro",
    "precision",
    "recall",
]


def py(obj):
    """numpy scalars and arrays -> plain Python values, recursively; non-finite floats -> strings."""
    if isinstance(obj, dict):
        return {k: py(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [py(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return py(obj.tolist())
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        v = float(obj)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(obj, np.str_):
        return str(obj)
    return obj


def run(fn):
    """{"value": …} or {"error": {"type", "message"}}, plus "warnings" when any were emitted."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = {"value": float(fn())}
        except Exception as e:  # noqa: BLE001 - every refusal is recorded
            out = {"error": {"type": type(e).__name__, "message": str(e)}}
    messages = sorted({str(w.message) for w in caught})
    if messages:
        out["warnings"] = messages
    return out


def make_model(coef, intercept, classes, multi_class):
    clf = LogisticRegression(multi_class=multi_class)
    clf.coef_ = np.asarray(coef, dtype=np.float64)
    clf.intercept_ = np.asarray(intercept, dtype=np.float64)
    clf.classes_ = np.asarray(classes)
    clf.n_features_in_ = clf.coef_.shape[1]
    return clf


def sample_labels(rng, clf, X):
    """Labels drawn from the model's own probabilities, so every score is informative."""
    P = clf.predict_proba(X)
    u = rng.uniform(size=(X.shape[0], 1))
    idx = (u > np.cumsum(P, axis=1)).sum(axis=1)
    idx = np.minimum(idx, P.shape[1] - 1)
    return clf.classes_[idx]


def scorer_case(name, clf, X, y, multi_class, sample_weight=None):
    case = {
        "name": name,
        "coef": clf.coef_,
        "intercept": clf.intercept_,
        "classes": clf.classes_,
        "multiClass": multi_class,
        "X": X,
        "y": y,
        "sampleWeight": sample_weight,
        "scores": {},
        "negLogLossModelLabels": None,
    }
    for scoring in SCORING_NAMES:
        scorer = get_scorer(scoring)
        if sample_weight is None:
            case["scores"][scoring] = run(lambda: scorer(clf, X, y))
        else:
            case["scores"][scoring] = run(lambda: scorer(clf, X, y, sample_weight=sample_weight))

    def model_labels():
        P = clf.predict_proba(X)
        if len(np.unique(y)) <= 2 and P.shape[1] == 2:
            P = P[:, 1]
        return -log_loss(y, P, labels=clf.classes_, sample_weight=sample_weight)

    case["negLogLossModelLabels"] = run(model_labels)
    return case


def scorer_cases():
    cases = []
    rng = np.random.RandomState(14)

    def model(classes, d, multi_class, scale=1.0):
        k = len(classes)
        rows = 1 if k == 2 else k  # scikit-learn keeps one row for any two-class model
        coef = rng.normal(scale=scale, size=(rows, d))
        intercept = rng.normal(scale=0.5, size=rows)
        return make_model(coef, intercept, classes, multi_class)

    def weights(n):
        w = rng.uniform(0.0, 2.0, size=n)
        w[::9] = 0.0
        return w

    def add(name, clf, X, y, multi_class, weighted=True):
        cases.append(scorer_case(name, clf, X, y, multi_class))
        if weighted:
            cases.append(scorer_case(name + ", weighted", clf, X, y, multi_class, weights(len(y))))

    # Binary, labels 0 and 1.
    X = rng.normal(size=(40, 3))
    clf = model([0, 1], 3, "auto")
    add("binary {0, 1}", clf, X, sample_labels(rng, clf, X), "auto")

    # Binary, string labels: f1, precision and recall have no class 1.
    X = rng.normal(size=(35, 4))
    clf = model(["ham", "spam"], 4, "auto")
    add("binary strings", clf, X, sample_labels(rng, clf, X), "auto")

    # Binary, labels 1 and 2: class 1 is the smaller label, the negative one for roc_auc.
    X = rng.normal(size=(30, 2))
    clf = model([1, 2], 2, "auto", scale=1.5)
    add("binary {1, 2}", clf, X, sample_labels(rng, clf, X), "auto")

    # Binary, labels 0 and 2: no class 1.
    X = rng.normal(size=(25, 3))
    clf = model([0, 2], 3, "auto")
    add("binary {0, 2}", clf, X, sample_labels(rng, clf, X), "auto", weighted=False)

    # Binary, labels -1 and 1.
    X = rng.normal(size=(25, 3))
    clf = model([-1, 1], 3, "auto")
    add("binary {-1, 1}", clf, X, sample_labels(rng, clf, X), "auto", weighted=False)

    # Binary, a two-class softmax model.
    X = rng.normal(size=(30, 3))
    clf = model([0, 1], 3, "multinomial")
    add("binary {0, 1}, multinomial model", clf, X, sample_labels(rng, clf, X), "multinomial")

    # Three classes, multinomial and one-vs-rest.
    X = rng.normal(size=(60, 4))
    clf = model([0, 1, 2], 4, "multinomial", scale=1.5)
    y3 = sample_labels(rng, clf, X)
    add("3 classes, multinomial", clf, X, y3, "multinomial")
    # A test set that lacks class 1 (predictions may still hold it).
    keep = y3 != 1
    add("3 classes, multinomial, test set without class 1", clf, X[keep], y3[keep], "multinomial")

    X = rng.normal(size=(45, 3))
    clf = model(["a", "b", "c"], 3, "ovr", scale=1.5)
    add("3 string classes, one-vs-rest", clf, X, sample_labels(rng, clf, X), "ovr")

    # Binary model, a test set of one class.
    X = rng.normal(size=(20, 3))
    clf = model([0, 1], 3, "auto")
    add("binary {0, 1}, test set of class 1 only", clf, X, np.ones(20, dtype=np.int64), "auto", weighted=False)

    # Everything negative: y and predictions all 0, so class 1 has no samples at all.
    X = rng.normal(size=(12, 2))
    clf = make_model([[0.1, -0.1]], [-10.0], [0, 1], "auto")
    add("binary {0, 1}, y and predictions all 0", clf, X, np.zeros(12, dtype=np.int64), "auto", weighted=False)

    # Binary model, y with a third label.
    X = rng.normal(size=(15, 2))
    clf = model([0, 1], 2, "auto")
    y = sample_labels(rng, clf, X)
    y[:3] = 2
    add("binary model, y with a label it does not know", clf, X, y, "auto", weighted=False)
    return cases


def balanced_cases():
    cases = []
    rng = np.random.RandomState(1412)

    def add(name, y_true, y_pred, sample_weight=None):
        results = []
        for adjusted in (False, True):
            kw = {"adjusted": adjusted}
            if sample_weight is not None:
                kw["sample_weight"] = sample_weight
            r = run(lambda: balanced_accuracy_score(y_true, y_pred, **kw))
            r["adjusted"] = adjusted
            results.append(r)
        cases.append({"name": name, "yTrue": y_true, "yPred": y_pred, "sampleWeight": sample_weight, "results": results})

    for k, n in ((2, 10), (2, 57), (3, 40), (5, 100), (9, 120), (12, 300)):
        y_true = rng.randint(k, size=n)
        y_pred = np.where(rng.uniform(size=n) < 0.6, y_true, rng.randint(k, size=n))
        add("%d classes, n=%d" % (k, n), y_true, y_pred)
        w = rng.uniform(0.0, 3.0, size=n)
        add("%d classes, n=%d, weighted" % (k, n), y_true, y_pred, w)

    names = np.array(["cat", "dog", "emu", "yak"])
    y_true = names[rng.randint(4, size=30)]
    y_pred = names[rng.randint(4, size=30)]
    add("string labels", y_true, y_pred)
    add("string labels, weighted", y_true, y_pred, rng.uniform(size=30))
    add("boolean labels", [True, False, True, True, False], [True, True, False, True, False])
    add("yPred holds a class yTrue lacks", [0, 0, 1, 1, 1], [0, 2, 1, 1, 2])
    add("yPred holds two classes yTrue lacks", ["a", "a", "b"], ["c", "a", "d"])
    add("a class of yTrue whose weights are all 0", [0, 0, 1, 1, 2], [0, 1, 1, 0, 2], [1.0, 2.0, 0.0, 0.0, 0.5])
    # scikit-learn gives NaN (the mean of no recall); the library refuses.
    add("every weight 0", [0, 1, 1], [0, 1, 0], [0.0, 0.0, 0.0])
    add("integer weights", [0, 1, 1, 2, 2, 2], [0, 1, 2, 2, 2, 0], [3, 1, 2, 1, 1, 4])
    add("one class, all right", [4, 4, 4], [4, 4, 4])
    add("one class, some wrong", [4, 4, 4], [4, 3, 4])
    add("a perfect prediction", [0, 1, 2, 0], [0, 1, 2, 0])
    add("a perfectly wrong prediction", [0, 1, 0, 1], [1, 0, 1, 0])
    return cases


def weighted_metric_cases():
    cases = []
    rng = np.random.RandomState(1414)

    def weights(n, zeros=True):
        w = rng.uniform(0.0, 3.0, size=n)
        if zeros:
            w[::7] = 0.0
        return w

    # Labels and predictions: accuracy, confusion matrix, precision/recall/F1.
    for k, n, names in ((2, 30, None), (3, 50, None), (4, 80, ["ant", "bee", "cat", "dog"]), (9, 150, None)):
        t = rng.randint(k, size=n)
        pr = np.where(rng.uniform(size=n) < 0.55, t, rng.randint(k, size=n))
        if names is not None:
            t = np.array(names)[t]
            pr = np.array(names)[pr]
        w = weights(n)
        case = {"name": "%d classes, n=%d" % (k, n), "yTrue": t, "yPred": pr, "sampleWeight": w}
        case["accuracy"] = run(lambda: accuracy_score(t, pr, sample_weight=w))
        case["confusionMatrix"] = confusion_matrix(t, pr, sample_weight=w)
        prf = {}
        for average in ("micro", "macro", "weighted", None):
            p_, r_, f_, s_ = precision_recall_fscore_support(t, pr, average=average, sample_weight=w, zero_division=0)
            prf["none" if average is None else average] = {"precision": p_, "recall": r_, "f1": f_, "support": s_}
        if k == 2:
            p_, r_, f_, _ = precision_recall_fscore_support(t, pr, average="binary", sample_weight=w, zero_division=0)
            prf["binary"] = {"precision": p_, "recall": r_, "f1": f_}
        case["precisionRecallF1"] = prf
        cases.append(case)

    # Scores: ROC AUC.
    for n, ties in ((40, False), (60, True), (200, True)):
        y = rng.randint(2, size=n)
        s = rng.normal(size=n) + y
        if ties:
            s = np.round(s * 2) / 2  # many equal scores, whose weights are added in numpy's order
        w = weights(n)
        cases.append({"name": "binary ROC AUC, n=%d%s" % (n, ", tied scores" if ties else ""), "yTrue": y, "score": s,
                      "sampleWeight": w, "rocAuc": {"binary": run(lambda: roc_auc_score(y, s, sample_weight=w))}})
    for k, n in ((3, 60), (5, 120)):
        y = rng.randint(k, size=n)
        y[:k] = np.arange(k)
        P = rng.dirichlet(np.ones(k), size=n)
        P = np.round(P * 8) / 8
        P = P / P.sum(axis=1, keepdims=True)
        w = weights(n)
        results = {}
        for average in ("macro", "weighted", "micro"):
            results["ovr " + average] = run(lambda: roc_auc_score(y, P, multi_class="ovr", average=average, sample_weight=w))
        results["ovo macro"] = run(lambda: roc_auc_score(y, P, multi_class="ovo", sample_weight=w))
        cases.append({"name": "%d classes ROC AUC, n=%d" % (k, n), "yTrue": y, "score": P, "sampleWeight": w, "rocAuc": results})

    # Weights that empty a class or a side of a curve: NaN with a warning, 0 for a
    # 'weighted' average of classes that all weigh (about) 0, or a refusal.
    y3 = [0, 1, 2, 0, 1, 2]
    P3 = [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6]]
    for name, w in (("class 2 weighs 0", [1, 1, 0, 1, 1, 0]),
                    ("only class 0 weighs", [1, 0, 0, 1, 0, 0]),
                    ("every weight 0", [0.0] * 6),
                    ("total weight 2e-9", [1e-9, 0, 0, 1e-9, 0, 0])):
        results = {}
        for average in ("macro", "weighted", "micro"):
            results["ovr " + average] = run(lambda: roc_auc_score(y3, P3, multi_class="ovr", average=average, sample_weight=w))
        cases.append({"name": "3 classes ROC AUC, " + name, "yTrue": y3, "score": P3, "sampleWeight": w, "rocAuc": results})
    yb = [0, 1, 1, 0, 1]
    sb = [0.1, 0.9, 0.4, 0.3, 0.8]
    for name, w in (("every weight 0", [0.0] * 5),
                    ("every positive weighs 0", [1, 0, 0, 1, 0]),
                    ("every negative weighs 0", [0, 1, 1, 0, 1])):
        cases.append({"name": "binary ROC AUC, " + name, "yTrue": yb, "score": sb, "sampleWeight": w,
                      "rocAuc": {"binary": run(lambda: roc_auc_score(yb, sb, sample_weight=w))}})
    return cases


def main():
    data = {
        "generatedBy": {
            "script": "tools/make_scorer_fixtures.py",
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "scorers": scorer_cases(),
        "balancedAccuracy": balanced_cases(),
        "weightedMetrics": weighted_metric_cases(),
    }
    data = py(data)

    def dump(o):
        return json.dumps(o, separators=(",", ":"), allow_nan=False)

    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            parts.append(dump(key) + ":[\n" + ",\n".join(dump(v) for v in value) + "\n]")
        else:
            parts.append(dump(key) + ":" + dump(value))
    with open(OUT, "w") as f:
        f.write("{\n" + ",\n".join(parts) + "\n}\n")
    print("wrote %s (%d bytes)" % (os.path.relpath(OUT, ROOT), os.path.getsize(OUT)))
    for key, value in data.items():
        if isinstance(value, list):
            print("  %s: %d cases" % (key, len(value)))


if __name__ == "__main__":
    main()
