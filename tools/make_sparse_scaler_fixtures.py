"""Reference results for StandardScaler on CSR input and for partial_fit (src/preprocessing/).

Writes test/fixtures/sparse-scaler/expected.json:

  sparse    scikit-learn 1.2.1's StandardScaler(with_mean=False) on scipy csr_matrix inputs
            (float64 and float32 values; empty rows, all-zero columns, explicit stored zeros,
            a column stored in every row with a huge offset, a constant stored column, a
            single row): mean_, var_, scale_, n_samples_seen_ after fit, the CSR arrays of
            transform(X) and of transform/inverse_transform of another matrix; and the same
            after partial_fit over row batches (statistics after each batch).
  dense     partial_fit on dense arrays over row batches, every with_mean/with_std
            combination: the statistics after each batch and transform of the data.
  mixed     partial_fit alternating CSR and dense batches (with_mean=False).

Floats are written by Python's json (shortest round-trip repr), so every value reads back
exactly; float32 arrays are widened to float64 first (exact). Deterministic: running the
script again rewrites the same file.

    /usr/bin/python3 tools/make_sparse_scaler_fixtures.py
"""

import json
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "sparse-scaler")


def csr_json(X):
    X = sp.csr_matrix(X)
    return {"rows": int(X.shape[0]), "cols": int(X.shape[1]), "indptr": X.indptr.tolist(),
            "indices": X.indices.tolist(), "values": X.data.astype(np.float64).tolist()}


def arr(a):
    return None if a is None else np.asarray(a, dtype=np.float64).tolist()


def stats(sc):
    return {"mean": arr(sc.mean_), "var": arr(sc.var_), "scale": arr(sc.scale_),
            "nSamplesSeen": float(sc.n_samples_seen_)}


def random_csr(seed, n, d, density, dtype=np.float64):
    rng = np.random.RandomState(seed)
    mask = rng.uniform(size=(n, d)) < density
    vals = rng.standard_normal((n, d)) * np.exp(rng.normal(0, 2, size=(1, d)))
    X = sp.csr_matrix(np.where(mask, vals, 0.0).astype(dtype))
    return X


def sparse_inputs():
    out = {}
    X = random_csr(1, 40, 12, 0.3)
    X = sp.csr_matrix(X.toarray())
    Xd = X.toarray()
    Xd[[3, 17], :] = 0.0          # empty rows
    Xd[:, 5] = 0.0                # an all-zero column
    Xd[:, 7] = 1e9 + np.random.RandomState(2).standard_normal(40)  # stored in every row, huge offset
    Xd[:, 9] = np.where(np.arange(40) % 3 == 0, 2.5, 0.0)          # constant where stored
    X = sp.csr_matrix(Xd)
    X.data[::11] = 0.0            # explicit stored zeros (kept by csr_matrix)
    out["random f64: empty rows, a zero column, explicit zeros, a 1e9-offset column"] = X
    out["every entry stored, 1e9 + 1e-6 noise counts as constant"] = sp.csr_matrix(
        np.column_stack([1e9 + np.where(np.arange(20) % 2 == 0, 1e-6, -1e-6), np.arange(20.0)]))
    out["a single row"] = sp.csr_matrix(np.array([[0.0, 3.0, -1.5, 0.0]]))
    out["tiny and huge scales"] = sp.csr_matrix(random_csr(3, 30, 5, 0.5).toarray() * np.array([1e-200, 1e-5, 1, 1e5, 1e150]))
    out["float32 values"] = random_csr(4, 50, 8, 0.25, dtype=np.float32)
    out["wide and very sparse (300 columns)"] = random_csr(5, 60, 300, 0.02)
    return out


def transformed(sc, X):
    return csr_json(sc.transform(sp.csr_matrix(X, copy=True)))


def sparse_cases():
    cases = []
    for name, X in sparse_inputs().items():
        other = sp.csr_matrix(random_csr(99, 7, X.shape[1], 0.4).toarray().astype(X.dtype))
        for with_std in (True, False):
            sc = StandardScaler(with_mean=False, with_std=with_std).fit(X)
            batches = [X[:1], X[1:X.shape[0] // 2], X[X.shape[0] // 2:]] if X.shape[0] > 2 else [X]
            ps = StandardScaler(with_mean=False, with_std=with_std)
            partial = []
            for B in batches:
                ps.partial_fit(B)
                partial.append(stats(ps))
            cases.append({
                "name": name, "dtype": "float32" if X.dtype == np.float32 else "float64",
                "options": {"withMean": False, "withStd": with_std},
                "X": csr_json(X), "other": csr_json(other),
                "fit": stats(sc), "transformed": transformed(sc, X),
                "otherTransformed": transformed(sc, other),
                "otherInverse": csr_json(sc.inverse_transform(sp.csr_matrix(other, copy=True))),
                "batches": [int(B.shape[0]) for B in batches], "partial": partial,
            })
    return cases


def dense_cases():
    rng = np.random.RandomState(7)
    inputs = {
        "random, 4 columns of different scales": rng.standard_normal((30, 4)) * [1, 10, 0.01, 1e4] + [0, 5, -3, 1e6],
        "a constant column and a 1e9 offset": np.column_stack([np.full(12, 4.0), 1e9 + rng.standard_normal(12)]),
    }
    cases = []
    for name, X in inputs.items():
        for with_mean in (True, False):
            for with_std in (True, False):
                sc = StandardScaler(with_mean=with_mean, with_std=with_std)
                sizes = [1, 7, X.shape[0] - 8]
                partial, start = [], 0
                for size in sizes:
                    sc.partial_fit(X[start:start + size])
                    start += size
                    partial.append(stats(sc) if (with_mean or with_std) else
                                   {"mean": None, "var": None, "scale": None, "nSamplesSeen": float(sc.n_samples_seen_)})
                cases.append({"name": name, "options": {"withMean": with_mean, "withStd": with_std},
                              "X": X.tolist(), "batches": sizes, "partial": partial,
                              "transformed": sc.transform(X).tolist()})
    return cases


def mixed_cases():
    X = random_csr(11, 24, 6, 0.4)
    Xd = X.toarray()
    sc = StandardScaler(with_mean=False)
    steps = []
    for start, stop, kind in ((0, 8, "csr"), (8, 15, "dense"), (15, 24, "csr")):
        sc.partial_fit(X[start:stop] if kind == "csr" else Xd[start:stop])
        steps.append({"rows": [start, stop], "kind": kind, **stats(sc)})
    return [{"name": "csr, dense, csr batches", "X": csr_json(X), "steps": steps}]


def main():
    os.makedirs(OUT, exist_ok=True)
    doc = {"sklearn": sklearn.__version__, "note": "written by tools/make_sparse_scaler_fixtures.py; do not edit",
           "sparse": sparse_cases(), "dense": dense_cases(), "mixed": mixed_cases()}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(doc, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
