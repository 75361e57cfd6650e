"""The Python side of the model-selection bench, served to bench/model-selection/peers.ts.

Started as `python_cv.py`; reads JSON requests on stdin, one per line, and answers each with
one JSON line on stdout:

  {"op": "load", "kind": "dense", "x": PATH, "y": PATH, "rows": N, "cols": D}
  {"op": "load", "kind": "csr", "indptr": PATH, "indices": PATH, "values": PATH, "y": PATH, "rows": N, "cols": D}
      reads the set (raw little-endian files the bench wrote: float64 X row-major or CSR arrays
      int32/int32/float64, float64 labels 0/1) and makes it the current one; answers
      {"sklearn", "numpy", "sha256"} (SHA-256 of the arrays, as the bench hashes them).
  {"op": "cv", "folds": PATH, "Cs": K, "n_jobs": J}
      LogisticRegressionCV(Cs=K, cv=FOLDS, n_jobs=J) with every other parameter at its default
      (solver 'lbfgs', tol 1e-4, max_iter 100, accuracy, refit); FOLDS: PATH holds the fold id
      of every row (int32), fold k tests on the rows with id k and trains on the others, both
      in ascending order. Answers {"ms", "C", "scores" (folds × Cs), "n_iter" (folds × Cs)}.
  {"op": "liblinear", "C": C, "eps": E, "out": PATH}
      LIBLINEAR 2.3 (Debian's liblinear.so.4, the library `liblinear-train` runs, through
      bench/sparse/python_sparse.py's staging) `-s 6 -c C -e E`, no bias (-B -1): l1-regularised
      logistic regression by newGLMNET, F(w) = C·Σ log(1 + e^(−ỹ·x·w)) + ‖w‖₁. Writes w to
      PATH; answers {"ms" (train() alone), "n_iter" (Newton iterations), "cd" (CD cycles)}.
  {"op": "saga", "Cs": [C...], "tol": T, "max_iter": M, "out": PATH}
      The l1 path by scikit-learn's saga: one LogisticRegression(penalty='l1', solver='saga',
      fit_intercept=False, warm_start=True, tol=T, max_iter=M, random_state=0), fitted at each
      C in turn (each fit starts from the previous w). Writes the Cs × D weights to PATH;
      answers {"ms" (all fits), "ms_per_C", "n_iter" per C}.
  {"op": "quit"}
"""
import ctypes
import os
import sys
import time
import warnings

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside the shared scripts
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "sparse"))
sys.path.insert(0, os.path.join(HERE, ".."))
from python_serve import load_set, raw, reply, requests  # noqa: E402  (the peers' shared protocol and set loading)
from python_sparse import Liblinear, Parameter  # noqa: E402  (the sparse section's LIBLINEAR staging)

L1R_LR = 6


def csr_of(X):
    import scipy.sparse

    return X if scipy.sparse.issparse(X) else scipy.sparse.csr_matrix(X)


def liblinear_fit(lib, C, eps):
    """LIBLINEAR -s 6 on the staged problem; (w, ms, Newton iterations, CD cycles)."""
    param = Parameter(L1R_LR, eps, C, 0, None, None, 0.1, None)
    error = lib.lib.check_parameter(ctypes.byref(lib.problem), ctypes.byref(param))
    if error is not None:
        raise SystemExit(f"liblinear check_parameter: {error.decode()}")
    lib.log.clear()
    t = time.perf_counter()
    model = lib.lib.train(ctypes.byref(lib.problem), ctypes.byref(param))
    ms = (time.perf_counter() - t) * 1000
    m = model.contents
    w = np.ctypeslib.as_array(m.w, shape=(m.nr_feature,)).copy()
    if m.nr_class == 2 and m.label[0] != 1:
        w = -w
    lines = "".join(lib.log).splitlines()
    n_iter = sum(1 for line in lines if line.startswith("iter"))
    cd = 0
    for line in lines:
        if "#CD cycles" in line:
            cd += int(line.split("#CD cycles")[1].split()[0])
    lib.lib.free_and_destroy_model(ctypes.byref(model))
    return w, ms, n_iter, cd


def main():
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV

    warnings.simplefilter("ignore", ConvergenceWarning)
    X = y = None
    lib = None
    for request in requests():
        op = request["op"]
        if op == "load":
            X, y, digest = load_set(request)
            lib = None
            reply({"sklearn": sklearn.__version__, "numpy": np.__version__, "sha256": digest})
        elif op == "cv":
            ids = raw(request["folds"], "<i4")
            folds = [(np.flatnonzero(ids != k), np.flatnonzero(ids == k)) for k in range(int(ids.max()) + 1)]
            model = LogisticRegressionCV(Cs=int(request["Cs"]), cv=folds, n_jobs=int(request["n_jobs"]))
            t = time.perf_counter()
            model.fit(X, y)
            ms = (time.perf_counter() - t) * 1000
            key = model.classes_[1]
            reply(
                {
                    "ms": ms,
                    "C": float(model.C_[0]),
                    "Cs": [float(c) for c in model.Cs_],
                    "scores": model.scores_[key].tolist(),
                    "n_iter": np.asarray(model.n_iter_)[0].tolist(),
                }
            )
        elif op == "liblinear":
            if lib is None:
                lib = Liblinear(csr_of(X), y)
            w, ms, n_iter, cd = liblinear_fit(lib, float(request["C"]), float(request["eps"]))
            np.ascontiguousarray(w, dtype="<f8").tofile(request["out"])
            reply({"ms": ms, "n_iter": n_iter, "cd": cd, "version": lib.version})
        elif op == "saga":
            model = LogisticRegression(
                penalty="l1", solver="saga", fit_intercept=False, warm_start=True, tol=float(request["tol"]), max_iter=int(request["max_iter"]), random_state=0
            )
            ws, per_c, n_iter = [], [], []
            for C in request["Cs"]:
                model.set_params(C=float(C))
                t = time.perf_counter()
                model.fit(X, y)
                per_c.append((time.perf_counter() - t) * 1000)
                ws.append(model.coef_[0].copy())
                n_iter.append(int(np.max(model.n_iter_)))
            np.ascontiguousarray(np.stack(ws), dtype="<f8").tofile(request["out"])
            reply({"ms": float(sum(per_c)), "ms_per_C": per_c, "n_iter": n_iter})
        else:
            raise SystemExit(f"unknown op {op}")


if __name__ == "__main__":
    main()
