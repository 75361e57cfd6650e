"""The anchors of the sparse bench, served to bench/sparse/anchors.ts over stdin/stdout.

Started as `python_peers.py sparse SVMLIGHT_FILE COLS`. Loads the file with scikit-learn's
load_svmlight_file (one-based indices, as written; cached as .npz, see load), prints a JSON line
{"ready": ...}, then reads JSON requests, one per line, and answers each with one line:

  {"op": "fit", "side": S, "C": C, "tol": T, "max_iter": M, "out": PATH}
      trains side S on the whole set without an intercept, writes w (float64, COLS values)
      to PATH and answers {"ms", "n_iter"}; S is
        "liblinear"          Debian's LIBLINEAR 2.3 (liblinear.so.4, the library liblinear-train
                             runs) through ctypes: train() with -s 0, -e T, -c C, -B -1; "ms" times
                             train() alone (not building its feature_node arrays, as
                             liblinear-train's timing would not include reading the file)
        "sklearn-liblinear"  LogisticRegression(solver='liblinear', C=C, tol=T, fit_intercept=False)
        "sklearn-sgd"        SGDClassifier(loss='log_loss', alpha=1/(C n), tol=T, fit_intercept=False)
  {"op": "quit"}

The objective every side minimises, up to a positive factor:
  LIBLINEAR -s 0, scikit-learn liblinear: F(w) = C Σ log(1 + exp(−ỹᵢ w·xᵢ)) + ½‖w‖², ỹ ∈ {−1, 1}
  SGDClassifier(log_loss, l2, alpha):     (1/n) Σ log-loss + (alpha/2)‖w‖² = F(w) / (C n) with alpha = 1/(C n)
The bench evaluates F for every w itself (one evaluator, bench/sparse/objective.ts).
"""
import ctypes
import json
import sys
import time

import numpy as np


class FeatureNode(ctypes.Structure):
    _fields_ = [("index", ctypes.c_int), ("value", ctypes.c_double)]


class Problem(ctypes.Structure):
    _fields_ = [
        ("l", ctypes.c_int),
        ("n", ctypes.c_int),
        ("y", ctypes.POINTER(ctypes.c_double)),
        ("x", ctypes.POINTER(ctypes.POINTER(FeatureNode))),
        ("bias", ctypes.c_double),
    ]


class Parameter(ctypes.Structure):
    # linear.h of LIBLINEAR 2.30 (LIBLINEAR_VERSION 230, Debian's liblinear-dev 2.3.0).
    _fields_ = [
        ("solver_type", ctypes.c_int),
        ("eps", ctypes.c_double),
        ("C", ctypes.c_double),
        ("nr_weight", ctypes.c_int),
        ("weight_label", ctypes.POINTER(ctypes.c_int)),
        ("weight", ctypes.POINTER(ctypes.c_double)),
        ("p", ctypes.c_double),
        ("init_sol", ctypes.POINTER(ctypes.c_double)),
    ]


class Model(ctypes.Structure):
    _fields_ = [
        ("param", Parameter),
        ("nr_class", ctypes.c_int),
        ("nr_feature", ctypes.c_int),
        ("w", ctypes.POINTER(ctypes.c_double)),
        ("label", ctypes.POINTER(ctypes.c_int)),
        ("bias", ctypes.c_double),
    ]


PRINT_FUNC = ctypes.CFUNCTYPE(None, ctypes.c_char_p)
L2R_LR = 0


class Liblinear:
    """Debian's liblinear.so.4 with the set staged once as its feature_node rows."""

    def __init__(self, X, y):
        self.lib = ctypes.CDLL("liblinear.so.4")
        self.lib.train.restype = ctypes.POINTER(Model)
        self.lib.train.argtypes = [ctypes.POINTER(Problem), ctypes.POINTER(Parameter)]
        self.lib.check_parameter.restype = ctypes.c_char_p
        self.lib.check_parameter.argtypes = [ctypes.POINTER(Problem), ctypes.POINTER(Parameter)]
        self.lib.free_and_destroy_model.argtypes = [ctypes.POINTER(ctypes.POINTER(Model))]
        self.version = ctypes.c_int.in_dll(self.lib, "liblinear_version").value
        # LIBLINEAR prints its iterations through this hook; counting "iter" lines gives n_iter.
        self.log = []
        self.printer = PRINT_FUNC(lambda text: self.log.append(text.decode("latin1")))
        self.lib.set_print_string_function(self.printer)

        rows, cols = X.shape
        indptr, indices, values = X.indptr.astype(np.int64), X.indices, X.data
        # Each row: its entries (one-based index), then a terminator with index −1.
        node = np.dtype([("index", np.int32), ("value", np.float64)], align=True)
        assert node.itemsize == ctypes.sizeof(FeatureNode)
        self.nodes = np.empty(len(values) + rows, dtype=node)
        starts = indptr[:-1] + np.arange(rows)
        position = np.arange(len(values)) + np.repeat(np.arange(rows), np.diff(indptr))
        self.nodes["index"][position] = indices + 1
        self.nodes["value"][position] = values
        ends = starts + np.diff(indptr)
        self.nodes["index"][ends] = -1
        self.nodes["value"][ends] = 0.0
        base = self.nodes.ctypes.data
        self.rows_ptr = (ctypes.POINTER(FeatureNode) * rows)()
        addresses = np.frombuffer(self.rows_ptr, dtype=np.uintp)
        addresses[:] = base + starts * node.itemsize
        self.y = np.ascontiguousarray(y, dtype=np.float64)
        self.problem = Problem(rows, cols, self.y.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), self.rows_ptr, -1.0)

    def fit(self, C, tol):
        param = Parameter(L2R_LR, tol, C, 0, None, None, 0.1, None)
        error = self.lib.check_parameter(ctypes.byref(self.problem), ctypes.byref(param))
        if error is not None:
            raise SystemExit(f"liblinear check_parameter: {error.decode()}")
        self.log.clear()
        t = time.perf_counter()
        model = self.lib.train(ctypes.byref(self.problem), ctypes.byref(param))
        ms = (time.perf_counter() - t) * 1000
        m = model.contents
        cols = m.nr_feature
        w = np.ctypeslib.as_array(m.w, shape=(cols,)).copy()
        # w separates label[0] (as +1) from the other label; the bench's positive class is 1.
        if m.nr_class == 2 and m.label[0] != 1:
            w = -w
        n_iter = sum(1 for line in "".join(self.log).splitlines() if line.startswith("iter"))
        self.lib.free_and_destroy_model(ctypes.byref(model))
        return w, ms, n_iter


def load(path, cols):
    """X (CSR) and y from the svmlight file; kept beside it as .npz after the first read.

    load_svmlight_file reads about 4 MB/s here (3 minutes for the RCV1-shaped set), so its
    result is saved once (scipy's save_npz, uncompressed) and read back in a second later.
    """
    import os

    import scipy.sparse
    from sklearn.datasets import load_svmlight_file

    cached = path + ".npz"
    labels = path + ".y.npy"
    if os.path.exists(cached) and os.path.exists(labels):
        return scipy.sparse.load_npz(cached).tocsr(), np.load(labels)
    X, y = load_svmlight_file(path, n_features=cols, zero_based=False, dtype=np.float64)
    partial = f"{cached}.partial-{os.getpid()}.npz"
    scipy.sparse.save_npz(partial, X, compressed=False)
    np.save(labels, y)
    os.replace(partial, cached)
    return X, y


def digest(X, y):
    import hashlib

    h = hashlib.sha256()
    for array, dtype in ((X.indptr, "<i4"), (X.indices, "<i4"), (X.data, "<f8"), (y, "<f8")):
        h.update(np.ascontiguousarray(array, dtype=dtype).tobytes())
    return h.hexdigest()


def serve(path, cols, peak_rss):
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    import warnings

    warnings.simplefilter("ignore", ConvergenceWarning)
    t = time.perf_counter()
    X, y = load(path, cols)
    load_ms = (time.perf_counter() - t) * 1000
    rows = X.shape[0]
    liblinear = None

    def reply(obj):
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    reply(
        {
            "ready": True,
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "load_ms": load_ms,
            "rows": rows,
            "nnz": int(X.nnz),
            # The bench checks that the file holds its arrays to the bit: SHA-256 of indptr and
            # indices (int32), values and labels (float64), little-endian.
            "sha256": digest(X, y),
        }
    )
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        if request["op"] != "fit":
            raise SystemExit(f"unknown op {request['op']}")
        side, C, tol, max_iter = request["side"], float(request["C"]), float(request["tol"]), int(request["max_iter"])
        if side == "liblinear":
            if liblinear is None:
                liblinear = Liblinear(X, y)
            w, ms, n_iter = liblinear.fit(C, tol)
            extra = {"version": liblinear.version}
        elif side == "sklearn-liblinear":
            model = LogisticRegression(solver="liblinear", C=C, tol=tol, fit_intercept=False, max_iter=max_iter)
            t = time.perf_counter()
            model.fit(X, y)
            ms = (time.perf_counter() - t) * 1000
            w, n_iter, extra = model.coef_[0], int(np.max(model.n_iter_)), {}
        elif side == "sklearn-sgd":
            model = SGDClassifier(loss="log_loss", penalty="l2", alpha=1.0 / (C * rows), tol=tol, max_iter=max_iter, fit_intercept=False, random_state=0)
            t = time.perf_counter()
            model.fit(X, y)
            ms = (time.perf_counter() - t) * 1000
            w, n_iter, extra = model.coef_[0], int(model.n_iter_), {}
        else:
            raise SystemExit(f"unknown side {side}")
        np.ascontiguousarray(w, dtype="<f8").tofile(request["out"])
        reply({"ms": ms, "n_iter": n_iter, "maxrss_bytes": peak_rss(), **extra})
