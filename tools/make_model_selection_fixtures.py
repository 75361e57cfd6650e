"""Reference data for cross-validation and LogisticRegressionCV: scikit-learn 1.2.1.

Writes two files under test/fixtures/model-selection/:

  cross-validate.json  sklearn.model_selection.cross_validate(LogisticRegression(**kw), X, y,
                       cv=<explicit folds>, scoring=<name>, return_train_score=True,
                       fit_params={'sample_weight': w} when the case is weighted)
  lrcv.json            sklearn.linear_model.LogisticRegressionCV(**kw).fit(X, y, sample_weight=w)
                       with cv=<explicit folds>

Every case holds its data (X, y, sampleWeight when weighted), its folds as index lists
({train, test}, as the splitter gave them), the options in the TypeScript API's names
(camelCase) and, for the record, the scikit-learn keyword arguments used. Floats are
written with Python's shortest round-trip repr (json's default), so they are read back
exactly; nothing is rounded. Data comes from make_classification with fixed seeds:
running the script again rewrites the same files (the saga solver is seeded too).

Solves are tight so that the references do not depend on the solver. l2 and no penalty:
newton-cg with tol 1e-8 (1e-9, 1e-7 or 1e-10 when 1e-8 does not converge or certify; the
tol used is in the case), max_iter 10000. Not lbfgs: scipy's L-BFGS-B, as scikit-learn
calls it, also stops when the objective's relative decrease falls below its default
ftol (2.2e-9), whatever gtol is, and with tol=1e-10 it stopped at relative KKT residuals
of 1e-7 to 1e-4 on these data, above the 1e-7 asked of a reference. l1 and elastic-net:
saga with tol 1e-12, max_iter 100000, random_state 0. A case whose fits raise a
ConvergenceWarning at every tol tried is dropped (the script says which). Other warnings,
except newton-cg's line-search notices near the optimum, are kept in "warnings".

Optimality certificate (both files). scikit-learn's solvers minimise, up to a positive
factor, F(w, b) = C * sum_i s_i * l_i(w, b) + r(w), with r(w) = rho*|w|_1 + (1-rho)/2*|w|^2
(rho = 0 for l2, 1 for l1, l1_ratio for elastic-net; r = 0 and C = 1 for no penalty), the
intercept unpenalised, l_i the binomial loss (one-vs-rest: one problem per class, target
y == class) or the softmax loss over all K classes (multinomial, K rows of coefficients,
all penalised; for two classes coef_ is w of the optimal pair (-w, w)), s_i the sample
weight times the class weight. The script computes the gradient of the smooth part,
g = C * X^T (s * (p - t)) + (1-rho)*w, and the KKT residual: |g_j| for l2; |g_j +
rho*sign(w_j)| where w_j != 0 and max(0, |g_j| - rho) where w_j == 0 for l1/elastic-net;
|C * sum_i s_i (p_i - t_i)| for the intercept; "relative" is max|residual| divided by the
largest |component| of the gradient of C * sum_i s_i l_i at w = 0, b = 0. A case is kept
only when relative <= 1e-7 ("certify") for:
  cross-validate.json  every fold's fitted estimator ("kkt": the worst relative residual);
  lrcv.json            the refitted coef_ ("expected.kkt": residual and relative) and
                       every entry of coefs_paths_, each against its own fold's training
                       rows ("expected.pathKkt": the worst). With refit=False coef_ is an
                       average of fold solutions, not an optimum, and is not certified.
One exception, listed in "expected.uncertifiedPaths" ({class, index into that class's
coefsPaths, intercept, optimalIntercept, relative}): saga stops when no coefficient moved
during an epoch, so where the l1 penalty holds every coefficient at zero (the smallest Cs)
it stops after one epoch with the intercept short of its optimum logit(sum s*t / sum s).
Such entries are kept only when the score scikit-learn gave them equals the score of the
true optimum, which is why the l1 cases with Cs as a number score by accuracy or roc_auc
(an intercept-only model's roc_auc is 0.5 whatever the intercept, its accuracy depends on
the intercept's sign only); neg_log_loss would differ there. Compare coefsPaths
intercepts at those entries with optimalIntercept, not with intercept.

Also in lrcv.json: "expected.nIterShape" (the shape of n_iter_, not its values, which
belong to the solver), "expected.scoreMargins" (per class key, the best minus the
second-best sum over folds of the scores of one C (and l1 ratio), which is how refit=True
chooses; 0 means a tie, which scikit-learn breaks by taking the first index in its flat
order, l1 ratio major, C minor), and "sklearnOptions" (the keyword arguments used).

The default grid: Cs given as a number n is np.logspace(-4, 4, n), i.e. numpy's power(10, y)
over linspace's y = i * (8 / (n - 1)) - 4 (last one exactly 4). numpy 1.24 on a CPU with
AVX-512 (this one) computes that power with its own SIMD routine: Cs_ differs by one ulp
from glibc's pow (Python's math.pow) at some entries (n = 10: Cs_[0] = 9.999999999999999e-05,
not 1e-4, and Cs_[7]; n = 6 and 8: three entries each), and V8's Math.pow matches it at
every entry for n = 10 but not at two for n = 6 and two for n = 8. Compare Cs_ and C_ to a few ulps (relative 1e-15),
or by grid index; "csGrid" in lrcv.json repeats this.

Where scikit-learn 1.2.1 routes sample weights (line numbers in Debian's python3-sklearn
1.2.1, /usr/lib/python3/dist-packages/sklearn/):

  cross_validate (model_selection/_validation.py): fit only. _fit_and_score slices the
  fit_params to the training rows (lines 663-664, _check_fit_params(X, fit_params, train))
  and passes them to estimator.fit (line 686); the test and train scores are computed by
  _score(estimator, X_test, y_test, scorer, error_score) (lines 708, 711), which calls
  scorer(estimator, X_test, y_test) (line 767): no sample weight reaches the scorer, so
  every score here is unweighted even for weighted cases.

  LogisticRegressionCV.fit (linear_model/_logistic.py): fit only. fit passes the whole
  sample_weight to every _log_reg_scoring_path call (line 1890); that function slices it
  to the training rows (lines 719-721) for _logistic_regression_path and scores each C by
  log_reg.score(X_test, y_test) (line 776, accuracy when scoring is None) or
  scoring(log_reg, X_test, y_test) (line 778): unweighted. The refit uses the whole
  sample_weight (line 1994). Only LogisticRegressionCV.score(X, y, sample_weight) (line
  2095) passes weights to the scorer.

  class_weight='balanced': LogisticRegressionCV computes it once, on the whole y, as
  n_samples / (n_classes * count(class)) over the encoded classes (lines 1854-1858), and
  passes the resulting dict to every fold and to the refit; as a dict it multiplies the
  sample weights by the weight of each row's own class, for one-vs-rest as well
  (_logistic_regression_path lines 319-321), so no one-vs-rest rebalancing happens.
  LogisticRegression.fit (what cross_validate fits) passes the string on, and
  _logistic_regression_path computes it per fit from that fold's training labels:
  over the classes for multinomial (lines 319-321), over the masked labels {rest, class}
  of each one-vs-rest problem (lines 338-343). Counts, not sample weights, in both.

    /usr/bin/python3 tools/make_model_selection_fixtures.py
"""

import json
import os
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import get_scorer
from sklearn.model_selection import KFold, StratifiedKFold, cross_validate

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert np.__version__ == "1.24.2", np.__version__

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "model-selection")
GENERATOR = "tools/make_model_selection_fixtures.py"

L2 = {"solver": "newton-cg", "tol": 1e-8, "max_iter": 10000}
# newton-cg's tol bounds the largest |gradient component| of sum s_i l_i + |w|^2/(2C), an
# absolute figure: at large C or large weights rounding can keep it above 1e-8 (the solver
# then runs to max_iter and warns), at small ones 1e-8 may leave a relative residual
# above 1e-7. Each l2 case tries these in turn and keeps the first that converges and
# certifies; the tol used is in its options.
L2_TOLS = [1e-8, 1e-9, 1e-7, 1e-10]
SAGA = {"solver": "saga", "tol": 1e-12, "max_iter": 100000, "random_state": 0}
CERTIFY = 1e-7


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
    if isinstance(obj, np.str_):
        return str(obj)
    return obj


# ---------------------------------------------------------------------------------------
# data


def data(n, d, seed, classes=2, weights=None, sep=0.8, flip=0.05, labels=None):
    """A small make_classification problem; labels maps 0..K-1 to other labels."""
    X, y = make_classification(
        n_samples=n,
        n_features=d,
        n_informative=min(d, max(2, d - 1)),
        n_redundant=0,
        n_repeated=0,
        n_classes=classes,
        n_clusters_per_class=1,
        weights=weights,
        flip_y=flip,
        class_sep=sep,
        random_state=seed,
    )
    if labels is not None:
        y = np.array([labels[v] for v in y], dtype=object if isinstance(labels[0], str) else None)
        if isinstance(labels[0], str):
            y = y.astype(str)
    return X, y


def weights_for(n, seed):
    """Positive sample weights with a wide spread (0.1 .. 3), some exact integers."""
    rng = np.random.RandomState(seed + 1000)
    w = rng.uniform(0.1, 3.0, size=n)
    w[::7] = 1.0
    w[3::11] = 2.0
    return w


def make_folds(kind, n_splits, seed, X, y):
    if kind == "stratified":
        splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    else:
        splitter = KFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return [(train, test) for train, test in splitter.split(X, y)]


def folds_json(folds):
    return [{"train": [int(i) for i in tr], "test": [int(i) for i in te]} for tr, te in folds]


def labels_json(y):
    return [v.item() if hasattr(v, "item") else v for v in y]


# ---------------------------------------------------------------------------------------
# sklearn keyword arguments <-> our option names


def sk_kwargs(penalty, C=1.0, l1_ratio=None, fit_intercept=True, class_weight=None, multi_class="auto"):
    base = dict(L2 if penalty in ("l2", "none") else SAGA)
    kw = {"penalty": None if penalty == "none" else penalty, "C": C, "fit_intercept": fit_intercept, "multi_class": multi_class}
    if l1_ratio is not None:
        kw["l1_ratio"] = l1_ratio
    if class_weight is not None:
        kw["class_weight"] = class_weight
    kw.update(base)
    return kw


def our_options(kw):
    out = {
        "C": kw["C"],
        "penalty": "none" if kw["penalty"] is None else kw["penalty"],
    }
    if "l1_ratio" in kw:
        out["l1Ratio"] = kw["l1_ratio"]
    out["fitIntercept"] = kw["fit_intercept"]
    if "class_weight" in kw:
        out["classWeight"] = kw["class_weight"]
    out["multiClass"] = kw["multi_class"]
    out["tol"] = kw["tol"]
    out["maxIter"] = kw["max_iter"]
    return out


def sk_json(kw):
    out = dict(kw)
    return out  # None stays null in JSON


def kept_warnings(caught):
    """Warnings worth recording: not the solver's line-search notices (newton-cg at a tight
    tol sometimes reports a failed line search at the optimum; the certificate decides)."""
    out = set()
    for w in caught:
        text = str(w.message)
        if "Line Search failed" in text or "line search" in text.lower():
            continue
        out.add(text)
    return sorted(out)


# ---------------------------------------------------------------------------------------
# cross_validate


class Rejected(Exception):
    """A reference that did not converge or did not certify."""


def with_tol_ladder(build, name, kw):
    """build(kw) for the first tol of L2_TOLS (newton-cg) that converges and certifies."""
    tols = L2_TOLS if kw["solver"] == "newton-cg" else [kw["tol"]]
    reasons = []
    for tol in tols:
        try:
            return build(dict(kw, tol=tol))
        except Rejected as why:
            reasons.append(f"tol {tol:g}: {why}")
    print(f"  dropped {name}: " + "; ".join(reasons))
    return None


def cv_case(name, X, y, folds, kw, scoring, sw=None):
    return with_tol_ladder(lambda k: cv_case_once(name, X, y, folds, k, scoring, sw), "cross-validate case " + name, kw)


def cv_case_once(name, X, y, folds, kw, scoring, sw=None):
    fit_params = {"sample_weight": sw} if sw is not None else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = cross_validate(
            LogisticRegression(**kw),
            X,
            y,
            cv=folds,
            scoring=scoring,
            return_train_score=True,
            fit_params=fit_params,
            error_score="raise",
            return_estimator=True,
        )
    conv = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    if conv:
        raise Rejected(str(conv[0].message)[:60])
    worst = 0.0
    for est, (train, _) in zip(res["estimator"], folds):
        worst = max(worst, certify_estimator(est, X[train], y[train], None if sw is None else sw[train], kw))
    if worst > CERTIFY:
        raise Rejected(f"relative KKT {worst:.3g}")
    case = {"name": name, "X": X, "y": labels_json(y)}
    if sw is not None:
        case["sampleWeight"] = sw
    case["folds"] = folds_json(folds)
    case["estimator"] = our_options(kw)
    case["sklearnEstimator"] = sk_json(kw)
    case["scoring"] = scoring
    case["testScores"] = res["test_score"]
    case["trainScores"] = res["train_score"]
    case["kkt"] = worst
    others = kept_warnings(caught)
    if others:
        case["warnings"] = others
    return py(case)


def cross_validate_cases():
    cases = []

    def add(c):
        if c is not None:
            cases.append(c)

    # binary 0/1
    X, y = data(120, 4, 1)
    f = make_folds("stratified", 5, 1, X, y)
    add(cv_case("binary l2 C=1 accuracy", X, y, f, sk_kwargs("l2", 1.0), "accuracy"))
    add(cv_case("binary l2 C=1 f1", X, y, f, sk_kwargs("l2", 1.0), "f1"))
    add(cv_case("binary l2 C=1 precision", X, y, f, sk_kwargs("l2", 1.0), "precision"))
    add(cv_case("binary l2 C=1 recall", X, y, f, sk_kwargs("l2", 1.0), "recall"))
    add(cv_case("binary l2 C=1 f1_macro", X, y, f, sk_kwargs("l2", 1.0), "f1_macro"))

    X, y = data(200, 6, 2)
    f = make_folds("stratified", 5, 2, X, y)
    add(cv_case("binary l2 C=0.1 neg_log_loss", X, y, f, sk_kwargs("l2", 0.1), "neg_log_loss"))
    add(cv_case("binary l2 C=10 roc_auc", X, y, f, sk_kwargs("l2", 10.0), "roc_auc"))
    add(cv_case("binary no penalty neg_log_loss", X, y, f, sk_kwargs("none"), "neg_log_loss"))
    add(cv_case("binary l2 no intercept roc_auc", X, y, f, sk_kwargs("l2", 0.5, fit_intercept=False), "roc_auc"))
    add(cv_case("binary l2 no intercept neg_log_loss", X, y, f, sk_kwargs("l2", 0.5, fit_intercept=False), "neg_log_loss"))

    X, y = data(150, 5, 3, weights=[0.8, 0.2])
    f = make_folds("stratified", 4, 3, X, y)
    add(cv_case("imbalanced binary l2 balanced_accuracy", X, y, f, sk_kwargs("l2", 1.0), "balanced_accuracy"))
    add(cv_case("imbalanced binary class_weight balanced balanced_accuracy", X, y, f, sk_kwargs("l2", 1.0, class_weight="balanced"), "balanced_accuracy"))
    add(cv_case("imbalanced binary class_weight balanced neg_log_loss", X, y, f, sk_kwargs("l2", 1.0, class_weight="balanced"), "neg_log_loss"))
    add(cv_case("imbalanced binary class_weight balanced recall", X, y, f, sk_kwargs("l2", 1.0, class_weight="balanced"), "recall"))

    X, y = data(100, 3, 4)
    w = weights_for(100, 4)
    f = make_folds("stratified", 5, 4, X, y)
    add(cv_case("binary l2 sample weights neg_log_loss", X, y, f, sk_kwargs("l2", 1.0), "neg_log_loss", sw=w))
    add(cv_case("binary l2 sample weights accuracy", X, y, f, sk_kwargs("l2", 2.0), "accuracy", sw=w))
    add(cv_case("binary l2 sample weights and class_weight balanced roc_auc", X, y, f, sk_kwargs("l2", 1.0, class_weight="balanced"), "roc_auc", sw=w))

    # l1 / elastic-net with saga (small data)
    X, y = data(80, 5, 5)
    f = make_folds("stratified", 4, 5, X, y)
    add(cv_case("binary l1 saga C=0.3 roc_auc", X, y, f, sk_kwargs("l1", 0.3), "roc_auc"))
    add(cv_case("binary l1 saga C=0.3 accuracy", X, y, f, sk_kwargs("l1", 0.3), "accuracy"))
    add(cv_case("binary elasticnet saga C=0.5 l1Ratio=0.5 neg_log_loss", X, y, f, sk_kwargs("elasticnet", 0.5, l1_ratio=0.5), "neg_log_loss"))

    # KFold (not stratified), labels 1/2: f1's pos_label=1 is the lower class
    X, y = data(90, 4, 6, labels=[1, 2])
    f = make_folds("kfold", 3, 6, X, y)
    add(cv_case("binary labels 1/2 KFold f1 (pos_label 1)", X, y, f, sk_kwargs("l2", 1.0), "f1"))
    add(cv_case("binary labels 1/2 KFold roc_auc", X, y, f, sk_kwargs("l2", 1.0), "roc_auc"))

    # string labels (f1/precision/recall refuse them: pos_label=1 is not a label)
    X, y = data(140, 5, 7, labels=["spam", "ham"])
    f = make_folds("stratified", 5, 7, X, y)
    add(cv_case("binary string labels accuracy", X, y, f, sk_kwargs("l2", 1.0), "accuracy"))
    add(cv_case("binary string labels roc_auc", X, y, f, sk_kwargs("l2", 1.0), "roc_auc"))
    add(cv_case("binary string labels neg_log_loss", X, y, f, sk_kwargs("l2", 1.0), "neg_log_loss"))
    add(cv_case("binary string labels f1_macro", X, y, f, sk_kwargs("l2", 1.0), "f1_macro"))

    # three classes
    X, y = data(180, 6, 8, classes=3)
    f = make_folds("stratified", 5, 8, X, y)
    for mc in ("multinomial", "ovr"):
        add(cv_case(f"3 classes {mc} l2 accuracy", X, y, f, sk_kwargs("l2", 1.0, multi_class=mc), "accuracy"))
        add(cv_case(f"3 classes {mc} l2 neg_log_loss", X, y, f, sk_kwargs("l2", 1.0, multi_class=mc), "neg_log_loss"))
        add(cv_case(f"3 classes {mc} l2 roc_auc_ovr", X, y, f, sk_kwargs("l2", 1.0, multi_class=mc), "roc_auc_ovr"))
        add(cv_case(f"3 classes {mc} l2 f1_macro", X, y, f, sk_kwargs("l2", 1.0, multi_class=mc), "f1_macro"))

    X, y = data(240, 5, 9, classes=3, weights=[0.6, 0.3, 0.1])
    f = make_folds("stratified", 4, 9, X, y)
    for mc in ("multinomial", "ovr"):
        add(cv_case(f"imbalanced 3 classes {mc} class_weight balanced balanced_accuracy", X, y, f, sk_kwargs("l2", 1.0, class_weight="balanced", multi_class=mc), "balanced_accuracy"))
        add(cv_case(f"imbalanced 3 classes {mc} class_weight balanced neg_log_loss", X, y, f, sk_kwargs("l2", 1.0, class_weight="balanced", multi_class=mc), "neg_log_loss"))

    X, y = data(150, 4, 10, classes=3, labels=["setosa", "virginica", "versicolor"])
    w = weights_for(150, 10)
    f = make_folds("stratified", 5, 10, X, y)
    add(cv_case("3 string classes multinomial sample weights neg_log_loss", X, y, f, sk_kwargs("l2", 0.5, multi_class="multinomial"), "neg_log_loss", sw=w))
    add(cv_case("3 string classes ovr sample weights roc_auc_ovr", X, y, f, sk_kwargs("l2", 0.5, multi_class="ovr"), "roc_auc_ovr", sw=w))
    add(cv_case("3 string classes multinomial no intercept accuracy", X, y, f, sk_kwargs("l2", 0.5, fit_intercept=False, multi_class="multinomial"), "accuracy"))

    X, y = data(90, 4, 11, classes=3, sep=1.2)
    f = make_folds("stratified", 3, 11, X, y)
    add(cv_case("3 classes ovr l1 saga C=0.5 accuracy", X, y, f, sk_kwargs("l1", 0.5, multi_class="ovr"), "accuracy"))
    add(cv_case("3 classes multinomial l1 saga C=0.5 neg_log_loss", X, y, f, sk_kwargs("l1", 0.5, multi_class="multinomial"), "neg_log_loss"))

    # binary data fitted as multinomial: the softmax over two rows, whose optimum is the
    # symmetric pair (-w, w); coef_ holds w and predict_proba is softmax(-z, z) = sigmoid(2z)
    X, y = data(120, 4, 12)
    f = make_folds("stratified", 4, 12, X, y)
    add(cv_case("binary multinomial l2 neg_log_loss (softmax of (-z, z))", X, y, f, sk_kwargs("l2", 1.0, multi_class="multinomial"), "neg_log_loss"))
    add(cv_case("binary multinomial l2 roc_auc", X, y, f, sk_kwargs("l2", 1.0, multi_class="multinomial"), "roc_auc"))
    return cases


# ---------------------------------------------------------------------------------------
# optimality certificate


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def kkt(X, t, s, W, b, C, rho, fit_intercept, multinomial):
    """KKT residual of F = C*sum s_i l_i + rho|w|_1 + (1-rho)/2|w|^2 at (W, b).

    rho None: no penalty (F = sum s_i l_i; pass C = 1). Binary: t in {0,1}, W shape (d,),
    b scalar. Multinomial: t one-hot (n, K), W (K, d), b (K,). Returns
    (max |residual|, that / max |gradient of the data term at w = 0, b = 0|).
    """
    if multinomial:
        Z = X @ W.T + (b if fit_intercept else 0.0)
        Z = Z - Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        R = s[:, None] * (P - t)
        G = C * (R.T @ X)
        Gb = C * R.sum(axis=0)
        R0 = s[:, None] * (1.0 / t.shape[1] - t)
        scale = max(np.abs(C * (R0.T @ X)).max(), np.abs(C * R0.sum(axis=0)).max() if fit_intercept else 0.0)
    else:
        z = X @ W + (b if fit_intercept else 0.0)
        r = s * (sigmoid(z) - t)
        G = C * (X.T @ r)
        Gb = C * r.sum()
        r0 = s * (0.5 - t)
        scale = max(np.abs(C * (X.T @ r0)).max(), abs(C * r0.sum()) if fit_intercept else 0.0)
    if rho is None:
        res = np.abs(G)
    elif rho > 0:
        g = G + (1.0 - rho) * W
        res = np.where(W != 0, np.abs(g + rho * np.sign(W)), np.maximum(0.0, np.abs(g) - rho))
    else:
        res = np.abs(G + W)
    worst = res.max()
    if fit_intercept:
        worst = max(worst, np.abs(Gb).max())
    return float(worst), float(worst / scale)


def certify_estimator(est, X, y, sw, kw):
    """Relative KKT residual of a fitted LogisticRegression (the worst over its problems).

    Rebuilds the per-row weights LogisticRegression.fit uses: sample weight times the
    class weight, 'balanced' computed from these rows' labels, over the classes for
    multinomial and over {rest, class} for each one-vs-rest problem.
    """
    classes = est.classes_
    K = len(classes)
    y_enc = np.searchsorted(classes, y)
    n = len(y)
    s = np.ones(n) if sw is None else np.asarray(sw, dtype=float)
    fit_intercept = kw["fit_intercept"]
    penalty = kw["penalty"]
    if penalty is None:
        C, rho = 1.0, None
    else:
        C, rho = kw["C"], rho_of(penalty, kw.get("l1_ratio"))
    balanced = kw.get("class_weight") == "balanced"
    mc = kw["multi_class"]
    multinomial = mc == "multinomial" or (mc == "auto" and K > 2 and kw["solver"] != "liblinear")
    worst = 0.0
    if multinomial:
        t = np.eye(K)[y_enc]
        sc = s * (n / (K * np.bincount(y_enc, minlength=K)))[y_enc] if balanced else s
        if K == 2:  # coef_ holds w1 of the symmetric pair (w0, w1) = (-w1, w1)
            W = np.vstack([-est.coef_[0], est.coef_[0]])
            b = np.array([-est.intercept_[0], est.intercept_[0]])
        else:
            W, b = est.coef_, est.intercept_
        worst = kkt(X, t, sc, W, b, C, rho, fit_intercept, True)[1]
    else:
        for row in range(est.coef_.shape[0]):
            pos = row if K > 2 else 1
            t = (y_enc == pos).astype(float)
            if balanced:
                counts = np.array([np.sum(t == 0), np.sum(t == 1)])
                sc = s * (n / (2 * counts))[t.astype(int)]
            else:
                sc = s
            worst = max(worst, kkt(X, t, sc, est.coef_[row], est.intercept_[row], C, rho, fit_intercept, False)[1])
    return worst


def intercept_only_entry(model, key, at, X_test, y_test_enc, t, s, W, b, fit_intercept, multinomial, classes, kw):
    """A saga path entry whose coefficients are all zero but whose intercept is not optimal.

    saga stops when no coefficient moved during an epoch; when the l1 penalty holds every
    coefficient at zero that happens after one epoch, with the intercept still on its way
    to the optimum, logit(sum s t / sum s). Such an entry is kept when the score scikit-learn
    gave it equals the score of the true optimum (an intercept-only model: roc_auc is 0.5
    for any intercept, accuracy depends only on its sign); returns None otherwise.
    """
    if multinomial or not fit_intercept or np.any(W != 0):
        return None
    p = np.sum(s * t) / np.sum(s)
    b_opt = float(np.log(p / (1.0 - p)))
    log_reg = LogisticRegression(solver=kw["solver"], multi_class="ovr")
    log_reg.classes_ = np.array([-1, 1])
    log_reg.coef_ = np.zeros((1, W.shape[-1]))
    log_reg.intercept_ = np.array([b_opt])
    pos = list(classes).index(key)
    y_test = np.where(y_test_enc == pos, 1.0, -1.0)
    scoring = kw.get("scoring")
    if scoring is None:
        score = log_reg.score(X_test, y_test)
    else:
        score = get_scorer(scoring)(log_reg, X_test, y_test)
    given = model.scores_[key][at]
    if score != given:
        raise Rejected(f"intercept-only entry {str(key)} {at}: score {given!r} at saga's intercept, {score!r} at the optimum")
    return {"class": str(key), "index": list(at), "intercept": float(b), "optimalIntercept": b_opt}


def class_weight_rows(y_enc, class_weight):
    """Per-row class weight as LogisticRegressionCV applies it (a dict over encoded classes)."""
    if class_weight is None:
        return np.ones(len(y_enc))
    return np.array([class_weight[int(k)] for k in y_enc])


# ---------------------------------------------------------------------------------------
# LogisticRegressionCV


def rho_of(penalty, l1_ratio):
    return {"l2": 0.0, "l1": 1.0}.get(penalty, l1_ratio)


def lrcv_case(name, X, y, folds, opts, sw=None):
    """opts: LogisticRegressionCV kwargs except cv; returns the case or None."""
    kw = dict(opts)
    kw.update(L2 if kw.get("penalty", "l2") == "l2" else SAGA)
    return with_tol_ladder(lambda k: lrcv_case_once(name, X, y, folds, k, sw), "lrcv case " + name, kw)


def lrcv_case_once(name, X, y, folds, kw, sw=None):
    penalty = kw.get("penalty", "l2")
    model = LogisticRegressionCV(cv=folds, **kw)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y, sample_weight=sw)
    conv = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    if conv:
        raise Rejected(str(conv[0].message)[:60])

    classes = model.classes_
    y_enc = np.searchsorted(classes, y)
    K = len(classes)
    multinomial = kw.get("multi_class", "auto") == "multinomial" or (kw.get("multi_class", "auto") == "auto" and K > 2)
    fit_intercept = kw.get("fit_intercept", True)
    cw = None
    if kw.get("class_weight") == "balanced":
        counts = np.bincount(y_enc, minlength=K)
        cw = {k: len(y) / (K * counts[k]) for k in range(K)}
    s_all = (np.ones(len(y)) if sw is None else np.asarray(sw, dtype=float)) * class_weight_rows(y_enc, cw)
    l1_ratios = kw.get("l1_ratios")
    n_l1 = 1 if l1_ratios is None else len(l1_ratios)
    Cs = model.Cs_
    keys = list(model.scores_.keys())

    # certify the paths: every fold, every C (and l1 ratio)
    path_worst = 0.0
    uncertified = []
    d = X.shape[1]
    for ki, key in enumerate(keys):
        if multinomial and ki > 0:
            break  # one multinomial problem per fold and C: its K rows are spread over the keys
        paths = model.coefs_paths_[key]
        for fi, (train, test) in enumerate(folds):
            Xtr = X[train]
            s = s_all[train]
            for ci, C in enumerate(Cs):
                for li in range(n_l1):
                    rho = rho_of(penalty, None if l1_ratios is None else l1_ratios[li])
                    at = (fi, ci, li) if l1_ratios is not None else (fi, ci)
                    if multinomial:
                        Wb = np.array([model.coefs_paths_[k2][at] for k2 in keys])
                        t = np.eye(K)[y_enc[train]]
                    else:
                        Wb = paths[at]
                        pos = list(classes).index(key) if K > 2 else 1
                        t = (y_enc[train] == pos).astype(float)
                    W = Wb[..., :d]
                    b = Wb[..., d] if fit_intercept else 0.0
                    _, rel = kkt(Xtr, t, s, W, b, C, rho, fit_intercept, multinomial)
                    if rel <= CERTIFY:
                        path_worst = max(path_worst, rel)
                        continue
                    entry = intercept_only_entry(model, key, at, X[test], y_enc[test], t, s, W, b, fit_intercept, multinomial, classes, kw)
                    if entry is None:
                        raise Rejected(f"path {str(key)} {at} relative KKT {rel:.3g}")
                    entry["relative"] = rel
                    uncertified.append(entry)

    # certify the refit
    refit_kkt = None
    if kw.get("refit", True):
        worst_abs, worst_rel = 0.0, 0.0
        if multinomial:
            C = model.C_[0]
            rho = rho_of(penalty, model.l1_ratio_[0])
            t = np.eye(K)[y_enc]
            worst_abs, worst_rel = kkt(X, t, s_all, model.coef_, model.intercept_, C, rho, fit_intercept, True)
        else:
            for row in range(model.coef_.shape[0]):
                C = model.C_[row]
                rho = rho_of(penalty, model.l1_ratio_[row])
                pos = row if K > 2 else 1
                t = (y_enc == pos).astype(float)
                a, r = kkt(X, t, s_all, model.coef_[row], model.intercept_[row], C, rho, fit_intercept, False)
                worst_abs, worst_rel = max(worst_abs, a), max(worst_rel, r)
        refit_kkt = {"residual": worst_abs, "relative": worst_rel}
        if worst_rel > CERTIFY:
            raise Rejected(f"refit relative KKT {worst_rel:.3g}")

    # how clear the choice of C is: sum of fold scores, best minus runner-up, per class
    margins = []
    for key in keys:
        sc = np.asarray(model.scores_[key]).reshape(len(folds), -1) if l1_ratios is None else \
            np.transpose(np.asarray(model.scores_[key]), (0, 2, 1)).reshape(len(folds), -1)
        tot = np.sort(sc.sum(axis=0))[::-1]
        margins.append(float(tot[0] - tot[1]) if len(tot) > 1 else None)

    options = {
        "Cs": py(kw.get("Cs", 10)),
        "penalty": penalty,
    }
    if l1_ratios is not None:
        options["l1Ratios"] = py(list(l1_ratios))
    options["solver"] = kw["solver"]
    options["scoring"] = kw.get("scoring")
    options["refit"] = kw.get("refit", True)
    options["multiClass"] = kw.get("multi_class", "auto")
    if "class_weight" in kw:
        options["classWeight"] = kw["class_weight"]
    options["fitIntercept"] = fit_intercept
    options["tol"] = kw["tol"]
    options["maxIter"] = kw["max_iter"]
    if "random_state" in kw:
        options["randomState"] = kw["random_state"]

    sk = {k: py(v) for k, v in kw.items()}
    sk["cv"] = "the folds of this case"

    expected = {
        "classes": labels_json(classes),
        "Cs_": model.Cs_,
        "l1Ratios_": None if l1_ratios is None else model.l1_ratios_,
        "C_": model.C_,
        "l1Ratio_": None if l1_ratios is None else model.l1_ratio_,
        "scores": {str(k): model.scores_[k] for k in keys},
        "coefsPaths": {str(k): model.coefs_paths_[k] for k in keys},
        "coef": model.coef_,
        "intercept": model.intercept_,
        "nIterShape": list(model.n_iter_.shape),
        "scoreMargins": margins,
    }
    if refit_kkt is not None:
        expected["kkt"] = refit_kkt
    expected["pathKkt"] = path_worst
    if uncertified:
        expected["uncertifiedPaths"] = uncertified

    case = {"name": name, "X": X, "y": labels_json(y)}
    if sw is not None:
        case["sampleWeight"] = sw
    case["folds"] = folds_json(folds)
    case["options"] = options
    case["sklearnOptions"] = sk
    case["expected"] = expected
    others = kept_warnings(caught)
    if others:
        case["warnings"] = others
    print(f"  {name}: refit kkt {refit_kkt and refit_kkt['relative']:.3g} path {path_worst:.3g} margins {margins}" if refit_kkt else f"  {name}: path {path_worst:.3g} margins {margins}")
    return py(case)


def lrcv_cases():
    cases = []

    def add(c):
        if c is not None:
            cases.append(c)

    X, y = data(200, 5, 21, sep=0.6, flip=0.1)
    f = make_folds("stratified", 5, 21, X, y)
    add(lrcv_case("binary l2 Cs=10 scoring None", X, y, f, {"Cs": 10}))
    add(lrcv_case("binary l2 explicit Cs neg_log_loss", X, y, f, {"Cs": [0.001, 0.01, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0], "scoring": "neg_log_loss"}))
    add(lrcv_case("binary l2 Cs=10 roc_auc", X, y, f, {"Cs": 10, "scoring": "roc_auc"}))
    add(lrcv_case("binary l2 Cs=10 neg_log_loss refit false", X, y, f, {"Cs": 10, "scoring": "neg_log_loss", "refit": False}))

    X, y = data(150, 4, 22, weights=[0.75, 0.25], flip=0.08)
    f = make_folds("stratified", 5, 22, X, y)
    add(lrcv_case("imbalanced binary l2 class_weight balanced", X, y, f, {"Cs": 10, "class_weight": "balanced", "scoring": "neg_log_loss"}))
    w = weights_for(150, 22)
    add(lrcv_case("imbalanced binary l2 sample weights roc_auc", X, y, f, {"Cs": 10, "scoring": "roc_auc"}, sw=w))

    X, y = data(120, 3, 23)
    f = make_folds("kfold", 4, 23, X, y)
    add(lrcv_case("binary l2 no intercept KFold neg_log_loss", X, y, f, {"Cs": 6, "fit_intercept": False, "scoring": "neg_log_loss"}))

    X, y = data(240, 5, 24, classes=3, sep=0.7)
    f = make_folds("stratified", 5, 24, X, y)
    add(lrcv_case("3 classes multinomial l2 neg_log_loss", X, y, f, {"Cs": 10, "multi_class": "multinomial", "scoring": "neg_log_loss"}))
    add(lrcv_case("3 classes multinomial l2 accuracy refit false", X, y, f, {"Cs": 8, "multi_class": "multinomial", "refit": False}))
    add(lrcv_case("3 classes ovr l2 scoring None", X, y, f, {"Cs": 10, "multi_class": "ovr"}))
    add(lrcv_case("3 classes ovr l2 neg_log_loss refit false", X, y, f, {"Cs": 10, "multi_class": "ovr", "scoring": "neg_log_loss", "refit": False}))

    X, y = data(180, 4, 29, classes=3, weights=[0.5, 0.35, 0.15], labels=["b", "a", "c"])
    f = make_folds("stratified", 5, 29, X, y)
    w = weights_for(180, 29)
    add(lrcv_case("3 string classes ovr l2 class_weight balanced sample weights", X, y, f, {"Cs": 8, "multi_class": "ovr", "class_weight": "balanced", "scoring": "neg_log_loss"}, sw=w))
    add(lrcv_case("3 string classes multinomial l2 class_weight balanced", X, y, f, {"Cs": 8, "multi_class": "multinomial", "class_weight": "balanced", "scoring": "neg_log_loss"}))

    X, y = data(100, 5, 26, sep=0.7, flip=0.08)
    f = make_folds("stratified", 5, 26, X, y)
    # scorings that do not see the intercept of an all-zero model (saga leaves it
    # unconverged at the smallest Cs; see intercept_only_entry)
    add(lrcv_case("binary l1 saga Cs=6 scoring None", X, y, f, {"Cs": 6, "penalty": "l1", "solver": "saga"}))
    add(lrcv_case("binary l1 saga Cs=6 roc_auc refit false", X, y, f, {"Cs": 6, "penalty": "l1", "solver": "saga", "scoring": "roc_auc", "refit": False}))
    add(lrcv_case("binary elasticnet saga l1Ratios [0.2, 0.8] roc_auc", X, y, f, {"Cs": 6, "penalty": "elasticnet", "solver": "saga", "l1_ratios": [0.2, 0.8], "scoring": "roc_auc"}))
    # refit=False with elastic-net indexes l1_ratios with an array of fold choices
    # (_logistic.py line 2022): a Python list raises TypeError in 1.2.1, an ndarray works
    add(lrcv_case("binary elasticnet saga l1Ratios [0.2, 0.8] roc_auc refit false (l1_ratios an ndarray)", X, y, f, {"Cs": 6, "penalty": "elasticnet", "solver": "saga", "l1_ratios": np.array([0.2, 0.8]), "scoring": "roc_auc", "refit": False}))
    add(lrcv_case("binary l1 saga explicit Cs neg_log_loss", X, y, f, {"Cs": [0.05, 0.2, 1.0, 5.0], "penalty": "l1", "solver": "saga", "scoring": "neg_log_loss"}))

    X, y = data(90, 4, 27, classes=3, sep=1.0)
    f = make_folds("stratified", 3, 27, X, y)
    add(lrcv_case("3 classes ovr l1 saga Cs=6", X, y, f, {"Cs": 6, "penalty": "l1", "solver": "saga", "multi_class": "ovr"}))
    return cases


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    header = {
        "generator": GENERATOR,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sampleWeightRouting": "Where scikit-learn 1.2.1 routes sample weights "
        + __doc__.split("Where scikit-learn 1.2.1 routes sample weights ")[1].split("    /usr/bin")[0].strip(),
    }
    print("cross-validate")
    cv = dict(header, cases=cross_validate_cases())
    print("lrcv")
    grid = __doc__.split("The default grid: ")[1].split("\n\n")[0]
    lr = dict(header, certify=CERTIFY, csGrid="The default grid: " + " ".join(grid.split()), cases=lrcv_cases())
    for fname, doc in (("cross-validate.json", cv), ("lrcv.json", lr)):
        path = os.path.join(OUT_DIR, fname)
        with open(path, "w") as fh:
            json.dump(doc, fh, separators=(",", ":"))
            fh.write("\n")
        print(f"wrote {path}: {len(doc['cases'])} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
