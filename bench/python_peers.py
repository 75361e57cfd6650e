"""The Python peers of the bench: numpy gradient descent and scikit-learn's lbfgs.

Run by bench/python.ts on the bench's own bytes (raw little-endian float64 files).
Prints one JSON object on stdout.

  python_peers.py gd    X Y ROWS COLS LR STEPS WARMUP RUNS
  python_peers.py lbfgs X Y ROWS COLS C TARGET_F REL RUNS
  python_peers.py sparse SVMLIGHT_FILE COLS

The sparse mode is a server for bench/sparse/anchors.ts: it loads the svmlight file once
(scikit-learn's load_svmlight_file), prints one JSON line, then answers one JSON line per
request line on stdin (see bench/sparse/python_sparse.py).
"""
import json
import resource
import sys
import time

import numpy as np


def load(x_path, y_path, rows, cols):
    X = np.fromfile(x_path, dtype="<f8").reshape(rows, cols)
    y = np.fromfile(y_path, dtype="<f8")
    assert y.shape == (rows,)
    return X, y


def gd(X, y, lr, steps):
    """Batch gradient descent as the reference text writes it (two BLAS passes per step)."""
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        r = p - y
        dw = (1.0 / n) * (X.T @ r)
        db = (1.0 / n) * np.sum(r)
        w -= lr * dw
        b -= lr * db
    return w, b


def objective(X, y, w, b, C):
    """F = C * sum(logloss) + 0.5 * ||w||^2, the objective scikit-learn's lbfgs minimises."""
    z = X @ w + b
    return C * float(np.sum(np.logaddexp(0.0, z) - y * z)) + 0.5 * float(w @ w)


def peak_rss():
    """Peak RSS in bytes: VmHWM (getrusage's maxrss would include the parent's RSS, carried across fork and exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def blas():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    keep = ("user_api", "internal_api", "version", "num_threads", "architecture", "threading_layer")
    return [{k: info.get(k) for k in keep if info.get(k) is not None} for info in threadpool_info()]


def main():
    mode = sys.argv[1]
    if mode == "sparse":
        import os

        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "sparse"))
        from python_sparse import serve

        serve(sys.argv[2], int(sys.argv[3]), peak_rss)
        return
    X, y = load(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    out = {"mode": mode, "numpy": np.__version__}
    if mode == "gd":
        lr, steps, warmup, runs = float(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9])
        with np.errstate(over="ignore"):
            for _ in range(warmup):
                w, b = gd(X, y, lr, steps)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                w, b = gd(X, y, lr, steps)
                times.append((time.perf_counter() - t) * 1000)
        out.update(times_ms=times, params=[*map(float, w), float(b)])
    elif mode == "lbfgs":
        import sklearn
        from sklearn.linear_model import LogisticRegression

        C, target, rel, runs = float(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
        out["sklearn"] = sklearn.__version__
        # The largest tol in 1e-1, 1e-2, ... at which lbfgs lands within rel of the best
        # objective F*; each trial fit also warms up the timed fits that follow.
        tried = []
        for k in range(1, 13):
            tol = 10.0 ** -k
            model = LogisticRegression(C=C, solver="lbfgs", tol=tol, max_iter=100_000)
            model.fit(X, y)
            F = objective(X, y, model.coef_[0], model.intercept_[0], C)
            tried.append({"tol": tol, "objective": F, "n_iter": int(model.n_iter_[0])})
            if (F - target) / abs(target) <= rel:
                break
        times = []
        for _ in range(runs):
            model = LogisticRegression(C=C, solver="lbfgs", tol=tol, max_iter=100_000)
            t = time.perf_counter()
            model.fit(X, y)
            times.append((time.perf_counter() - t) * 1000)
        out.update(tol=tol, tried=tried, times_ms=times, n_iter=int(model.n_iter_[0]), objective=tried[-1]["objective"])
    else:
        raise SystemExit(f"unknown mode {mode}")
    out["blas"] = blas()
    out["maxrss_bytes"] = peak_rss()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
