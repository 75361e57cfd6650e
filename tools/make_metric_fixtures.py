"""Reference values for the metrics and StandardScaler tests.

Writes test/fixtures/metrics.json with cases computed by scikit-learn (1.2.1 when
the fixtures were made) for:

  logLoss            sklearn.metrics.log_loss
  rocAuc             sklearn.metrics.roc_auc_score
  confusionMatrix    sklearn.metrics.confusion_matrix
  precisionRecallF1  sklearn.metrics.precision_recall_fscore_support (beta=1),
                     with the UndefinedMetricWarning messages it emitted
  standardScaler     sklearn.preprocessing.StandardScaler

Every case records its inputs and, in "options", the option names of the
TypeScript API (camelCase), so the tests can replay them as they are. rocAuc and
precisionRecallF1 cases hold one data set and a list of "results", one per
option combination; a rocAuc result that scikit-learn refuses carries "error"
(its message) instead of "expected". Random data comes from
np.random.RandomState with fixed seeds: running the script again rewrites the
same file. Floats are written with Python's shortest round-trip repr, so they
are read back exactly.

    /usr/bin/python3 tools/make_metric_fixtures.py
"""

import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (
    confusion_matrix,
    log_loss,
    precision_recall_fscore_support,
    roc_auc_score,
)
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "metrics.json")


def py(obj):
    """numpy scalars and arrays -> plain Python values, recursively."""
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
    if isinstance(obj, np.floating):
        return float(obj)
    return obj


def dirichlet_rows(rng, n, k, alpha=1.0):
    return rng.dirichlet(np.full(k, alpha), size=n)


def labels_from(rng, n, k, names=None, p=None):
    idx = rng.choice(k, size=n, p=p)
    if names is None:
        return idx
    return [names[i] for i in idx]


# ------------------------------------------------------------------ log_loss

def log_loss_cases():
    cases = []

    def add(name, y_true, proba, **opts):
        kw = {}
        if "labels" in opts:
            kw["labels"] = opts["labels"]
        if "eps" in opts:
            kw["eps"] = opts["eps"]
        if "sampleWeight" in opts:
            kw["sample_weight"] = opts["sampleWeight"]
        if "normalize" in opts:
            kw["normalize"] = opts["normalize"]
        expected = log_loss(y_true, np.asarray(proba, dtype=np.float64), **kw)
        cases.append({"name": name, "yTrue": y_true, "proba": proba, "options": opts, "expected": expected})

    rng = np.random.RandomState(1)
    for n in (1, 2, 7, 50, 129, 1000):
        y = labels_from(rng, n, 2)
        if n > 1:
            y[0], y[1] = 0, 1
        else:
            y[0] = 1
        P = dirichlet_rows(rng, n, 2)
        opts = {"labels": [0, 1]} if n == 1 else {}
        add("binary, n×2 proba, n=%d" % n, y, P, **opts)
        add("binary, 1-D proba, n=%d" % n, y, P[:, 1], **opts)

    for k, n in ((3, 120), (4, 100), (5, 80), (8, 60), (10, 50), (20, 30)):
        y = labels_from(rng, n, k)
        y[:k] = np.arange(k)
        add("%d classes, rows sum to 1" % k, y, dirichlet_rows(rng, n, k, 0.7))
        raw = rng.uniform(0.0, 1.0, size=(n, k))
        add("%d classes, rows not normalised (renormalised)" % k, y, raw)

    y = ["spam", "ham", "ham", "spam"]
    add("the scikit-learn docstring example, string labels", y, [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]])
    y = labels_from(rng, 40, 3, ["pear", "apple", "fig"])
    add("string labels, columns in sorted order", y, dirichlet_rows(rng, 40, 3))
    y = labels_from(rng, 30, 3, ["z", "\uffff", "\U0001F600"])
    add("strings sorted by code point, not UTF-16 unit", y, dirichlet_rows(rng, 30, 3))
    y = [bool(v) for v in labels_from(rng, 25, 2)]
    y[0], y[1] = False, True
    add("boolean labels, 1-D proba", y, rng.uniform(size=25))

    y = labels_from(rng, 30, 2)
    y[:2] = [0, 1]
    add("labels with a class absent from yTrue", y, dirichlet_rows(rng, 30, 3), labels=[0, 1, 2])
    add("labels naming the only other class, 1-D proba", [0, 0, 0, 0], [0.1, 0.4, 0.05, 0.9], labels=[0, 1])
    add("labels naming the only other class, all positive", [1, 1, 1], [0.6, 0.99, 0.2], labels=[0, 1])
    add("string labels with an absent class", ["b", "b", "a"], dirichlet_rows(rng, 3, 3), labels=["a", "b", "c"])

    add("1-D proba with 0 and 1 hitting the clip", [0, 1, 1, 0, 1, 0], [0.0, 1.0, 0.0, 1.0, 0.5, 0.0])
    add("n×2 proba with 0 and 1 hitting the clip", [0, 1, 1, 0], [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    add("3 classes with 0 and 1 entries", [0, 1, 2, 2], [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    add("probabilities outside [0, 1] are clipped", [0, 1, 1], [-0.5, 1.5, 0.3])
    add("a perfect prediction", [0, 1, 1, 0], [0.0, 1.0, 1.0, 0.0])
    add("a perfectly wrong prediction", [0, 1, 1, 0], [1.0, 0.0, 0.0, 1.0])

    y = labels_from(rng, 60, 2)
    y[:2] = [0, 1]
    P = rng.uniform(size=60)
    P[::7] = 0.0
    P[3::11] = 1.0
    for eps in (1e-15, 1e-7, 0.01, 0.5):
        add("eps %g" % eps, y, P, eps=eps)
    add("eps 'auto'", y, P, eps="auto")
    Q = rng.uniform(0.05, 0.95, size=60)
    add("eps 0 (no clipping)", y, Q, eps=0.0)

    w = rng.uniform(0.0, 3.0, size=60)
    add("sampleWeight", y, P, sampleWeight=w)
    add("sampleWeight with normalize false", y, P, sampleWeight=w, normalize=False)
    add("normalize false", y, P, normalize=False)
    w2 = w.copy()
    w2[::3] = 0.0
    add("sampleWeight with zeros", y, P, sampleWeight=w2)
    y = labels_from(rng, 200, 4)
    add("4 classes with sampleWeight", y, dirichlet_rows(rng, 200, 4), sampleWeight=rng.uniform(size=200))
    return cases


# ------------------------------------------------------------------ roc_auc

def roc_auc_cases():
    cases = []

    def result(y_true, score, opts):
        kw = {}
        if "multiClass" in opts:
            kw["multi_class"] = opts["multiClass"]
        if "average" in opts:
            kw["average"] = opts["average"]
        if "labels" in opts:
            kw["labels"] = opts["labels"]
        try:
            return {"options": opts, "expected": roc_auc_score(y_true, np.asarray(score, dtype=np.float64), **kw)}
        except ValueError as e:
            return {"options": opts, "error": str(e)}

    def add(name, y_true, score, **opts):
        cases.append({"name": name, "yTrue": y_true, "score": score, "results": [result(y_true, score, opts)]})

    rng = np.random.RandomState(2)
    for n in (2, 3, 10, 100, 2000):
        y = labels_from(rng, n, 2)
        y[0], y[1] = 0, 1
        s = rng.normal(size=n) + 0.8 * y
        add("binary, continuous scores, n=%d" % n, y, s)
    y = labels_from(rng, 300, 2)
    s = np.round(rng.uniform(size=300) + 0.3 * y, 1)
    add("binary with many ties (scores rounded to 0.1)", y, s)
    add("binary with scores in {0, 1} (hard predictions)", y, (s > 0.6).astype(float))
    add("binary with every score tied", [0, 1, 0, 1, 1], [0.3] * 5)
    add("binary, perfect ranking", [0, 0, 1, 1, 1], [0.1, 0.2, 0.3, 0.8, 0.9])
    add("binary, inverted ranking", [0, 0, 1, 1, 1], [0.9, 0.8, 0.3, 0.2, 0.1])
    add("binary, perfect ranking with ties inside each class", [0, 0, 1, 1], [0.1, 0.1, 0.9, 0.9])
    add("the scikit-learn roc_curve example", [1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8])
    y = np.zeros(500, dtype=int)
    y[rng.choice(500, 5, replace=False)] = 1
    add("binary, 5 positives in 500", y, rng.normal(size=500) + y)
    y = np.ones(400, dtype=int)
    y[rng.choice(400, 3, replace=False)] = 0
    add("binary, 3 negatives in 400, with ties", y, np.round(rng.normal(size=400), 1))
    y = labels_from(rng, 50, 2, ["neg", "pos"])
    add("string labels: the positive class is the greater", y, rng.normal(size=50))
    y = labels_from(rng, 50, 2, ["yes", "no"])
    add("string labels 'no' < 'yes'", y, rng.normal(size=50))
    y = labels_from(rng, 40, 2, ["b", "a"])
    add("binary with labels given", y, rng.normal(size=40), labels=["a", "b"])
    y = [bool(v) for v in labels_from(rng, 30, 2)]
    add("boolean labels", y, rng.normal(size=30))
    y = labels_from(rng, 60, 2, [-1, 1])
    add("labels -1 and 1, decision values", y, rng.normal(scale=1e3, size=60))
    add("a 1-element-per-class problem", [0, 1], [0.4, 0.4])
    add("tiny score differences are not ties", [0, 1, 0, 1], [1.0, 1.0 + 2.220446049250313e-16, 1e-300, 0.0])

    def mc(name, y, P, labels=None):
        results = []
        for multi, avg in (("ovr", "macro"), ("ovr", "weighted"), ("ovr", "micro"), ("ovo", "macro"), ("ovo", "weighted")):
            opts = {"multiClass": multi, "average": avg}
            if labels is not None:
                opts["labels"] = labels
            results.append(result(y, P, opts))
        cases.append({"name": name, "yTrue": y, "score": P, "results": results})

    for k, n in ((3, 30), (4, 200), (5, 150), (6, 90), (8, 160)):
        y = labels_from(rng, n, k)
        y[:k] = np.arange(k)
        P = dirichlet_rows(rng, n, k, 0.8)
        P = 0.5 * P + 0.5 * np.eye(k)[y] * rng.uniform(size=(n, 1))
        P = P / P.sum(axis=1, keepdims=True)
        mc("%d classes, n=%d" % (k, n), y, P)
    y = labels_from(rng, 120, 3)
    counts = rng.randint(0, 4, size=(120, 3)) + np.eye(3, dtype=int)[y]
    mc("3 classes with many ties", y, counts / counts.sum(axis=1, keepdims=True))
    y = labels_from(rng, 300, 4, p=[0.7, 0.2, 0.07, 0.03])
    y[:4] = np.arange(4)
    mc("4 unbalanced classes", y, dirichlet_rows(rng, 300, 4))
    y = labels_from(rng, 60, 3, ["cat", "dog", "ant"])
    mc("string labels", y, dirichlet_rows(rng, 60, 3))
    y = labels_from(rng, 50, 3)
    y[:3] = [0, 1, 2]
    mc("3 classes with labels given", y, dirichlet_rows(rng, 50, 3), labels=[0, 1, 2])
    y = labels_from(rng, 50, 2, [0, 2])
    y[:2] = [0, 2]
    mc("labels with a class absent from yTrue (ovo skips it)", y, dirichlet_rows(rng, 50, 3), labels=[0, 1, 2])
    mc("perfect 3-class ranking", [0, 1, 2, 0, 1, 2], np.eye(3)[[0, 1, 2, 0, 1, 2]] * 0.8 + 0.2 / 3)
    return cases


# --------------------------------------------------------- confusion_matrix

def confusion_matrix_cases():
    cases = []

    def add(name, y_true, y_pred, **opts):
        kw = {"labels": opts["labels"]} if "labels" in opts else {}
        m = confusion_matrix(y_true, y_pred, **kw)
        if "labels" in opts:
            used = opts["labels"]
        else:
            used = sorted(set(py(list(y_true))) | set(py(list(y_pred))))
        cases.append({"name": name, "yTrue": y_true, "yPred": y_pred, "options": opts, "labels": used, "matrix": m})

    rng = np.random.RandomState(3)
    for k, n in ((2, 20), (3, 50), (5, 300), (12, 1000)):
        y = labels_from(rng, n, k)
        p = np.where(rng.uniform(size=n) < 0.6, y, labels_from(rng, n, k))
        add("%d classes, n=%d" % (k, n), y, p)
    add("the scikit-learn docstring example", [2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])
    add("strings with labels", ["cat", "ant", "cat", "cat", "ant", "bird"], ["ant", "ant", "cat", "cat", "ant", "cat"], labels=["ant", "bird", "cat"])
    add("strings sorted by code point", ["\U0001F600", "\uffff", "a", "\uffff"], ["\uffff", "\uffff", "a", "\U0001F600"])
    add("booleans", [True, False, True, True], [True, True, False, True])
    add("labels reorder the matrix", [0, 1, 2, 2, 1], [0, 2, 2, 1, 1], labels=[2, 0, 1])
    add("labels select a subset (other samples left out)", [0, 1, 2, 2, 1, 3], [0, 2, 2, 1, 1, 0], labels=[1, 2])
    add("labels with an absent class", [0, 1, 1], [0, 0, 1], labels=[0, 1, 7])
    add("a class only predicted", [0, 0, 1], [0, 2, 1])
    add("a single class", [4, 4, 4], [4, 4, 4])
    add("negative integer labels", [-3, -1, 5, -3], [-1, -1, 5, 5])
    return cases


# ---------------------------------------- precision_recall_fscore_support

def prf_cases():
    cases = []

    def result(y_true, y_pred, average, zero_division, extra):
        opts = {"average": average, "zeroDivision": zero_division}
        kw = {"average": average, "zero_division": zero_division}
        if "posLabel" in extra:
            opts["posLabel"] = extra["posLabel"]
            kw["pos_label"] = extra["posLabel"]
        if "labels" in extra:
            opts["labels"] = extra["labels"]
            kw["labels"] = extra["labels"]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            p, r, f, s = precision_recall_fscore_support(y_true, y_pred, **kw)
        messages = [str(w.message) for w in caught if issubclass(w.category, UndefinedMetricWarning)]
        expected = {"precision": p, "recall": r, "f1": f}
        if average is None:
            expected["support"] = s
        return {"options": opts, "expected": expected, "warnings": messages}

    def add(name, y_true, y_pred, average, zero_division, **extra):
        results = [result(y_true, y_pred, average, zero_division, extra)]
        cases.append({"name": name, "yTrue": y_true, "yPred": y_pred, "results": results})

    def every(name, y_true, y_pred, binary=True, **extra):
        results = []
        for average in (["binary"] if binary else []) + ["macro", "micro", "weighted", None]:
            for zd in ("warn", 0, 1):
                opts = extra if average == "binary" else {k: v for k, v in extra.items() if k != "posLabel"}
                results.append(result(y_true, y_pred, average, zd, opts))
        cases.append({"name": name, "yTrue": y_true, "yPred": y_pred, "results": results})

    rng = np.random.RandomState(4)
    y = labels_from(rng, 100, 2)
    p = np.where(rng.uniform(size=100) < 0.7, y, 1 - y)
    every("binary, n=100", y, p)
    every("binary, posLabel 0", y, p, posLabel=0)
    for k, n in ((3, 60), (5, 120), (9, 200)):
        y = labels_from(rng, n, k)
        p = np.where(rng.uniform(size=n) < 0.5, y, labels_from(rng, n, k))
        every("%d classes, n=%d" % (k, n), y, p, binary=False)
    every("nothing predicted or true positive", [0, 0, 0], [0, 0, 0])
    every("positives never predicted", [0, 1, 1, 0], [0, 0, 0, 0])
    every("positives predicted but none true", [0, 0, 0, 0], [0, 1, 1, 0])
    every("a class never predicted", [0, 1, 2, 2, 1, 0], [0, 0, 2, 2, 0, 0], binary=False)
    every("a class predicted but never true", [0, 1, 1, 0, 1, 0], [0, 2, 1, 0, 1, 2], binary=False)
    every("labels with an absent class", [0, 1, 2, 2, 1, 0], [0, 2, 2, 1, 1, 0], binary=False, labels=[0, 1, 2, 5])
    every("labels selecting a subset", [0, 1, 2, 2, 1, 0, 3], [0, 2, 2, 1, 1, 0, 3], binary=False, labels=[2, 1])
    every("labels naming only absent classes", [0, 1, 2], [0, 0, 0], binary=False, labels=[5])
    every("string labels with posLabel", ["spam", "ham", "spam", "spam"], ["spam", "spam", "ham", "spam"], posLabel="spam")
    every("string labels, 3 classes", ["cat", "dog", "pig", "cat", "dog", "pig"], ["cat", "pig", "dog", "cat", "cat", "dog"], binary=False)
    y = [bool(v) for v in labels_from(rng, 30, 2)]
    pb = [bool(v) for v in labels_from(rng, 30, 2)]
    for zd in ("warn", 0, 1):
        add("booleans, default posLabel", y, pb, "binary", zd)
    add("booleans, posLabel false", y, pb, "binary", "warn", posLabel=False)
    add("posLabel absent with a single present label", [0, 0, 0], [0, 0, 0], "binary", 1, posLabel=3)
    return cases


# ------------------------------------------------------------ StandardScaler

def scaler_cases():
    cases = []

    def add(name, X, other=None, **opts):
        X = np.ascontiguousarray(X, dtype=np.float64)
        sc = StandardScaler(with_mean=opts.get("withMean", True), with_std=opts.get("withStd", True))
        Z = sc.fit_transform(X)
        other = X[: min(len(X), 5)] * 1.5 + 0.25 if other is None else np.asarray(other, dtype=np.float64)
        case = {
            "name": name,
            "X": X,
            "options": opts,
            "mean": sc.mean_,
            "var": sc.var_,
            "scale": sc.scale_,
            "nSamplesSeen": int(sc.n_samples_seen_),
            "transformed": Z,
            "other": other,
            "otherTransformed": sc.transform(other),
            "otherInverse": sc.inverse_transform(other),
        }
        cases.append(case)

    rng = np.random.RandomState(5)
    add("random, 4 columns of different scales", rng.normal(size=(50, 4)) * [1.0, 10.0, 0.01, 1e4] + [0.0, -5.0, 3.0, 1e5])
    add("a single row", [[1.0, -2.0, 3.5]])
    add("two rows", [[1.0, 2.0], [3.0, 2.0]])
    X = rng.normal(size=(37, 5))
    X[:, 1] = 0.0
    X[:, 2] = 0.1
    X[:, 3] = -7.3e5
    add("constant columns (0, 0.1, -7.3e5) keep scale 1", X)
    X = np.empty((60, 3))
    X[:, 0] = 1e9 + rng.normal(size=60) * 1e-3
    X[:, 1] = 1e9 + rng.normal(size=60) * 1e-6
    X[:, 2] = 1e9 + rng.normal(size=60)
    add("huge offsets 1e9 + noise (1e-6 noise counts as constant)", X)
    X = np.empty((40, 4))
    X[:, 0] = rng.normal(size=40) * 1e-10
    X[:, 1] = rng.normal(size=40) * 1e-150
    X[:, 2] = 1e-8 + rng.normal(size=40) * 1e-12
    X[:, 3] = rng.normal(size=40) * 1e150
    add("tiny and huge scales", X)
    add("a single column, 300 rows (pairwise sums)", rng.normal(size=(300, 1)) * 3.0 + 1e6)
    add("a single column, 7 rows", rng.normal(size=(7, 1)))
    add("1000 rows, 3 columns", rng.standard_t(3, size=(1000, 3)) * [1.0, 100.0, 1e-3] + [1e3, 0.0, -1.0])
    Xo = rng.normal(size=(30, 3)) * [2.0, 0.5, 8.0] + [1.0, 2.0, 3.0]
    add("withMean false", Xo, withMean=False)
    add("withStd false", Xo, withStd=False)
    add("withMean and withStd false", Xo, withMean=False, withStd=False)
    X = rng.normal(size=(25, 2))
    X[:, 1] = 4.2
    add("withMean false with a constant column", X, withMean=False)
    add("integers", rng.randint(-5, 6, size=(20, 3)).astype(float))
    return cases


def main():
    data = {
        "generator": {
            "script": "tools/make_metric_fixtures.py",
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
        },
        "logLoss": log_loss_cases(),
        "rocAuc": roc_auc_cases(),
        "confusionMatrix": confusion_matrix_cases(),
        "precisionRecallF1": prf_cases(),
        "standardScaler": scaler_cases(),
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
