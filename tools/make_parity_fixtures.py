"""Reference fits from scikit-learn's LogisticRegression, each with the exact optimum.

Writes (paths relative to the repository root):

  test/fixtures/parity/datasets/<name>.json   {name, description, X, y, featureNames, classes}
  test/fixtures/parity/fits.json              {generator, objective, skipped, fits: [...]}

Run from anywhere (output paths are resolved from this file's location):

    /usr/bin/python3 tools/make_parity_fixtures.py

It needs Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1);
nothing is downloaded (every dataset ships with scikit-learn or is generated). The
script is deterministic (fixed seeds, saga random_state=0, single-threaded BLAS);
running it again rewrites the same files. Floats are written with Python's json
module (shortest round-tripping repr), so every value is lossless.

The objective (the one our README states). Binary, labels mapped to {0, 1} with the
positive class classes[1]:

    F(w, b) = C * sum_i s_i * logloss(y_i, x_i.w + b) + r(w),
    s_i = sampleWeight_i * classWeight[y_i],
    r(w) = 1/2 |w|^2 (l2), |w|_1 (l1), l1Ratio |w|_1 + 1/2 (1 - l1Ratio) |w|^2
           (elasticnet), 0 (none; C is then irrelevant and taken as 1).

The intercept is never penalised. Multinomial: softmax cross-entropy over K classes,
K coefficient rows, r applied to every row. OvR: the sum of K independent binary
problems (class k against the rest). Every fit stores, besides scikit-learn's raw
answer, the optimum of F polished here to machine precision (see `polish`).

Class weights. 'balanced' means n / (n_classes * count(class)) computed from label
counts only (sample weights ignored), as compute_class_weight does. scikit-learn
resolves it per *problem*: for binary and multinomial fits over the K original
classes, but for multiclass OvR with lbfgs/newton-*/sag/saga each binary problem
k-vs-rest gets its own balanced weights n/(2 n_k) (positives) and n/(2 (n - n_k))
(negatives). Each fit records the resolved weights in `resolvedClassWeight`.

How scikit-learn 1.2.1 scales the objective (read from linear_model/_logistic.py,
_linear_loss.py, _sag.py, _glm/_newton_solver.py, utils/optimize.py):

  * lbfgs and newton-cg minimise  L(w) = sum_i s_i * logloss_i + 1/(2C) |w|^2,
    i.e. F / C, with the (class-weighted) sample weights NOT normalised (an
    unweighted fit sums over the n samples; there is no 1/n). penalty=None passes
    C = inf, so L = sum_i s_i logloss_i. For multinomial the loss is the full
    cross-entropy logsumexp(z_i) - z_{i,y_i} (HalfMultinomialLoss is not halved).
    lbfgs calls scipy L-BFGS-B with gtol = tol: it stops once
    max_j |projected dL/dtheta_j| <= tol (theta includes the intercepts), or on
    scipy's default relative decrease ftol = 2.22e-9, or at maxiter. So `tol` is
    an absolute bound on the infinity norm of grad(F)/C, which grows with n and
    with the sample weights. newton-cg: the same L and the same max|grad L| <= tol.
  * newton-cholesky divides the sample weights by their sum first and uses
    l2 strength 1/(C * sum(s)): it minimises F / (C * sum_i sampleWeight_i) and
    stops when max|grad| <= tol of THAT normalised objective (and 1/2 * Newton
    decrement^2 <= tol).
  * sag/saga minimise (1/n) sum_i s_i logloss_i + alpha/(2n) |w|^2 + beta/n |w|_1
    with alpha = (1 - l1Ratio)/C, beta = l1Ratio/C, i.e. F / (n C); they stop when
    max|change in weights| / max|weights| < tol over an epoch (not a gradient test).
  * liblinear has its own tolerance, and with fitIntercept=True it penalises the
    intercept (it is a synthetic feature of value intercept_scaling = 1), so its
    answer is not a minimiser of F; those fits carry a note.

Separability. For penalty 'none' the optimum is finite only if the training set is
not (quasi-)separable. Every unpenalised candidate is checked with a linear program
(is there a direction v != 0 along which no training margin decreases and some
increase?), cross-checked with a C = 1e8 lbfgs fit's training accuracy; separable
candidates are listed under `skipped` instead of being fitted.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import json  # noqa: E402
import math  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from scipy.optimize import linprog  # noqa: E402
from scipy.special import expit  # noqa: E402
from sklearn.datasets import (  # noqa: E402
    load_breast_cancer,
    load_digits,
    load_iris,
    load_wine,
    make_classification,
)
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "parity")
DS_DIR = os.path.join(OUT_DIR, "datasets")

NEAR_TIE = 1e-8


# ------------------------------------------------------------------ datasets


def build_datasets():
    """name -> dict(X, y (numpy), featureNames, description)."""
    out = {}

    bc = load_breast_cancer()
    Xbc = StandardScaler().fit_transform(bc.data)
    out["breast_cancer"] = dict(
        X=Xbc, y=bc.target.astype(np.int64), featureNames=list(bc.feature_names),
        description="load_breast_cancer, StandardScaler fitted on all 569 rows; "
        "y: 0 = malignant, 1 = benign",
    )
    out["breast_cancer_str"] = dict(
        X=Xbc, y=np.array([str(bc.target_names[t]) for t in bc.target]),
        featureNames=list(bc.feature_names),
        description="breast_cancer with string labels 'malignant'/'benign'; sorted "
        "classes are ['benign', 'malignant'], so the positive class is 'malignant' "
        "(the opposite of the integer-labelled file)",
    )

    ir = load_iris()
    out["iris"] = dict(X=ir.data.astype(np.float64), y=ir.target.astype(np.int64),
                       featureNames=list(ir.feature_names),
                       description="load_iris, raw features; y in {0, 1, 2}")
    out["iris_str"] = dict(
        X=ir.data.astype(np.float64),
        y=np.array([str(ir.target_names[t]) for t in ir.target]),
        featureNames=list(ir.feature_names),
        description="iris with string labels 'setosa'/'versicolor'/'virginica'",
    )

    wi = load_wine()
    out["wine"] = dict(X=StandardScaler().fit_transform(wi.data), y=wi.target.astype(np.int64),
                       featureNames=list(wi.feature_names),
                       description="load_wine, StandardScaler fitted on all 178 rows; y in {0, 1, 2}")

    dg = load_digits()
    out["digits500"] = dict(
        X=dg.data[:500] / 16.0, y=dg.target[:500].astype(np.int64),
        featureNames=list(dg.feature_names),
        description="load_digits, first 500 rows, X / 16 (pixel values in [0, 1]; "
        "some columns are all zero); y in 0..9",
    )

    X2, y2 = make_classification(n_samples=300, n_features=6, n_informative=4,
                                 n_redundant=0, random_state=0)
    out["mc2"] = dict(X=X2, y=y2.astype(np.int64), featureNames=None,
                      description="make_classification(n_samples=300, n_features=6, "
                      "n_informative=4, n_redundant=0, random_state=0)")
    X3, y3 = make_classification(n_samples=300, n_features=6, n_informative=4,
                                 n_redundant=0, n_classes=3, random_state=1)
    out["mc3"] = dict(X=X3, y=y3.astype(np.int64), featureNames=None,
                      description="make_classification(n_samples=300, n_features=6, "
                      "n_informative=4, n_redundant=0, n_classes=3, random_state=1)")
    return out


def sample_weights(n, seed=0):
    """Integer sample weights 1..3 from a seeded legacy RandomState."""
    return np.random.RandomState(seed).randint(1, 4, size=n).astype(np.float64)


# ------------------------------------------------------------ the objective


class Problem:
    """Smooth part f(theta) = C sum_i s_i loss_i + alpha/2 |w|^2 plus lam |w|_1.

    Binary: theta = [w (d), b?]. Multinomial: theta = K rows of [w_k (d), b_k?],
    flattened row-major. `pen` marks the penalised entries (not intercepts).
    """

    def __init__(self, X, y, s, C, alpha, lam, fit_intercept, K=None):
        self.n, self.d = X.shape
        self.fi = bool(fit_intercept)
        self.Xa = np.hstack([X, np.ones((self.n, 1))]) if self.fi else X.copy()
        self.p = self.Xa.shape[1]
        self.y = y
        self.s = s.astype(np.float64)
        self.C, self.alpha, self.lam = float(C), float(alpha), float(lam)
        self.multi = K is not None
        self.K = K if self.multi else 1
        pen_row = np.ones(self.p, dtype=bool)
        if self.fi:
            pen_row[-1] = False
        self.pen = np.tile(pen_row, self.K)
        self.m = self.K * self.p
        if self.multi:
            self.Y = np.zeros((self.n, K))
            self.Y[np.arange(self.n), y] = 1.0
        # scale of the gradient's sums, for relative statements
        self.grad_scale = self.C * float(np.sum(self.s * np.max(np.abs(self.Xa), axis=1)))

    # scores
    def Z(self, th):
        if self.multi:
            return self.Xa @ th.reshape(self.K, self.p).T
        return self.Xa @ th

    def losses(self, th):
        z = self.Z(th)
        if self.multi:
            mx = z.max(axis=1, keepdims=True)
            lse = np.log(np.exp(z - mx).sum(axis=1))
            return lse - (z[np.arange(self.n), self.y] - mx[:, 0])
        return np.logaddexp(0.0, np.where(self.y == 1, -z, z))

    def f(self, th):
        w = th[self.pen]
        data = math.fsum((self.C * self.s * self.losses(th)).tolist())
        return data + 0.5 * self.alpha * math.fsum((w * w).tolist())

    def F(self, th):
        return self.f(th) + self.lam * math.fsum(np.abs(th[self.pen]).tolist())

    def residuals(self, th):
        """dloss/dz per sample, computed without cancellation."""
        z = self.Z(th)
        if self.multi:
            mx = z.max(axis=1, keepdims=True)
            e = np.exp(z - mx)
            P = e / e.sum(axis=1, keepdims=True)
            R = P.copy()
            idx = np.arange(self.n)
            # p_y - 1 = -(sum of the other probabilities)
            others = P.sum(axis=1) - P[idx, self.y]
            R[idx, self.y] = -others
            return R, P
        r = np.where(self.y == 1, -expit(-z), expit(z))
        return r, expit(z)

    def grad(self, th):
        R, _ = self.residuals(th)
        if self.multi:
            g = (self.C * (R * self.s[:, None])).T @ self.Xa  # K x p
            g = g.ravel()
        else:
            g = self.Xa.T @ (self.C * self.s * R)
        g = g + self.alpha * np.where(self.pen, th, 0.0)
        return g

    def hess(self, th):
        _, P = self.residuals(th)
        Xa, cs = self.Xa, self.C * self.s
        if self.multi:
            K, p = self.K, self.p
            H = np.zeros((self.m, self.m))
            for k in range(K):
                for l in range(k, K):
                    a = cs * (P[:, k] * ((1.0 if k == l else 0.0) - P[:, l]))
                    B = (Xa * a[:, None]).T @ Xa
                    H[k * p:(k + 1) * p, l * p:(l + 1) * p] = B
                    H[l * p:(l + 1) * p, k * p:(k + 1) * p] = B.T
        else:
            a = cs * P * (1.0 - P)
            H = (Xa * a[:, None]).T @ Xa
        H[np.diag_indices(self.m)] += self.alpha * self.pen
        return H

    def kkt(self, th, g=None):
        """Minimal-norm element of the subdifferential, per entry."""
        if g is None:
            g = self.grad(th)
        r = g.copy()
        if self.lam > 0:
            pen = self.pen
            nz = pen & (th != 0)
            z = pen & (th == 0)
            r[nz] = g[nz] + self.lam * np.sign(th[nz])
            r[z] = np.maximum(0.0, np.abs(g[z]) - self.lam)
        return r


def pinv_solve(H, g, rel_cut=1e-11):
    """Minimum-norm solution of H d = g for symmetric PSD H; returns (d, n_null)."""
    H = 0.5 * (H + H.T)
    ev, V = np.linalg.eigh(H)
    top = max(ev.max(), 0.0)
    keep = ev > rel_cut * top
    c = V[:, keep].T @ g
    return V[:, keep] @ (c / ev[keep]), int((~keep).sum())


def newton_free(P, th, free, sgn, iters=60):
    """Newton on the entries `free` (others fixed) of f + lam * sum(sgn * theta)."""
    th = th.copy()

    def Fred(t):
        return P.f(t) + P.lam * math.fsum((sgn * t).tolist())

    def gred(t):
        return (P.grad(t) + P.lam * sgn)[free]

    best = (np.max(np.abs(gred(th))) if free.any() else 0.0, th.copy())
    stall = 0
    n_null = 0
    for _ in range(iters):
        g = gred(th)
        gm = np.max(np.abs(g)) if g.size else 0.0
        if gm == 0.0:
            break
        H = P.hess(th)[np.ix_(free, free)]
        step, n_null = pinv_solve(H, -g)
        f0 = Fred(th)
        slope = float(g @ step)
        t = 1.0
        accepted = False
        for _ls in range(60):
            cand = th.copy()
            cand[free] += t * step
            f1 = Fred(cand)
            if f1 <= f0 + 1e-4 * t * slope:
                accepted = True
                break
            # at the floating-point floor F cannot decrease: accept if the gradient does
            if abs(f1 - f0) <= 1e-13 * max(1.0, abs(f0)) and \
                    np.max(np.abs(gred(cand))) < gm:
                accepted = True
                break
            t *= 0.5
        if not accepted:
            break
        th = cand
        gm_new = np.max(np.abs(gred(th)))
        if gm_new < best[0]:
            best = (gm_new, th.copy())
            stall = 0
        else:
            stall += 1
            if stall >= 3:
                break
    return best[1], n_null


def prox_newton(P, th, iters=50, tol=1e-12):
    """Proximal Newton for f + lam |w|_1; coordinate descent on the model."""
    th = th.copy()
    pen, lam = P.pen, P.lam
    for _ in range(iters):
        g = P.grad(th)
        if np.max(np.abs(P.kkt(th, g))) <= tol * max(1.0, P.grad_scale):
            break
        H = P.hess(th)
        diag = np.diag(H).copy()
        D = np.zeros(P.m)
        HD = np.zeros(P.m)
        for _sweep in range(400):
            maxch = 0.0
            for j in range(P.m):
                hjj = diag[j]
                gj = g[j] + HD[j]
                u0 = th[j] + D[j]
                if hjj <= 1e-300:
                    if pen[j] and abs(gj) <= lam:
                        u = 0.0
                    else:
                        continue
                elif pen[j]:
                    v = u0 - gj / hjj
                    thr = lam / hjj
                    u = math.copysign(max(abs(v) - thr, 0.0), v) if abs(v) > thr else 0.0
                else:
                    u = u0 - gj / hjj
                dj = u - u0
                if dj != 0.0:
                    D[j] += dj
                    HD += dj * H[:, j]
                    maxch = max(maxch, abs(dj))
            if maxch <= 1e-14 * (1.0 + np.max(np.abs(th + D))):
                break
        # line search on F with the proximal-Newton decrease
        F0 = P.F(th)
        dec = float(g @ D) + lam * (np.sum(np.abs((th + D)[pen])) - np.sum(np.abs(th[pen])))
        t = 1.0
        ok = False
        for _ls in range(60):
            cand = th + t * D
            cand[pen & (np.abs(cand) < 1e-300)] = 0.0
            F1 = P.F(cand)
            if F1 <= F0 + 1e-4 * t * dec or \
                    (abs(F1 - F0) <= 1e-13 * max(1.0, abs(F0))
                     and np.max(np.abs(P.kkt(cand))) < np.max(np.abs(P.kkt(th, g)))):
                ok = True
                break
            t *= 0.5
        if not ok:
            break
        th = cand
    return th


def polish(P, th0):
    """Minimise F from sklearn's answer th0 to machine precision.

    Smooth penalties: damped full Newton (exact Hessian, minimum-norm steps through
    pinv so the null directions of multinomial fits are harmless). l1/elasticnet:
    proximal Newton to fix the zero pattern, then Newton on the non-zero entries
    with their signs fixed, repeated until the KKT conditions hold.
    Returns (theta, info).
    """
    th = th0.astype(np.float64).copy()
    if P.lam == 0.0:
        free = np.ones(P.m, dtype=bool)
        th, n_null = newton_free(P, th, free, np.zeros(P.m))
        return th, dict(nullDims=n_null)
    n_null = 0
    for _round in range(6):
        th = prox_newton(P, th)
        nz = (th != 0) | ~P.pen
        sgn = np.where(P.pen, np.sign(th), 0.0)
        cand, n_null = newton_free(P, th, nz, sgn)
        cand[~nz] = 0.0
        signs_ok = np.all(np.sign(cand[P.pen & nz]) == sgn[P.pen & nz])
        if signs_ok:
            th_new = cand
        else:
            th_new = th
        r = np.max(np.abs(P.kkt(th_new)))
        th = th_new
        if signs_ok and r <= 1e-13 * max(1.0, P.grad_scale):
            break
    return th, dict(nullDims=n_null)


# ------------------------------------------------------------- separability


def separable(X, y_codes, K, multinomial, fit_intercept):
    """True if some direction v != 0 raises no training loss and lowers some.

    Binary/OvR problem (K=None): labels 0/1. Multinomial: integer codes 0..K-1.
    LP feasibility: all margins(v) >= 0 and their sum == 1.
    """
    n = X.shape[0]
    Xa = np.hstack([X, np.ones((n, 1))]) if fit_intercept else X
    p = Xa.shape[1]
    if not multinomial:
        sgn = np.where(y_codes == 1, 1.0, -1.0)
        A = sgn[:, None] * Xa  # margins = A v
    else:
        rows = []
        for i in range(n):
            for k in range(K):
                if k == y_codes[i]:
                    continue
                r = np.zeros(K * p)
                r[y_codes[i] * p:(y_codes[i] + 1) * p] = Xa[i]
                r[k * p:(k + 1) * p] -= Xa[i]
                rows.append(r)
        A = np.array(rows)
    m = A.shape[1]
    res = linprog(np.zeros(m), A_ub=-A, b_ub=np.zeros(A.shape[0]),
                  A_eq=A.sum(axis=0)[None, :], b_eq=[1.0],
                  bounds=[(None, None)] * m, method="highs")
    return res.status == 0


# ------------------------------------------------------------------- fitting


def class_weight_values(y_codes, n_cls):
    counts = np.bincount(y_codes, minlength=n_cls).astype(np.float64)
    return len(y_codes) / (n_cls * counts)


def setup_problems(cfg, X, y, classes, sw):
    """The binary/multinomial problems sklearn solves, with resolved weights."""
    K = len(classes)
    codes = np.searchsorted(classes, y)
    base = sw if sw is not None else np.ones(len(y))
    pen = cfg["penalty"]
    C = cfg["C"] if pen != "none" else 1.0
    rho = cfg.get("l1Ratio")
    alpha, lam = {"l2": (1.0, 0.0), "l1": (0.0, 1.0), "none": (0.0, 0.0),
                  "elasticnet": (None, None)}[pen]
    if pen == "elasticnet":
        alpha, lam = 1.0 - rho, rho
    balanced = cfg["classWeight"] == "balanced"
    mode = cfg["_mode"]
    probs, resolved = [], None
    if mode == "multinomial":
        cw = class_weight_values(codes, K) if balanced else np.ones(K)
        if balanced:
            resolved = {"kind": "perClass", "weights": cw.tolist()}
        probs.append(Problem(X, codes, base * cw[codes], C, alpha, lam,
                             cfg["fitIntercept"], K=K))
    else:
        pos_list = [1] if K == 2 else list(range(K))
        per = []
        for k in pos_list:
            yb = (codes == k).astype(np.int64)
            cw = class_weight_values(yb, 2) if balanced else np.ones(2)
            per.append(cw.tolist())
            probs.append(Problem(X, yb, base * cw[yb], C, alpha, lam, cfg["fitIntercept"]))
        if balanced:
            if K == 2:
                resolved = {"kind": "perClass", "weights": per[0]}
            else:
                resolved = {"kind": "perOvrProblem",
                            "note": "row k: [weight of rest, weight of class k] for the "
                                    "k-vs-rest problem",
                            "weights": per}
    return probs, resolved, codes


def theta_from(coef, intercept, fit_intercept, multi):
    if multi:
        rows = [np.append(coef[k], intercept[k]) if fit_intercept else coef[k].copy()
                for k in range(coef.shape[0])]
        return np.concatenate(rows)
    return np.append(coef, intercept) if fit_intercept else coef.copy()


def split_theta(th, P):
    if P.multi:
        T = th.reshape(P.K, P.p)
        return (T[:, :P.d].copy(), T[:, P.d].copy() if P.fi else np.zeros(P.K))
    return th[:P.d].copy(), (th[P.d] if P.fi else 0.0)


def canonical_multi(W, b, penalty, fit_intercept):
    """Mean-zero intercepts; for penalty none also mean-zero coefficient columns."""
    W, b = W.copy(), b.copy()
    if fit_intercept:
        b -= b.mean()
    if penalty == "none":
        W -= W.mean(axis=0, keepdims=True)
    return W, b


def proba_and_decision(mode, K, X, W, b):
    Z = X @ W.T + b
    if mode == "multinomial":
        mx = Z.max(axis=1, keepdims=True)
        e = np.exp(Z - mx)
        return e / e.sum(axis=1, keepdims=True), Z
    if K == 2:
        z = Z[:, 0]
        return np.column_stack([expit(-z), expit(z)]), Z
    Pr = expit(Z)
    return Pr / Pr.sum(axis=1, keepdims=True), Z


def margins(mode, K, Z):
    if K == 2 and mode != "multinomial":
        return np.abs(Z[:, 0])
    s = np.sort(Z, axis=1)
    return s[:, -1] - s[:, -2]


def to_list(a):
    return np.asarray(a).tolist()


def run_fit(cfg, ds):
    X, y = ds["X"], ds["y"]
    n = X.shape[0]
    sw = sample_weights(n) if cfg.get("sampleWeight") else None
    kw = dict(
        penalty=None if cfg["penalty"] == "none" else cfg["penalty"],
        C=cfg["C"], fit_intercept=cfg["fitIntercept"], class_weight=cfg["classWeight"],
        multi_class=cfg["multiClass"], solver=cfg["solver"], tol=cfg["tol"],
        max_iter=cfg["maxIter"], random_state=0,
    )
    if cfg["penalty"] == "elasticnet":
        kw["l1_ratio"] = cfg["l1Ratio"]
    model = LogisticRegression(**kw)
    with warnings.catch_warnings(record=True) as wlist:
        warnings.simplefilter("always")
        model.fit(X, y, sample_weight=sw)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in wlist)
    classes = model.classes_
    K = len(classes)
    mode = "multinomial" if (cfg["multiClass"] == "multinomial" or
                             (cfg["multiClass"] == "auto" and K > 2 and
                              cfg["solver"] != "liblinear")) else "ovr"
    cfg["_mode"] = mode

    probs, resolved, codes = setup_problems(cfg, X, y, classes, sw)
    coef_raw = model.coef_.astype(np.float64)
    icpt_raw = (model.intercept_.astype(np.float64) if cfg["fitIntercept"]
                else np.zeros(coef_raw.shape[0]))

    # polish every problem
    opt_W, opt_b, obj_raw, obj_opt, gmax, graw, gscale, nulls = [], [], 0.0, 0.0, 0.0, 0.0, 0.0, 0
    zero_rows, slack = [], math.inf
    for k, P in enumerate(probs):
        if P.multi:
            th0 = theta_from(coef_raw, icpt_raw, P.fi, True)
        else:
            th0 = theta_from(coef_raw[k], icpt_raw[k], P.fi, False)
        obj_raw += P.F(th0)
        graw = max(graw, float(np.max(np.abs(P.kkt(th0)))))
        th, info = polish(P, th0)
        W, b = split_theta(th, P)
        if P.multi:
            W, b = canonical_multi(W, b, cfg["penalty"], P.fi)
            th = theta_from(W, b, P.fi, True)
        else:
            W, b = W[None, :], np.array([b])
        if P.lam > 0:
            # exact zeros stay exact after canonicalisation (only intercepts moved)
            g = P.grad(th)
            zmask = P.pen & (th == 0)
            if zmask.any():
                slack = min(slack, float(np.min(P.lam - np.abs(g[zmask]))))
            zero_rows.extend((W == 0).astype(int).tolist())
        r = P.kkt(th)
        gmax = max(gmax, float(np.max(np.abs(r))))
        gscale = max(gscale, P.grad_scale)
        obj_opt += P.F(th)
        nulls += info["nullDims"]
        opt_W.append(W)
        opt_b.append(b)
    W_opt = np.vstack(opt_W)
    b_opt = np.concatenate(opt_b)

    proba_opt, Z_opt = proba_and_decision(mode, K, X, W_opt, b_opt)
    marg = margins(mode, K, Z_opt)
    if K == 2 and mode != "multinomial":
        pred_opt_codes = (Z_opt[:, 0] > 0).astype(int)
    else:
        pred_opt_codes = np.argmax(Z_opt, axis=1)
    pred_sk = model.predict(X)
    pred_opt = classes[pred_opt_codes]

    # gap between sklearn's raw coefficients and the optimum (canonicalised alike)
    if mode == "multinomial":
        Wr, br = canonical_multi(coef_raw, icpt_raw, cfg["penalty"], cfg["fitIntercept"])
    else:
        Wr, br = coef_raw, icpt_raw
    gap_coef = float(np.max(np.abs(Wr - W_opt)))
    gap_icpt = float(np.max(np.abs(br - b_opt)))

    params = {k: cfg[k] for k in ("penalty", "C", "l1Ratio", "fitIntercept", "classWeight",
                                  "multiClass", "solver", "tol", "maxIter")}
    params["randomState"] = 0
    rec = {
        "id": cfg["id"],
        "dataset": cfg["dataset"],
        "isDefault": bool(cfg.get("isDefault", False)),
        "params": params,
        "multiClassResolved": mode,
        "sampleWeight": to_list(sw) if sw is not None else None,
        "resolvedClassWeight": resolved,
        "classes": to_list(classes),
        "sklearn": {
            "coef": to_list(coef_raw),
            "intercept": to_list(icpt_raw),
            "nIter": to_list(model.n_iter_),
            "converged": converged,
            "predict": to_list(pred_sk),
            "predictProba": to_list(model.predict_proba(X)),
            "objective": obj_raw,
            "gradMaxAbs": graw,
        },
        "optimum": {
            "coef": to_list(W_opt),
            "intercept": to_list(b_opt),
            "objective": obj_opt,
            "gradMaxAbs": gmax,
            "gradScale": gscale,
            "nullDims": nulls,
        },
        "probaOptimum": to_list(proba_opt),
        "predictOptimum": to_list(pred_opt),
        "nearTies": [int(i) for i in np.nonzero(marg < NEAR_TIE)[0]],
        "minMargin": float(np.min(marg)),
        "predictMismatches": [int(i) for i in np.nonzero(pred_sk != pred_opt)[0]],
        "rawVsOptimum": {"coefMaxAbs": gap_coef, "interceptMaxAbs": gap_icpt},
        "identifiable": True,
        "notes": [],
    }
    if cfg["penalty"] in ("l1", "elasticnet"):
        rec["optimum"]["zeroPattern"] = zero_rows
        rec["optimum"]["kktSlackMin"] = None if slack == math.inf else slack
    if mode == "multinomial":
        rec["notes"].append("optimum intercepts shifted to mean zero (softmax is invariant "
                            "to a common shift)")
        if cfg["penalty"] in ("none", "l1"):
            rec["identifiable"] = cfg["penalty"] != "none" and nulls == (1 if cfg["fitIntercept"] else 0)
            if cfg["penalty"] == "none":
                rec["notes"].append("penalty none: coefficient rows are determined only up to a "
                                    "common shift; stored with mean-zero columns; compare "
                                    "probaOptimum")
            else:
                rec["notes"].append("penalty l1: the multinomial parametrisation need not be "
                                    "unique; compare probaOptimum")
    if cfg["penalty"] == "none":
        rec["notes"].append("penalty none: C is ignored by sklearn; objective uses C = 1")
    if cfg["solver"] == "liblinear" and cfg["fitIntercept"]:
        rec["notes"].append("liblinear penalises the intercept (intercept_scaling = 1), so its "
                            "raw answer minimises a different objective")
    if mode == "ovr" and K > 2:
        rec["notes"].append("ovr: objective is the sum of the K k-vs-rest binary objectives; "
                            "probabilities are sigmoid(decision) normalised per row")
    if cfg.get("note"):
        rec["notes"].append(cfg["note"])
    if not (obj_opt <= obj_raw + 1e-12 * abs(obj_raw)):
        raise RuntimeError("%s: optimum %r above sklearn %r" % (cfg["id"], obj_opt, obj_raw))
    return rec


# ------------------------------------------------------------------- configs


def fit_id(cfg, with_solver=True):
    """A fit's id: its dataset, penalty, C (and solver), then each option off its default."""
    bits = [cfg["dataset"], cfg["penalty"], "C=%g" % cfg["C"]] + ([cfg["solver"]] if with_solver else [])
    if cfg["multiClass"] != "auto":
        bits.append(cfg["multiClass"])
    if cfg["l1Ratio"] is not None:
        bits.append("l1Ratio=%g" % cfg["l1Ratio"])
    if not cfg["fitIntercept"]:
        bits.append("noIntercept")
    if cfg["classWeight"]:
        bits.append(cfg["classWeight"])
    if cfg["sampleWeight"]:
        bits.append("sampleWeight")
    return "/".join(bits)


def configs():
    out = []

    def add(dataset, **kw):
        cfg = dict(dataset=dataset, penalty="l2", C=1.0, l1Ratio=None, fitIntercept=True,
                   classWeight=None, multiClass="auto", solver="lbfgs", tol=1e-4,
                   maxIter=100, sampleWeight=False)
        cfg.update(kw)
        if cfg["penalty"] == "none":
            cfg["C"] = 1.0
        cfg["id"] = "/".join([dataset, "default"]) if cfg.get("isDefault") else fit_id(cfg)
        out.append(cfg)

    for name in ("breast_cancer", "breast_cancer_str", "iris", "iris_str", "wine",
                 "digits500", "mc2", "mc3"):
        add(name, isDefault=True)

    saga = dict(solver="saga", maxIter=10000)
    # binary: breast cancer
    add("breast_cancer", C=0.01)
    add("breast_cancer", C=100.0, maxIter=1000)
    add("breast_cancer", fitIntercept=False)
    add("breast_cancer", classWeight="balanced")
    add("breast_cancer", sampleWeight=True)
    add("breast_cancer", classWeight="balanced", sampleWeight=True)
    add("breast_cancer", C=100.0, solver="newton-cholesky", sampleWeight=True)
    add("breast_cancer", solver="newton-cg")
    add("breast_cancer", penalty="l1", **saga)
    add("breast_cancer", penalty="l1", C=0.1, **saga)
    add("breast_cancer", penalty="l1", solver="liblinear", fitIntercept=False)
    add("breast_cancer", penalty="l1", solver="liblinear")
    add("breast_cancer", penalty="elasticnet", l1Ratio=0.5, **saga)
    add("breast_cancer", penalty="elasticnet", l1Ratio=0.5, C=0.1, sampleWeight=True, **saga)
    add("breast_cancer", penalty="none", maxIter=1000)
    add("breast_cancer_str", penalty="l1", **saga)
    add("breast_cancer_str", classWeight="balanced")
    # binary: make_classification
    add("mc2", penalty="none")
    add("mc2", penalty="none", sampleWeight=True)
    add("mc2", penalty="none", fitIntercept=False)
    add("mc2", penalty="none", classWeight="balanced")
    add("mc2", C=0.01)
    add("mc2", C=100.0)
    add("mc2", penalty="l1", C=0.1, **saga)
    add("mc2", penalty="elasticnet", l1Ratio=0.5, C=0.1, **saga)
    add("mc2", penalty="l1", C=0.1, solver="liblinear", fitIntercept=False, sampleWeight=True)
    # multiclass: iris
    add("iris", multiClass="multinomial", C=0.01)
    add("iris", multiClass="multinomial", C=100.0, maxIter=1000)
    add("iris", multiClass="ovr")
    add("iris", multiClass="ovr", C=100.0, maxIter=1000)
    add("iris", multiClass="multinomial", fitIntercept=False)
    add("iris", multiClass="multinomial", sampleWeight=True)
    add("iris", multiClass="multinomial", penalty="l1", **saga)
    add("iris", multiClass="ovr", penalty="l1", solver="liblinear", fitIntercept=False)
    add("iris", multiClass="multinomial", penalty="elasticnet", l1Ratio=0.5, **saga)
    add("iris", multiClass="multinomial", penalty="none", maxIter=1000)
    add("iris", multiClass="ovr", penalty="none", maxIter=1000)
    add("iris_str", multiClass="ovr", sampleWeight=True)
    # multiclass: wine
    add("wine", multiClass="multinomial", C=0.01)
    add("wine", multiClass="multinomial", C=100.0, maxIter=1000)
    add("wine", multiClass="ovr", classWeight="balanced")
    add("wine", multiClass="multinomial", classWeight="balanced")
    add("wine", multiClass="multinomial", classWeight="balanced", sampleWeight=True)
    add("wine", multiClass="multinomial", solver="newton-cg")
    add("wine", multiClass="multinomial", penalty="l1", C=0.1, **saga)
    add("wine", multiClass="ovr", penalty="elasticnet", l1Ratio=0.5, C=0.1, **saga)
    add("wine", multiClass="multinomial", penalty="none", maxIter=1000)
    # multiclass: digits
    add("digits500", multiClass="multinomial", C=0.01)
    add("digits500", multiClass="ovr", maxIter=1000)
    add("digits500", multiClass="multinomial", penalty="l1", C=0.1, **saga)
    add("digits500", multiClass="multinomial", penalty="none", maxIter=1000)
    # multiclass: make_classification, 3 classes
    add("mc3", multiClass="multinomial", penalty="none")
    add("mc3", multiClass="ovr", penalty="none")
    add("mc3", multiClass="multinomial", penalty="none", sampleWeight=True)
    add("mc3", multiClass="multinomial", penalty="none", fitIntercept=False)
    add("mc3", multiClass="ovr", penalty="l1", C=0.1, **saga)
    add("mc3", multiClass="multinomial", penalty="elasticnet", l1Ratio=0.5, **saga)
    add("mc3", multiClass="multinomial", C=100.0, classWeight="balanced", maxIter=1000)
    return out


def check_separability(cfg, ds):
    """For penalty none: (separable?, details)."""
    X, y = ds["X"], ds["y"]
    classes = np.unique(y)
    K = len(classes)
    codes = np.searchsorted(classes, y)
    multi = cfg["multiClass"] == "multinomial" or (cfg["multiClass"] == "auto" and K > 2)
    if multi:
        lp = separable(X, codes, K, True, cfg["fitIntercept"])
        which = None
    else:
        ks = [1] if K == 2 else list(range(K))
        seps = [k for k in ks if separable(X, (codes == k).astype(int), None, False,
                                            cfg["fitIntercept"])]
        lp = bool(seps)
        which = [to_list(classes[k]) for k in seps]
    # cross-check: training accuracy of a huge-C fit
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        big = LogisticRegression(C=1e8, max_iter=5000, fit_intercept=cfg["fitIntercept"],
                                 multi_class="multinomial" if multi else "ovr").fit(X, y)
    acc = float(np.mean(big.predict(X) == y))
    return lp, dict(lpSeparable=lp, separableOvrClasses=which, hugeCTrainAccuracy=acc,
                    hugeCCoefMaxAbs=float(np.max(np.abs(big.coef_))))


def main():
    os.makedirs(DS_DIR, exist_ok=True)
    datasets = build_datasets()
    for name, ds in datasets.items():
        classes = np.unique(ds["y"])
        rec = {"name": name, "description": ds["description"],
               "nSamples": int(ds["X"].shape[0]), "nFeatures": int(ds["X"].shape[1]),
               "classes": to_list(classes), "featureNames": ds["featureNames"],
               "X": to_list(ds["X"]), "y": to_list(ds["y"])}
        with open(os.path.join(DS_DIR, name + ".json"), "w") as fh:
            json.dump(rec, fh, allow_nan=False, separators=(",", ":"))
            fh.write("\n")

    fits, skipped = [], []
    for cfg in configs():
        ds = datasets[cfg["dataset"]]
        if cfg["penalty"] == "none":
            sep, det = check_separability(cfg, ds)
            if sep:
                skipped.append({"id": cfg["id"], "reason": "training set is (quasi-)separable "
                                "for this problem: penalty none has no finite optimum", **det})
                print("skip", cfg["id"], det)
                continue
            cfg["note"] = "separability checked: not separable (LP); huge-C train accuracy %r" \
                % det["hugeCTrainAccuracy"]
        rec = run_fit(cfg, ds)
        fits.append(rec)
        print("%-62s obj %.15g -> %.15g  kkt %.1e (rel %.1e)  gap %.2e  null %d" % (
            rec["id"], rec["sklearn"]["objective"], rec["optimum"]["objective"],
            rec["optimum"]["gradMaxAbs"],
            rec["optimum"]["gradMaxAbs"] / max(1.0, rec["optimum"]["gradScale"]),
            rec["rawVsOptimum"]["coefMaxAbs"], rec["optimum"]["nullDims"]))

    out = {
        "generator": {"script": "tools/make_parity_fixtures.py", "sklearn": sklearn.__version__,
                      "numpy": np.__version__, "scipy": scipy.__version__},
        "objective": (
            "F = C * sum_i s_i * logloss_i + r(w), s_i = sampleWeight_i * classWeight_i; "
            "r = 1/2|w|^2 (l2), |w|_1 (l1), l1Ratio|w|_1 + 1/2(1-l1Ratio)|w|^2 (elasticnet), "
            "0 (none, C taken as 1); intercept unpenalised; multinomial: softmax "
            "cross-entropy, every row penalised; ovr: sum of the k-vs-rest binary "
            "objectives. gradMaxAbs is the max-abs minimal-norm subgradient (KKT residual) "
            "of F; gradScale = C * sum_i s_i * max_j |x_ij| (with the intercept column). "
            "sklearn lbfgs/newton-cg stop on max|grad(F)|/C <= tol; newton-cholesky on "
            "max|grad(F)|/(C*sum(sampleWeight)) <= tol; sag/saga on relative weight change."),
        "nearTieThreshold": NEAR_TIE,
        "skipped": skipped,
        "fits": fits,
    }
    with open(os.path.join(OUT_DIR, "fits.json"), "w") as fh:
        json.dump(out, fh, allow_nan=False, separators=(",", ":"))
        fh.write("\n")
    print("%d fits, %d skipped" % (len(fits), len(skipped)))


if __name__ == "__main__":
    main()
