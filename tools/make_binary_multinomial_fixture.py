"""Reference fits of scikit-learn's two-class multinomial LogisticRegression.

scikit-learn 1.2.1 with multi_class='multinomial' and two classes fits the softmax over
both classes (rows W0, W1, the penalty on both), stores coef_ = W1 as one row
(linear_model/_logistic.py: `multi_w0 = multi_w0[1][np.newaxis, :]`) and computes
predict_proba as softmax([-d, d]) with d = decision_function(X). This script records, for
a few problems, scikit-learn's coef_, intercept_, decision_function, predict_proba and
predict, fitted to a tight tolerance, so test/logistic-regression/multiclass.test.ts
can hold the library against them without Python.

Writes test/fixtures/binary-multinomial.json. Run with Debian's python3-sklearn
(scikit-learn 1.2.1, numpy 1.24.2):

    /usr/bin/python3 tools/make_binary_multinomial_fixture.py

Deterministic (lbfgs from zero, single-threaded BLAS); floats written by Python's json
module (shortest round-tripping repr).
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_iris, make_classification  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures", "binary-multinomial.json")


def optimum(X, y01, C, penalised, fit_intercept):
    """The exact optimum (coef row, intercept) of the two-class softmax problem.

    With rows -w and w the softmax is sigmoid(2d), and the objective
    C * sum logloss(y, 2(x.w + b)) + |w|^2 (the penalty 1/2 |W0|^2 + 1/2 |W1|^2) is half
    the binary objective 2C * sum logloss(y, x.v + c) + 1/2 |v|^2 at v = 2w, c = 2b. So
    Newton's method on that binary problem, from zero until the step stops changing
    anything, and halving gives the optimum to machine precision.
    """
    A = np.c_[X, np.ones(len(X))] if fit_intercept else np.asarray(X, dtype=np.float64)
    y01 = np.asarray(y01, dtype=np.float64)
    m = A.shape[1]
    reg = np.ones(m) if penalised else np.zeros(m)
    if fit_intercept:
        reg[-1] = 0.0
    C2 = 2.0 * C
    theta = np.zeros(m)
    for _ in range(200):
        z = A @ theta
        p = 0.5 * (1.0 + np.tanh(0.5 * z))
        g = C2 * A.T @ (p - y01) + reg * theta
        H = C2 * (A.T * (p * (1.0 - p))) @ A + np.diag(reg)
        step = np.linalg.solve(H, g)
        theta = theta - step
        if np.max(np.abs(step)) <= 1e-17 * max(1.0, np.max(np.abs(theta))):
            break
    half = theta / 2.0
    return (half[:-1] if fit_intercept else half).tolist(), (half[-1] if fit_intercept else 0.0)


def problems():
    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, n_redundant=0, flip_y=0.1, random_state=0)
    yield "make_classification", X, y.astype(int).tolist()
    iris = load_iris()
    keep = iris.target > 0  # versicolor against virginica: not separable
    yield "iris_versicolor_virginica", iris.data[keep], [["versicolor", "virginica"][t - 1] for t in iris.target[keep]]


CASES = [
    dict(C=1.0),
    dict(C=10.0),
    dict(C=0.1, fit_intercept=False),
    dict(penalty=None),
]


def main():
    fits = []
    datasets = {}
    for name, X, y in problems():
        datasets[name] = dict(X=X.tolist(), y=y)
        for case in CASES:
            params = dict(multi_class="multinomial", solver="lbfgs", tol=1e-12, max_iter=100000)
            params.update(case)
            clf = LogisticRegression(**params).fit(X, y)
            assert clf.coef_.shape == (1, X.shape[1])
            d = clf.decision_function(X)
            proba = clf.predict_proba(X)
            # predict_proba is the softmax of (-d, d), as documented above.
            e = np.exp(np.c_[-d, d] - np.abs(d)[:, None])
            assert np.allclose(proba, e / e.sum(axis=1, keepdims=True), rtol=1e-14, atol=0)
            positive = [1.0 if label == clf.classes_[1] else 0.0 for label in y]
            coef, intercept = optimum(X, positive, case.get("C", 1.0), "penalty" not in case, case.get("fit_intercept", True))
            options = {
                "C": case.get("C", 1.0),
                "penalty": "none" if "penalty" in case and case["penalty"] is None else "l2",
                "fitIntercept": case.get("fit_intercept", True),
            }
            fits.append(
                dict(
                    id=f"{name}/{'/'.join(f'{k}={v}' for k, v in case.items())}",
                    dataset=name,
                    options=options,
                    classes=[c.item() if hasattr(c, "item") else c for c in clf.classes_],
                    nIter=int(clf.n_iter_[0]),
                    coef=clf.coef_.tolist(),
                    intercept=clf.intercept_.tolist(),
                    decisionFunction=d.tolist(),
                    predictProba=proba.tolist(),
                    predict=[c.item() if hasattr(c, "item") else c for c in clf.predict(X)],
                    optimum=dict(coef=[coef], intercept=[intercept]),
                )
            )
    doc = dict(
        generator=f"tools/make_binary_multinomial_fixture.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        datasets=datasets,
        fits=fits,
    )
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
