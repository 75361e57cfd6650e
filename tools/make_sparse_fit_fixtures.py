"""Reference fits of scikit-learn's LogisticRegression on sparse (CSR) data, each at the exact optimum.

Writes (paths relative to the repository root):

  test/fixtures/sparse-fit/datasets/<name>.json   {name, description, nSamples, nFeatures,
                                                   classes, X: {rows, cols, indptr, indices,
                                                   values}, y}
  test/fixtures/sparse-fit/fits.json              {generator, objective, skipped, fits: [...]}

    /usr/bin/python3 tools/make_sparse_fit_fixtures.py

The sparse twin of tools/make_parity_fixtures.py, and built from it: the same options
(params: penalty, C, l1Ratio, fitIntercept, classWeight, multiClass), the same record per
fit (scikit-learn's raw answer, the optimum polished to machine precision, probabilities,
predictions, near ties, identifiability), so one reader serves both. X is given to
scikit-learn 1.2.1 as a scipy csr_matrix; the polish runs on X.toarray(), which is the
same objective.

The datasets are random sparse problems with the edge cases a CSR kernel must get right:
empty rows, all-zero columns, explicit stored zeros, column frequencies from dense (60%)
to rare (power law), values float64 or all ones, 20 to 300 columns. Labels are drawn from
a logistic model on a sparse hyperplane, so they are noisy and (where n ≫ d) not separable.

Every optimum is certified, beyond the KKT residual the parity generator records: a Newton
step from it (on the non-zero entries for l1/elasticnet, minimum-norm through the
pseudo-inverse) is the distance to the exact optimum to second order, and the script stops
unless that distance is ≤ 1e-8 of the largest |coef| (recorded as
optimum.newtonStepRelative), so a 1e-6 comparison with it is meaningful.

Deterministic (fixed seeds, saga random_state=0, single-threaded BLAS): running it again
rewrites the same files.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_parity_fixtures as parity  # noqa: E402  (sets the single-thread BLAS variables first)
import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import sklearn  # noqa: E402

ROOT = os.path.dirname(HERE)
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "sparse-fit")
DS_DIR = os.path.join(OUT_DIR, "datasets")

CERTIFY = 1e-8


class DenseProblem(parity.Problem):
    """parity.Problem on X.toarray(): the polish and the checks use dense algebra."""

    def __init__(self, X, *args, **kwargs):
        super().__init__(X.toarray() if sp.issparse(X) else X, *args, **kwargs)


# setup_problems looks Problem up in its module at call time.
parity.Problem = DenseProblem


# ------------------------------------------------------------------ datasets


def sparse_problem(seed, n, d, density, K, ones, empty_rows, zero_cols, explicit_zeros=0):
    """A random CSR X (n x d) and labels 0..K-1 drawn from a logistic model.

    Column j is present in a row with probability proportional to (j + 1)^-0.8 (rescaled to
    the mean `density`, at most 0.6), so frequencies run from common to rare; `empty_rows`
    rows and `zero_cols` columns hold nothing; `explicit_zeros` entries store the value 0.
    """
    rng = np.random.RandomState(seed)
    freq = (np.arange(d) + 1.0) ** -0.8
    freq = np.minimum(freq * density * d / freq.sum(), 0.6)
    rng.shuffle(freq)
    mask = rng.uniform(size=(n, d)) < freq[None, :]
    dead_cols = rng.choice(d, size=zero_cols, replace=False)
    mask[:, dead_cols] = False
    dead_rows = rng.choice(n, size=empty_rows, replace=False)
    mask[dead_rows, :] = False
    if ones:
        vals = np.ones((n, d))
    else:
        vals = np.round(rng.standard_normal((n, d)) * np.exp(rng.normal(0.0, 0.7, size=(1, d))), 6)
        vals[vals == 0] = 0.5
    Xd = np.where(mask, vals, 0.0)
    X = sp.csr_matrix(Xd)
    if explicit_zeros:
        live = np.flatnonzero(X.data)
        X.data[rng.choice(live, size=explicit_zeros, replace=False)] = 0.0  # stored, value 0
    B = rng.standard_normal((max(K, 2) if K > 2 else 1, d)) * (rng.uniform(size=(1, d)) < 0.5) * 1.5
    z = X @ B.T + rng.normal(0.0, 0.3, size=(1, B.shape[0]))
    if K > 2:
        P = np.exp(z - z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        y = np.array([rng.choice(K, p=p) for p in P])
    else:
        y = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-z[:, 0]))).astype(np.int64)
    return X, y.astype(np.int64), dead_rows, dead_cols


def build_datasets():
    spec = {
        "bin_f64": dict(seed=11, n=300, d=60, density=0.08, K=2, ones=False, empty_rows=12, zero_cols=5,
                        explicit_zeros=6),
        "bin_ones_wide": dict(seed=12, n=400, d=300, density=0.02, K=2, ones=True, empty_rows=20, zero_cols=10),
        "bin_dense_f64": dict(seed=13, n=200, d=20, density=0.6, K=2, ones=False, empty_rows=3, zero_cols=1),
        "multi3_f64": dict(seed=14, n=300, d=40, density=0.12, K=3, ones=False, empty_rows=10, zero_cols=3,
                           explicit_zeros=4),
        "multi4_ones": dict(seed=15, n=360, d=24, density=0.2, K=4, ones=True, empty_rows=8, zero_cols=2),
    }
    out = {}
    for name, s in spec.items():
        X, y, dead_rows, dead_cols = sparse_problem(**s)
        kind = "all ones" if s["ones"] else "float64 (6 decimals)"
        out[name] = dict(
            X=X, y=y,
            description=("%d x %d CSR, %d stored entries (%s%s), mean column density %g (power law), "
                         "empty rows %s, all-zero columns %s; %d classes from a logistic model "
                         "(sparse_problem seed %d)") % (
                X.shape[0], X.shape[1], X.nnz, kind,
                ", %d of them explicit zeros" % s["explicit_zeros"] if s.get("explicit_zeros") else "",
                s["density"], sorted(dead_rows.tolist()), sorted(dead_cols.tolist()), s["K"], s["seed"]),
        )
    return out


# ------------------------------------------------------------------- configs


def configs():
    out = []
    lb = dict(solver="lbfgs", tol=1e-10, maxIter=20000)
    saga = dict(solver="saga", tol=1e-8, maxIter=20000)

    def add(dataset, **kw):
        cfg = dict(dataset=dataset, penalty="l2", C=1.0, l1Ratio=None, fitIntercept=True,
                   classWeight=None, multiClass="auto", sampleWeight=False)
        cfg.update(lb if kw.get("penalty", "l2") in ("l2", "none") else saga)
        cfg.update(kw)
        if cfg["penalty"] == "none":
            cfg["C"] = 1.0
        # The sparse ids name no solver: the test fits every solver that takes the penalty.
        cfg["id"] = parity.fit_id(cfg, with_solver=False)
        out.append(cfg)

    # binary
    add("bin_f64")
    add("bin_f64", C=0.05, fitIntercept=False)
    add("bin_f64", sampleWeight=True, classWeight="balanced")
    add("bin_f64", penalty="l1", C=0.5)
    add("bin_f64", penalty="elasticnet", l1Ratio=0.3, sampleWeight=True)
    add("bin_f64", penalty="none")
    add("bin_ones_wide", C=10.0)
    add("bin_ones_wide", penalty="l1", C=2.0, fitIntercept=False)
    add("bin_ones_wide", penalty="elasticnet", l1Ratio=0.7, classWeight="balanced")
    add("bin_dense_f64", penalty="none", sampleWeight=True)
    add("bin_dense_f64", C=0.1, classWeight="balanced")
    # multinomial
    add("multi3_f64", multiClass="multinomial")
    add("multi3_f64", multiClass="multinomial", C=0.1, fitIntercept=False, sampleWeight=True)
    add("multi3_f64", multiClass="multinomial", penalty="l1", C=0.5)
    add("multi3_f64", multiClass="multinomial", penalty="elasticnet", l1Ratio=0.5, classWeight="balanced")
    add("multi3_f64", multiClass="multinomial", penalty="none")
    add("multi4_ones", multiClass="multinomial", C=3.0, classWeight="balanced", sampleWeight=True)
    add("multi4_ones", multiClass="multinomial", penalty="elasticnet", l1Ratio=0.2, fitIntercept=False)
    # one-vs-rest
    add("multi3_f64", multiClass="ovr")
    add("multi3_f64", multiClass="ovr", penalty="l1", C=0.3, sampleWeight=True)
    add("multi4_ones", multiClass="ovr", classWeight="balanced")
    add("multi4_ones", multiClass="ovr", penalty="elasticnet", l1Ratio=0.5, fitIntercept=False)
    add("multi4_ones", multiClass="ovr", penalty="none")
    add("multi3_f64", multiClass="ovr", penalty="none", sampleWeight=True)
    return out


# ------------------------------------------------------------- certificate


def newton_distance(cfg, ds, rec):
    """max |Newton step| over every problem of the fit, from the stored optimum.

    The step solves H d = -g on the free entries (all for smooth penalties; the non-zero
    and unpenalised ones for l1/elasticnet, the l1 term then being linear with fixed signs),
    minimum-norm through the pseudo-inverse, so null directions (a common softmax shift,
    all-zero columns without a penalty) add nothing.
    """
    X, y = ds["X"], ds["y"]
    classes = np.array(rec["classes"])
    sw = np.array(rec["sampleWeight"]) if rec["sampleWeight"] is not None else None
    cfg = dict(cfg, _mode=rec["multiClassResolved"])
    probs, _, _ = parity.setup_problems(cfg, X, y, classes, sw)
    W = np.array(rec["optimum"]["coef"])
    b = np.array(rec["optimum"]["intercept"])
    worst = 0.0
    for k, P in enumerate(probs):
        th = parity.theta_from(W, b, P.fi, True) if P.multi else parity.theta_from(W[k], b[k], P.fi, False)
        free = (th != 0) | ~P.pen
        g = P.grad(th) + P.lam * np.where(P.pen, np.sign(th), 0.0)
        if not free.any():
            continue
        step, _ = parity.pinv_solve(P.hess(th)[np.ix_(free, free)], -g[free])
        worst = max(worst, float(np.max(np.abs(step))))
    return worst


# ------------------------------------------------------------------- main


def csr_json(X):
    return {"rows": int(X.shape[0]), "cols": int(X.shape[1]), "indptr": X.indptr.tolist(),
            "indices": X.indices.tolist(), "values": X.data.tolist()}


def main():
    os.makedirs(DS_DIR, exist_ok=True)
    datasets = build_datasets()
    for name, ds in datasets.items():
        rec = {"name": name, "description": ds["description"],
               "nSamples": int(ds["X"].shape[0]), "nFeatures": int(ds["X"].shape[1]),
               "classes": parity.to_list(np.unique(ds["y"])), "X": csr_json(ds["X"]),
               "y": parity.to_list(ds["y"])}
        with open(os.path.join(DS_DIR, name + ".json"), "w") as fh:
            json.dump(rec, fh, allow_nan=False, separators=(",", ":"))
            fh.write("\n")

    only = set(sys.argv[1:])
    fits, skipped = [], []
    for cfg in configs():
        if only and cfg["id"] not in only:
            continue
        ds = datasets[cfg["dataset"]]
        if cfg["penalty"] == "none":
            sep, det = parity.check_separability(cfg, {"X": ds["X"].toarray(), "y": ds["y"]})
            if sep:
                skipped.append({"id": cfg["id"], "reason": "training set is (quasi-)separable "
                                "for this problem: penalty none has no finite optimum", **det})
                print("skip", cfg["id"], det, flush=True)
                continue
            cfg["note"] = "separability checked: not separable (LP); huge-C train accuracy %r" \
                % det["hugeCTrainAccuracy"]
        rec = parity.run_fit(cfg, ds)
        step = newton_distance(cfg, ds, rec)
        scale = max(float(np.max(np.abs(rec["optimum"]["coef"]))), 1e-300)
        rec["optimum"]["newtonStep"] = step
        rec["optimum"]["newtonStepRelative"] = step / scale
        rec["dtype"] = "float64"
        print("%-66s kkt %.1e (rel %.1e)  newton %.1e  sk-gap %.1e  null %d%s" % (
            rec["id"], rec["optimum"]["gradMaxAbs"],
            rec["optimum"]["gradMaxAbs"] / max(1.0, rec["optimum"]["gradScale"]),
            step / scale, rec["rawVsOptimum"]["coefMaxAbs"] / scale, rec["optimum"]["nullDims"],
            "" if rec["identifiable"] else "  (not identifiable)"), flush=True)
        if not step <= CERTIFY * scale:
            raise RuntimeError("%s: Newton step %.3g is above %g of max|coef| %.3g" % (rec["id"], step, CERTIFY, scale))
        fits.append(rec)

    out = {
        "generator": {"script": "tools/make_sparse_fit_fixtures.py", "sklearn": sklearn.__version__,
                      "numpy": np.__version__, "scipy": scipy.__version__,
                      "polish": "tools/make_parity_fixtures.py (polish, run_fit)"},
        "objective": "as in test/fixtures/parity/fits.json; optimum.newtonStepRelative = max|Newton step "
                     "from the optimum| / max|coef|, the distance to the exact optimum (certified <= %g)" % CERTIFY,
        "nearTieThreshold": parity.NEAR_TIE,
        "skipped": skipped,
        "fits": fits,
    }
    if only:
        print("%d fits (subset, fits.json not written)" % len(fits))
        return
    with open(os.path.join(OUT_DIR, "fits.json"), "w") as fh:
        json.dump(out, fh, allow_nan=False, separators=(",", ":"))
        fh.write("\n")
    print("%d fits, %d skipped" % (len(fits), len(skipped)))


if __name__ == "__main__":
    main()
