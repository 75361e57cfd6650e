"""Iterations scikit-learn needs for the l1 / elastic-net problems of BENCHMARKS.md's
"l1 and elastic-net" table (saga epochs and liblinear's outer iterations).

Run with Debian's scikit-learn 1.2.1: /usr/bin/python3 tools/sklearn_l1_iterations.py
"""
import warnings
from sklearn.datasets import make_classification, load_iris
from sklearn.linear_model import LogisticRegression
X, y = make_classification(random_state=0)
for tol in (1e-2, 1e-4):
    for pen, kw in (("l1", {}), ("elasticnet", {"l1_ratio": 0.5})):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            m = LogisticRegression(penalty=pen, C=10, solver="saga", tol=tol, max_iter=100, random_state=0, **kw).fit(X, y)
        print(pen, tol, "saga n_iter", m.n_iter_, "warned" if w else "")
        if pen == "l1":
            m = LogisticRegression(penalty="l1", C=10, solver="liblinear", tol=tol, random_state=0).fit(X, y)
            print("  liblinear n_iter", m.n_iter_)
Xi, yi = load_iris(return_X_y=True)
for tol in (1e-2, 1e-4):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        m = LogisticRegression(penalty="l1", C=1, solver="saga", tol=tol, max_iter=1000, random_state=0).fit(Xi, yi)
    print("iris l1", tol, "saga n_iter", m.n_iter_, "warned" if w else "")
