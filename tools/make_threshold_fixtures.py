"""Reference values for tunedThreshold: scikit-learn 1.5's TunedThresholdClassifierCV, redone.

Writes test/fixtures/model-selection/tuned-threshold.json.

Why redone. TunedThresholdClassifierCV first appeared in scikit-learn 1.5; the Python here
(Debian's python3-sklearn) is 1.2.1 and nothing newer can be installed. Its algorithm is
short, though, and is built entirely from pieces 1.2.1 already has: LogisticRegression,
StratifiedKFold, the label metrics, numpy's linspace / interp / mean / argmax. This script
therefore restates 1.5's steps in its own words over 1.2.1's pieces.

What was read. scikit-learn's sources as stored in a public code index. No 1.5.x release
copy was reachable from here (the index keeps one version of each file, the whole
repository was too large to fetch, and pip has no network), so these are later
main-branch copies of the 1.5 code (its classes say ".. versionadded:: 1.5"); that a 1.5.x
release takes exactly these steps is assumed, not checked:
  - sklearn/model_selection/_classification_threshold.py at commit
    bd2d0513060ac3c087598776f277bf9290c756b0 (scikit-learn/scikit-learn): TunedThreshold-
    ClassifierCV._fit, _fit_and_score_over_thresholds, _mean_interpolated_score;
  - _CurveScorer._score and _threshold_scores_to_class_labels, which that file imports
    from sklearn/metrics/_scorer.py (read from a stored copy of the same code in a later
    sklearn/metrics module, code-index file id 40674781092);
  - _BaseScorer._get_pos_label and utils/_response.py's _get_response_values_binary, whose
    behaviour for a binary classifier is restated in scorer_pos_label and response_of.

Step by step (function here -> the 1.5 function it mirrors):
  scorer_pos_label      -> _BaseScorer._get_pos_label: the scorer's own pos_label keyword,
                           else the default of its metric's pos_label parameter (1 for f1,
                           precision, recall), else None.
  response_of           -> _get_response_values_binary: predict_proba's column of pos_label
                           (classes_[-1] when None); decision_function, negated when
                           pos_label is classes_[0].
  cut                   -> _threshold_scores_to_class_labels: pos_label (classes_[1] when
                           None) where response >= threshold, the other class elsewhere.
  curve                 -> _CurveScorer._score: candidates np.linspace(min, max, n) of the
                           fold's responses for a count n, else the given array as it is;
                           metric(y_val, cut(...), **kwargs) at each (the sign of every
                           scorer here is +1).
  fit_and_curve         -> _fit_and_score_over_thresholds: a fresh model fitted on the train
                           rows, its curve on the validation rows.
  mean_interpolated     -> _mean_interpolated_score: np.mean over folds (axis 0) of
                           np.interp(grid, fold candidates, fold scores).
  tune                  -> TunedThresholdClassifierCV._fit: the splits (StratifiedKFold(k)
                           for an integer cv, as check_cv(k, y, classifier=True); the folds
                           themselves for an iterable), the np.isclose(first, last)
                           refusal, the grid np.linspace(global min, global max, n) for a
                           count or np.asarray(thresholds), argmax (first of equal maxima),
                           best_threshold_ / best_score_ / cv_results_. The refit on all
                           rows does not change these and is not done here.

The model of every fold is LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12,
max_iter=10000) (l2), so that the references depend on the optimum and not on a solver's
path: 1.2.1's lbfgs leaves scipy's L-BFGS-B ftol at its default (a relative decrease of
the objective below 2.2e-9 stops it), and at tol=1e-12 that ends its fits here after 9 to
13 iterations with gradients up to 8e-4 (moving decision values by up to 2e-5 from the
library's); newton-cholesky (new in 1.2) meets the tolerance. Each case records "kkt", the largest |component| over its folds of
the gradient of C * sum_i loss_i + |w|^2 / 2 at the fit (the library's objective); the
script refuses a case above 1e-8. A ConvergenceWarning stops the script.

Each case holds X, y, the folds (test indices; train is the ascending complement), the
options as tunedThreshold takes them (camelCase: scoring, thresholds, posLabel when given,
responseMethod, cv as the integer when the folds are StratifiedKFold's), the model's C,
the scikit-learn spelling for the record ("sklearn"), and the expected results: grid
(cv_results_["thresholds"]), scores (cv_results_["scores"]), bestIndex, bestThreshold,
bestScore, and three margins showing how far another library's fits may differ before
the answer could change: runnerUpGap (best score minus the greatest score below it; a case
under 1e-4 is refused), tiesAtBest (how many grid points share the best score: numpy's
argmax takes the first) and closestCut (the smallest distance, relative to the fold's
range, between a held-out response and an inner candidate threshold, where a cut could
flip; a case under 1e-6 is refused). A case is also refused when its argmax moves in any
of 300 trials that shift each fold's lowest and highest response by up to 1e-6 of its
range (argmax_is_stable). Floats are written with Python's shortest round-trip repr;
running the script again rewrites the same file.

    /usr/bin/python3 tools/make_threshold_fixtures.py
"""

import inspect
import json
import os
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    f1_score,
    precision_score,
    recall_score,
)
from sklearn.model_selection import KFold, StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "model-selection", "tuned-threshold.json")

SOLVER = "newton-cholesky"
TOL = 1e-12
MAX_KKT = 1e-8
MAX_ITER = 10000
MIN_GAP = 1e-4
STABILITY_SHIFT = 1e-6
MIN_CUT_DISTANCE = 1e-6


def balanced_accuracy_with_pos_label(y_true, y_pred, pos_label=None):
    """balanced_accuracy_score behind a pos_label parameter.

    1.5's curve scorer takes the positive class from its metric's pos_label (keyword or
    default); balanced accuracy has none, so a scorer that thresholds towards the first
    class needs a metric that accepts one. The value does not depend on it (the mean
    recall of both classes).
    """
    del pos_label
    return balanced_accuracy_score(y_true, y_pred)


# The named scorers as 1.5 defines them: the metric and its keyword arguments (sign +1).
NAMED = {
    "accuracy": (accuracy_score, {}),
    "balanced_accuracy": (balanced_accuracy_score, {}),
    "f1": (f1_score, {"average": "binary"}),
    "precision": (precision_score, {"average": "binary"}),
    "recall": (recall_score, {"average": "binary"}),
}


def scorer_for(scoring, pos_label):
    """The (metric, kwargs) of a named scorer, or of make_scorer(metric, pos_label=...)."""
    func, kwargs = NAMED[scoring]
    if pos_label is None:
        return func, dict(kwargs)
    if scoring == "balanced_accuracy":
        func = balanced_accuracy_with_pos_label
    elif "pos_label" not in inspect.signature(func).parameters:
        raise ValueError(f"{scoring} takes no pos_label")
    return func, {**kwargs, "pos_label": pos_label}


def scorer_pos_label(func, kwargs):
    if "pos_label" in kwargs:
        return kwargs["pos_label"]
    parameter = inspect.signature(func).parameters.get("pos_label")
    return None if parameter is None else parameter.default


def response_of(model, X, method, pos_label):
    classes = list(model.classes_)
    if pos_label is None:
        pos_label = classes[-1]
    if method == "predict_proba":
        return model.predict_proba(X)[:, classes.index(pos_label)]
    values = model.decision_function(X)
    return -values if pos_label == classes[0] else values


def cut(score, threshold, classes, pos_label):
    classes = np.asarray(classes)
    if pos_label is None:
        negative, positive = classes[0], classes[1]
    else:
        positive = classes[classes == pos_label][0]
        negative = classes[classes != pos_label][0]
    return np.where(score >= threshold, positive, negative)


def curve(model, X_val, y_val, func, kwargs, thresholds, method):
    pos_label = scorer_pos_label(func, kwargs)
    score = response_of(model, X_val, method, pos_label)
    if isinstance(thresholds, int):
        candidates = np.linspace(np.min(score), np.max(score), thresholds)
    else:
        candidates = np.asarray(thresholds)
    values = [func(y_val, cut(score, t, model.classes_, pos_label), **kwargs) for t in candidates]
    nearest_response(score, candidates, thresholds)
    return np.array(values), candidates


# The smallest distance, over all folds, between a response and a candidate it could fall
# on the other side of (relative to the fold's range of responses): a cut that another
# library's fit could change.
CLOSEST = [float("inf")]


def nearest_response(score, candidates, thresholds):
    inner = candidates[1:-1] if isinstance(thresholds, int) else candidates
    if inner.size == 0:
        return
    width = np.max(score) - np.min(score)
    distance = np.min(np.abs(score[:, None] - inner[None, :])) / width
    CLOSEST[0] = min(CLOSEST[0], float(distance))


def fit_and_curve(X, y, train, test, C, func, kwargs, thresholds, method):
    model = LogisticRegression(C=C, solver=SOLVER, tol=TOL, max_iter=MAX_ITER).fit(X[train], y[train])
    KKT[0] = max(KKT[0], gradient_size(model, X[train], y[train], C))
    return curve(model, X[test], y[test], func, kwargs, thresholds, method)


# The largest gradient of a fit in the current case (see the module's docstring).
KKT = [0.0]


def gradient_size(model, X, y, C):
    """max |component| of the gradient of C * sum_i loss_i + |w|^2 / 2 at the fitted w, b."""
    residual = model.predict_proba(X)[:, 1] - (y == model.classes_[1])
    g_w = C * (X.T @ residual) + model.coef_[0]
    g_b = C * residual.sum()
    return float(max(np.abs(g_w).max(), abs(g_b)))


def mean_interpolated(grid, fold_candidates, fold_scores):
    return np.mean([np.interp(grid, c, s) for c, s in zip(fold_candidates, fold_scores)], axis=0)


def tune(X, y, folds, C, func, kwargs, thresholds, method):
    """TunedThresholdClassifierCV._fit's results, and each fold's (candidates, scores)."""
    fold_scores, fold_candidates = zip(
        *(fit_and_curve(X, y, train, test, C, func, kwargs, thresholds, method) for train, test in folds)
    )
    if any(np.isclose(c[0], c[-1]) for c in fold_candidates):
        raise ValueError("constant predictions")
    lo = min(c.min() for c in fold_candidates)
    hi = max(c.max() for c in fold_candidates)
    grid = np.linspace(lo, hi, num=thresholds) if isinstance(thresholds, int) else np.asarray(thresholds)
    scores = mean_interpolated(grid, fold_candidates, fold_scores)
    best = int(scores.argmax())
    return grid, scores, best, list(zip(fold_candidates, fold_scores))


def argmax_is_stable(best, thresholds, curves, trials=300, shift=STABILITY_SHIFT):
    """Whether the argmax survives moving each fold's lowest and highest response.

    Another library's fits give responses that differ by a little (1e-7 or so, relative to
    their range); with a count of thresholds that moves every fold's candidates and the
    grid. Each trial moves both ends of every fold by up to `shift` times its range, keeps
    the fold's scores, and redoes the grid, the mean and the argmax. (Explicit thresholds
    do not move, and neither do their scores unless a response sits at one.)
    """
    if not isinstance(thresholds, int):
        return True
    rng = np.random.RandomState(0)
    for _ in range(trials):
        moved = []
        for candidates, fold_scores in curves:
            lo, hi = candidates[0], candidates[-1]
            e = rng.uniform(-shift, shift, 2) * (hi - lo)
            moved.append((np.linspace(lo + e[0], hi + e[1], thresholds), fold_scores))
        grid = np.linspace(min(c[0] for c, _ in moved), max(c[-1] for c, _ in moved), thresholds)
        if int(mean_interpolated(grid, [c for c, _ in moved], [s for _, s in moved]).argmax()) != best:
            return False
    return True


def stratified_folds(X, y, k):
    return [(train, test) for train, test in StratifiedKFold(n_splits=k).split(X, y)]


# name, data (rows, features, seed, class weights, labels), C, scoring, posLabel, thresholds,
# response method, cv (an int: StratifiedKFold; "kfold-shuffled": explicit folds).
CASES = [
    ("balanced accuracy, 100 thresholds, 5 stratified folds", (300, 4, 0, 0.7, None), 1.0,
     "balanced_accuracy", None, 100, "predict_proba", 5),
    ("f1 of class 1, 100 thresholds, 3 stratified folds", (500, 6, 1, 0.7, None), 1.0,
     "f1", None, 100, "predict_proba", 3),
    ("accuracy, 20 thresholds, 4 stratified folds, C 0.5", (200, 3, 2, 0.6, None), 0.5,
     "accuracy", None, 20, "predict_proba", 4),
    ("balanced accuracy at an explicit grid, 5 stratified folds", (400, 5, 3, 0.7, None), 1.0,
     "balanced_accuracy", None, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7], "predict_proba", 5),
    ("recall of class 0 (posLabel 0), 100 thresholds, 5 stratified folds", (250, 4, 4, 0.4, None), 1.0,
     "recall", 0, 100, "predict_proba", 5),
    ("precision of 'yes' in string labels, 20 thresholds, 3 stratified folds", (350, 5, 5, 0.65, ["no", "yes"]), 1.0,
     "precision", "yes", 20, "predict_proba", 3),
    ("balanced accuracy of decision values, 100 thresholds, 4 stratified folds", (300, 4, 6, 0.75, None), 1.0,
     "balanced_accuracy", None, 100, "decision_function", 4),
    ("f1 of class 0 on decision values (negated), 100 thresholds, 5 stratified folds", (450, 6, 7, 0.35, None), 2.0,
     "f1", 0, 100, "decision_function", 5),
    ("accuracy, 100 thresholds, explicit shuffled unstratified folds", (150, 2, 8, 0.6, None), 1.0,
     "accuracy", None, 100, "predict_proba", "kfold-shuffled"),
    ("balanced accuracy towards the first string class, 20 thresholds, 3 stratified folds", (320, 3, 9, 0.55, ["cat", "dog"]), 1.0,
     "balanced_accuracy", "cat", 20, "predict_proba", 3),
    ("f1 of class 1 on decision values at an explicit grid, 4 stratified folds", (280, 4, 10, 0.7, None), 1.0,
     "f1", None, [-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0], "decision_function", 4),
]


def make_case(name, data, C, scoring, pos_label, thresholds, method, cv):
    n, d, seed, weight0, labels = data
    X, y01 = make_classification(
        n_samples=n, n_features=d, n_informative=2, n_redundant=0, n_clusters_per_class=1,
        flip_y=0.1, class_sep=0.8, weights=[weight0, 1 - weight0], random_state=seed,
    )
    y = y01 if labels is None else np.array(labels, dtype=object)[y01]
    if labels is not None:
        y = y.astype(str)
    if isinstance(cv, int):
        folds = stratified_folds(X, y, cv)
    else:
        folds = [(train, test) for train, test in KFold(n_splits=4, shuffle=True, random_state=seed).split(X)]
    func, kwargs = scorer_for(scoring, pos_label)
    CLOSEST[0] = float("inf")
    KKT[0] = 0.0
    grid, scores, best, curves = tune(X, y, folds, C, func, kwargs, thresholds, method)
    top = scores[best]
    below = scores[scores < top]
    gap = float(top - below.max()) if below.size else float("inf")
    if gap < MIN_GAP:
        raise SystemExit(f"{name}: the best score leads the next by only {gap}")
    if KKT[0] > MAX_KKT:
        raise SystemExit(f"{name}: a fold's fit has a gradient of {KKT[0]}")
    if CLOSEST[0] < MIN_CUT_DISTANCE:
        raise SystemExit(f"{name}: a response lies {CLOSEST[0]} of its range from a candidate threshold")
    if not argmax_is_stable(best, thresholds, curves):
        raise SystemExit(f"{name}: the best index moves when the responses move by {STABILITY_SHIFT} of their range")
    options = {
        "scoring": scoring,
        "thresholds": thresholds,
        "responseMethod": "predictProba" if method == "predict_proba" else "decisionFunction",
    }
    if pos_label is not None:
        options["posLabel"] = pos_label
    if isinstance(cv, int):
        options["cv"] = cv
    scorer_text = repr(scoring) if pos_label is None else f"make_scorer({func.__name__}, **{kwargs!r})"
    sklearn_call = (
        f"TunedThresholdClassifierCV(LogisticRegression(C={C}, solver={SOLVER!r}, tol={TOL}, max_iter={MAX_ITER}), "
        f"scoring={scorer_text}, "
        f"thresholds={thresholds!r}, response_method={method!r}, "
        f"cv={cv if isinstance(cv, int) else 'KFold(4, shuffle=True, random_state=' + str(seed) + ')'}, "
        "store_cv_results=True)"
    )
    return {
        "name": name,
        "sklearn": sklearn_call,
        "C": C,
        "X": X.tolist(),
        "y": [v.item() if isinstance(v, np.generic) else v for v in y.tolist()],
        "folds": [test.tolist() for _, test in folds],
        "options": options,
        "grid": grid.tolist(),
        "scores": scores.tolist(),
        "bestIndex": best,
        "bestThreshold": float(grid[best]),
        "bestScore": float(scores[best]),
        "runnerUpGap": gap,
        "tiesAtBest": int(np.sum(scores == scores[best])),
        "closestCut": CLOSEST[0],
        "kkt": KKT[0],
    }


def main():
    warnings.simplefilter("error", ConvergenceWarning)
    # f1 / precision at a threshold above every response: no predicted positive, a score of
    # 0 with an UndefinedMetricWarning (1.5's zero_division="warn" gives 0 too).
    warnings.filterwarnings("ignore", message=".*ill-defined.*")
    cases = [make_case(*c) for c in CASES]
    doc = {
        "generator": "tools/make_threshold_fixtures.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "model": {"tol": TOL, "maxIter": MAX_ITER, "solver": SOLVER, "penalty": "l2"},
        "cases": cases,
    }
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")
    for c in cases:
        print(
            f"{c['name']}: best {c['bestIndex']} at {c['bestThreshold']!r}, score {c['bestScore']!r}, "
            f"gap {c['runnerUpGap']:.3g}, ties {c['tiesAtBest']}, closest cut {c['closestCut']:.3g}, kkt {c['kkt']:.2g}"
        )


if __name__ == "__main__":
    main()
